"""Text normalisation shared by the crisis check, the guard and the matcher.

People write to a helpline in a hurry, on a phone, upset: "hes outside n says hell kil me",
"he chocked me". Normalising once, the same way for every check, lets the patterns stay readable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SHORTHAND = {
    "u": "you", "ur": "your", "r": "are", "n": "and", "bc": "because", "cuz": "because", "coz": "because",
    "pls": "please", "plz": "please", "rn": "right now", "atm": "right now", "tmrw": "tomorrow",
    "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband", "missus": "wife", "mrs": "wife",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "kinda": "kind of", "dunno": "do not know",
    "wat": "what", "wot": "what", "bout": "about", "tho": "though", "thru": "through", "cos": "because",
}
# Misspellings of the words that crisis and safety checks depend on are mended by edit distance,
# so "chocked", "strangeled" and "suicidle" are read as meant; other words are left alone.
CRISIS_LEXICON = (
    "choke", "choked", "choking", "strangle", "strangled", "strangling", "strangulation", "strangulated",
    "throttle", "throttled", "suffocate", "suffocated", "smothered", "suicide", "suicidal", "overdose",
    "murder", "throat", "knife", "pills", "tablets", "myself", "kill", "killed", "killing", "stabbed",
)
_LEXICON_SET = frozenset(CRISIS_LEXICON)
_ORDINARY = frozenset({
    # real words within one edit of a lexicon word, which must never be "corrected"
    "chose", "chore", "choker", "joked", "smoke", "skill", "kills", "pill", "tablet", "throne", "threat",
    "murky", "knit", "knives", "mystery", "still", "hill", "fill", "will", "till", "bill", "mill", "kilt",
    "killer", "chokes", "stabbe", "thread", "throats", "pillow", "pillows", "spills", "spill", "strange",
    "stranger", "wrangled", "tangled", "mangled", "jangled", "dangled", "spangled",
})


@lru_cache(maxsize=256)  # one turn normalises the same message for the crisis check, the guard and the perspective cues
def normalise(text: str) -> str:
    """Lower case, plain apostrophes removed ("he's" -> "hes"), shorthand expanded, spaces folded."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # he's -> hes, can't -> cant, i'm -> im
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # sooo -> soo, pleeease -> pleease
    words = []
    for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*|[^\sa-z0-9]", text):
        word = _SHORTHAND.get(word, word)
        words.append(_mend(word))
    text = " ".join(words)
    return re.sub(r"\s+([.,!?;:)])", r"\1", text)


@lru_cache(maxsize=16384)  # words, not messages: the same few thousand words come up again and again
def _mend(word: str) -> str:
    if len(word) < 5 or word in _LEXICON_SET or word in _ORDINARY or not word.isalpha():
        return word
    best, best_distance = word, 3
    for candidate in CRISIS_LEXICON:
        # One edit anywhere; two only in a long word that shares its first four letters with the
        # candidate ("suicidle"), so that ordinary words ("checking") are never turned into crisis words.
        limit = 2 if len(word) >= 8 and word[:4] == candidate[:4] else 1
        if abs(len(candidate) - len(word)) > limit or candidate[0] != word[0]:
            continue
        distance = _distance(word, candidate, limit)
        if distance <= limit and distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (edits and swaps of neighbours), cut off above `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def sentences(text: str) -> list[str]:
    """Splits a message into sentences; a long letter becomes several short pieces."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if len(p.strip()) > 1]
