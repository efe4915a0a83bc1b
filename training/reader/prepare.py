"""Step 1 of distilling the crisis reader (see README.md): texts and the strong encoder's vectors of them.

Runs in the project's own environment (.venv/bin/python training/reader/prepare.py OUT_DIR). Writes:
  texts.json + teacher.npy   every training text (at most 128 tokens) and all-mpnet-base-v2's vector of it
  bank.npy                   the strong encoder's vectors of the crisis meaning check's examples
  heldout.json + heldout.npy the sentences of eval/select2.jsonl, never trained on: how faithful the student is

The texts are unlabelled: the knowledge bank (intent examples, crisis examples, article paragraphs),
the eval sets whose lines have been read, the corpus written for this (corpus/*.jsonl), and copies
of them made harder to read (adjacent sentence pairs, lower case without punctuation, typos,
dropped words). holdout8 to holdout11 and select2 are never used: they measure the student.
"""
from __future__ import annotations

import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

from changepath.conversation.crisis import CrisisMeaning
from changepath.conversation.embedding import MINILM, MPNET, SentenceEncoder
from changepath.conversation.text import sentences
from changepath.knowledge.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
READ_SETS = ["dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "select1"]
MEASURING = ("holdout8", "holdout9", "holdout10", "holdout11", "select2")  # never trained on, not even a line another set shares with them
HELD_OUT = "select2"  # its sentences measure the student's fidelity; the other measuring sets are never trained on either
MAX_TOKENS = 128


def base_texts(bank) -> list[str]:
    texts: list[str] = []
    for examples in list(bank.intents.values()) + list(bank.crisis_examples.values()):
        texts += examples
    for article in bank.articles.values():
        texts += [p.strip("#*- >") for p in article.body.split("\n") if len(p.strip("#*- >")) > 20]
    for name in READ_SETS:
        texts += [json.loads(line)["text"] for line in open(ROOT / "eval" / f"{name}.jsonl")]
    for path in sorted((ROOT / "training" / "reader" / "corpus").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in open(path)]
    out = []
    for text in texts:
        text = " ".join(text.split())
        parts = sentences(text)
        out += [text] + (parts if len(parts) > 1 else [])
    return without_measuring(out)


def without_measuring(texts: list[str]) -> list[str]:
    """Independent writers sometimes write the same short line ("hi is anyone there"): such a line is held out
    too, and so is any text that is one of a measuring line's sentences (the student's fidelity is read on them)."""
    held = measuring_texts()
    return [t for t in texts if t not in held]


@lru_cache(maxsize=1)
def measuring_texts() -> frozenset[str]:
    """Every line of the measuring sets, and each of its sentences, as base_texts writes them."""
    held: set[str] = set()
    for name in MEASURING:
        for line in open(ROOT / "eval" / f"{name}.jsonl"):
            text = " ".join(json.loads(line)["text"].split())
            held.update([text, *sentences(text)])
    return frozenset(held)


def harder(texts: list[str], seed: int = 1) -> list[str]:
    """The same texts as people also type them: sentence pairs, no capitals or punctuation, typos, dropped words."""
    rng = random.Random(seed)

    def typo(text: str) -> str:
        words = text.split()
        for _ in range(max(1, len(words) // 8)):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 3:
                j, op = rng.randrange(1, len(w) - 1), rng.random()
                words[i] = w[:j] + w[j + 1:] if op < .4 else w[:j] + w[j + 1] + w[j] + w[j + 2:] if op < .7 else w[:j] + w[j] + w[j:]
        return " ".join(words)

    out = []
    for text in texts:
        parts = sentences(text)
        if len(parts) > 2:
            out += [a + " " + b for a, b in zip(parts, parts[1:]) if rng.random() < 0.5]
        if len(text) < 400:
            r = rng.random()
            if r < 0.25:
                out.append(re.sub(r"[^\w\s']", "", text.lower()))
            elif r < 0.5:
                out.append(typo(text))
            elif r < 0.65:
                out.append(" ".join(w for w in text.split() if rng.random() > 0.12) or text)
    return out


def unique(texts: list[str]) -> list[str]:
    seen: set[str] = set()
    return [t for t in texts if t and not (t in seen or seen.add(t))]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    bank = load_bank()
    base = base_texts(bank)
    small, strong = SentenceEncoder(MINILM), SentenceEncoder(MPNET)
    texts = [t for t in without_measuring(unique(base + harder(unique(base)))) if len(small.tokenizer.encode(t).ids) <= MAX_TOKENS]
    print(f"{len(texts)} training texts", flush=True)
    json.dump(texts, open(out / "texts.json", "w"))
    np.save(out / "teacher.npy", strong.encode(texts))
    np.save(out / "bank.npy", CrisisMeaning(bank, strong).vectors)
    held = []
    for line in open(ROOT / "eval" / f"{HELD_OUT}.jsonl"):
        text = json.loads(line)["text"]
        held += sentences(text) if len(sentences(text)) > 1 else [text]
    held = unique(held)
    json.dump(held, open(out / "heldout.json", "w"))
    np.save(out / "heldout.npy", strong.encode(held))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/reader"))
