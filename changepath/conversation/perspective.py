"""Whose behaviour a message is about, from its grammar: who does what to whom.

"He checks my phone" and "I check her phone" share their words and differ in who acts, which is
exactly what decides the audience (experiencing or using). The cue is deliberately narrow: an actor,
one of a set of controlling or harmful verbs, and an object, close together. No cue means no
guess: the engine asks, as before.
"""

from __future__ import annotations

import re

from .text import normalise

PARTNER = r"(?:partner|boyfriend|girlfriend|husband|wife|ex|fiance|fiancee|missus|spouse|other half)"
FAMILY = r"(?:son|daughter|mum|mom|mother|dad|father|brother|sister|stepdad|stepmum|uncle|aunt|grandson|granddaughter)"
CLOSE = r"(?:friend|mate|bestie|sister|brother|daughter|son|mum|mom|dad|cousin|niece|nephew|colleague|neighbour|flatmate)"
ACTS = (
    r"(?:hit|hits|hitting|push|pushes|pushed|pushing|shove|shoves|shoved|grab|grabs|grabbed|slap|slaps|slapped|punch|punches|"
    r"punched|kick|kicks|kicked|hurt|hurts|hurting|choke|chokes|choked|strangle|strangled|shake|shook|"
    r"check|checks|checked|checking|control|controls|controlled|controlling|monitor|monitors|track|tracks|tracked|"
    r"follow|follows|followed|threaten|threatens|threatened|shout at|shouts at|shouted at|shouting at|yell at|yells at|"
    r"yelled at|scream at|screams at|screamed at|swear at|swears at|insult|insults|insulted|belittle|belittles|"
    r"call|calls|called|put down|puts down|isolate|isolates|isolated|lock|locks|locked|force|forces|forced|"
    r"make|makes|made|stop|stops|stopped|take|takes|took|read|reads|go through|goes through|going through|went through|"
    r"spit at|spat at|smash|smashed|throw things at|threw things at|rape|raped|abuse|abuses|abused|abusing|"
    r"text|texts|texted|texting|message|messages|messaged|messaging|ring|rings|ringing|"
    r"wont let|doesnt let|didnt let|never lets|"
    r"find|come after|comes after|hunt down|track down)"  # "he says if I leave he will find me": a threat to me  # not "tell": "she told me I'm controlling" is no act on me
)
OTHER = rf"(?:he|she|they|my\s+(?:{PARTNER}|{FAMILY}))"
CHILDREN = r"(?:(?:the|my|our)\s+(?:baby|babies|kid|kids|child|children|toddler|little one|boy|girl))"
I_WORDS = r"(?:i|ive|id|ill)"

CUES = [
    ("professional", re.compile(
        r"\b(?:my|a|our|one of my)\s+(?:client|patient|tenant|pupil|student|service user|resident|participant)s?\b|"
        r"\bi(?:m| am)\s+(?:a|an)\s+(?:nurse|gp|doctor|teacher|social worker|housing officer|police officer|"
        r"probation officer|midwife|health visitor|counsellor|support worker|paramedic|practitioner)\b")),
    ("concerned", re.compile(
        rf"\bmy\s+{CLOSE}s?\s+(?:\w+\s+){{0,3}}(?:{PARTNER}|{FAMILY})\b(?!\s+and\s+i)|"
        rf"\bmy\s+{CLOSE}\s+(?:is|has been|keeps)\s+(?:being\s+)?(?:hit|hurt|abused|controlled|beaten)\b|"
        # someone else's danger reaching the writer: a call, a message, sounds through a wall
        rf"\bmy\s+(?:best\s+)?{CLOSE}\s+(?:just\s+)?(?:rang|called|phoned|texted|messaged|sent|facetimed)\s+me\b|"
        r"\b(?:hear|hearing|heard)\s+(?:\w+\s+){0,4}(?:neighbou?rs?|next door|upstairs|downstairs|through the wall)\b|"
        r"\bthe\s+couple\s+(?:above|below|upstairs|downstairs|next door)\b")),
    ("experiencing", re.compile(rf"\b{OTHER}\s+(?:\w+\s+){{0,2}}?{ACTS}\s+(?:\w+\s+)?(?:me|my|us)\b")),
    ("using", re.compile(
        rf"\b{I_WORDS}\s+(?:\w+\s+){{0,2}}?{ACTS}\s+(?:\w+\s+)?(?:her|him|them|my\s+(?:{PARTNER}|{FAMILY})s?|{CHILDREN})\b|"
        # the writer's own behaviour named as such: "about my own behaviour", "my controlling behaviour"
        r"\bmy\s+own\s+(?:behaviou?r|anger|temper|violence|abuse)\b|"
        r"\bmy\s+(?:abusive|controlling|violent|aggressive)\s+(?:behaviou?r|ways)\b")),
]


