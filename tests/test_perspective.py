"""Whose behaviour a message is about, from who does what to whom; no cue when the grammar is silent or torn."""

import pytest

from changepath.conversation.perspective import audience_cue

CASES = [
    ("experiencing", "my boyfriend checks my phone and tells me what to wear"),
    ("experiencing", "he calls me names in front of the kids"),
    ("experiencing", "my son hits me when he doesn't get money"),
    ("experiencing", "he says if I leave he will find me"),  # a threat made to me
    ("experiencing", "my ex says she'll come after me if I tell anyone"),
    ("using", "I check her phone every night"),
    ("using", "I pushed my husband against the wall"),
    ("using", "she says I hurt her"),
    ("using", "I keep going through my wife's messages"),  # a possessive: her things, not her
    ("using", "I check my partners phone every night"),
    ("using", "who can I talk to about my own temper"),  # the behaviour named as the writer's own
    ("using", "worried about my controlling behaviour lately"),
    ("concerned", "my sister's boyfriend controls all her money"),
    ("professional", "I'm a health visitor and a mum told me her partner hits her"),
    (None, "we argue a lot"),
    (None, "my wife told me I'm controlling"),
    (None, "my ex won't let me see the children and I keep texting her"),
]


@pytest.mark.parametrize(("audience", "text"), CASES)
def test_audience_cue(audience, text):
    assert audience_cue(text) == audience


def test_a_clear_perspective_is_answered_without_asking(engine):
    _, reply = engine.reply(None, "my boyfriend checks my phone and tells me what to wear")
    assert reply.topic is not None and reply.text != engine.bank.chat.ask_audience


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("self-harm", "my son told me he wants to kill himself", "concerned"),  # someone else's self-harm
    ("self-harm", "my husband says he'll end his life if I leave", "concerned"),
    ("self-harm", "I'm a nurse and a patient says she'll take her own life", "professional"),
    ("self-harm", "he says he'll kill himself and honestly I want to kill myself too", None),  # and the writer's own
    ("danger-now", "he's got a knife and says he'll kill himself and me", None),  # only self-harm is given away
    ("self-harm", "I'm 14 and my mum says she wants to kill herself", "concerned"),  # about her, not me
    ("danger-now", "I'm 14 and my mum says she wants to kill herself", "young-person"),
])
def test_the_reader_of_a_crisis_response(kind, text, expected):
    from changepath.conversation.perspective import reader

    assert reader(text, kind) == expected
