"""Whose behaviour a message is about, from who does what to whom; no cue when the grammar is silent or torn."""

import pytest

from changepath.conversation.perspective import audience_cue

CASES = [
    ("experiencing", "my boyfriend checks my phone and tells me what to wear"),
    ("experiencing", "he calls me names in front of the kids"),
    ("experiencing", "my son hits me when he doesn't get money"),
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