# A child or young person writing about themselves: an age under 18, a school year, or a parent's
# partner or a step-parent doing something to "me".
YOUNG = re.compile(
    r"\b(?:im|i am)\s+(?:only\s+|just\s+)?(?:[5-9]|1[0-7])\b(?!\s*(?:weeks|months|days|hours|minutes|mins|times|stone|kg|ft|foot|years? (?:ago|together|married|in|with|of))\b)|"
    r"\b(?:im|i am)\s+in\s+year\s+(?:[1-9]|1[0-3])\b|"
    rf"\bmy\s+(?:mums|moms|mothers|dads|fathers)\s+(?:new\s+)?(?:boyfriend|girlfriend|partner|husband|wife)\s+(?:\w+\s+){{0,2}}?{ACTS}\s+(?:\w+\s+)?me\b|"
    rf"\bmy\s+(?:stepdad|stepmum|stepmom|stepfather|stepmother)\s+(?:\w+\s+){{0,2}}?{ACTS}\s+(?:\w+\s+)?me\b"
)


# Self-harm is the writer's own unless the grammar gives it to someone else ("he says he'll kill
# himself", "my sister is cutting herself again"): then the writer is the one who can act for them.
_SELF_HARM = r"(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving|hang|hanging|drown|drowning)"
OTHERS_SELF_HARM = re.compile(
    rf"\b{_SELF_HARM}\s+(?:himself|herself|themselves|themself)\b|\b(?:end|ending|take|taking)\s+(?:his|her|their)\s+(?:own\s+)?life\b")
OWN_SELF_HARM = re.compile(rf"\b{_SELF_HARM}\s+myself\b|\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life\b")
# ... and harm aimed at someone else in the same breath ("kill her and then myself", "take them with me").
HARM_TO_OTHERS = re.compile(
    rf"\b(?:{_SELF_HARM}|stab|stabbing|shoot|shooting|strangle|strangling|end)\s+(?:her|him|them|you|us|everyone|"
    rf"my\s+(?:{PARTNER}|{FAMILY}|kids|children|baby)|the\s+(?:kids|children|baby))\b|"
    r"\btake\s+(?:her|him|them|the kids|the children|everyone)\s+(?:\w+\s+)?with\s+me\b")


def harm_is_own(text: str) -> bool:
    """The writer turns the harm on themselves ("I want to kill myself") and on no one else."""
    text = normalise(text)
    return bool(OWN_SELF_HARM.search(text)) and not HARM_TO_OTHERS.search(text)


def reader(message: str, kind: str | None = None) -> str | None:
    """Who is writing, for a crisis response (of `kind`): a young person about themselves, else the audience cue.

    For self-harm, someone else's ("she says she'll kill herself") makes the writer a concerned
    other, whatever else the grammar says (a young person's lines still come first: see the engine),
    unless they write as a professional or of their own too.
    """
    text = normalise(message)
    cue = audience_cue(message)
    if kind == "self-harm" and cue != "professional" and OTHERS_SELF_HARM.search(text) and not OWN_SELF_HARM.search(text):
        return "concerned"  # a young person too: "my mum says she wants to kill herself" is about her
    if YOUNG.search(text):
        return "young-person"
    return cue


def audience_cue(message: str) -> str | None:
    """The audience the grammar points to, or None when it points nowhere or two ways."""
    text = normalise(message)
    found = {audience for audience, pattern in CUES if pattern.search(text)}
    if "professional" in found:
        return "professional"  # "my patient's husband hits her" is a professional's question
    if "concerned" in found:
        return "concerned"
    if len(found) == 1:
        return found.pop()
    return None
