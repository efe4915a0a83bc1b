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
    r"wont let|doesnt let|didnt let|never lets)"  # not "tell": "she told me I'm controlling" is no act on me
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


def reader(message: str) -> str | None:
    """Who is writing, for a crisis response: a young person about themselves, else the audience cue."""
    if YOUNG.search(normalise(message)):
        return "young-person"
    return audience_cue(message)


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
