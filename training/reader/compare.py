"""Step 3 of distilling the crisis reader (see README.md): what the student finds, against the strong encoder.

Runs in the project's environment: compare.py STUDENT.npz SET[,SET...] [meaning-only]
For each set, crisis lines found and false alarms, and topic top-1 / top-3, for seven readings:
  small only     all-MiniLM-L6-v2 reads for topics and crisis, nobody reads again
  mpnet          the service today: MiniLM reads everything, all-mpnet-base-v2 reads again what it is unsure of
  student        the same, with the student's second reading (its vectors of the message against
                 the strong encoder's vectors of the examples)
  one mpnet      one reading only: all-mpnet-base-v2 reads for topics and crisis (the ceiling of the next line)
  one student    one reading only: the student reads every message, for topics and crisis, against
                 the strong encoder's vectors of the evidence and the examples (MiniLM's cost, once)
  both all       MiniLM and the student both read every sentence (twice MiniLM's cost)
  student 1st    the student reads for topics and crisis, MiniLM reads again what it is unsure of
"meaning-only" switches the patterns off, to see the readers alone. Totals only: run it on unread
sets only to measure a choice, once. STUDENT.npz may be "-" to measure the three without a student.
"""
from __future__ import annotations

import copy
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from changepath import evaluation
from changepath.conversation import crisis
from changepath.conversation.embedding import EPS, MINILM, MPNET, SentenceEncoder, _NumpyBert, shared_encoder
from changepath.conversation.matching import TopicMatcher
from changepath.knowledge.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]


class Student:
    """The distilled reader in numpy (the reference runtime): MiniLM's layers, then the projection."""

    hidden = 768

    def __init__(self, path: str):
        w = {k: v.astype(np.float32) for k, v in np.load(path).items()}
        self.projection = (w.pop("projection.weight"), w.pop("projection.bias"))
        w["embeddings.word_embeddings.weight"] = _minilm_words()  # frozen in training: not in the file
        self.run = _NumpyBert(w, MINILM)
        self.tokenizer = shared_encoder(MINILM).tokenizer
        self.model = replace(MINILM, name="student", sha256=f"student-{path}")
        self.name = "student-numpy"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.hidden), np.float32)
        for row, text in enumerate(texts):
            ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
            vector = self.run(ids, np.ones_like(ids)) @ self.projection[0].T + self.projection[1]
            out[row] = vector / max(float(np.linalg.norm(vector)), EPS)
        return out

    encode_message = SentenceEncoder.encode_message  # the same token-weighted mean of the sentences
    _recent: dict = {}  # which encode_message reads for token counts; the student keeps none, so it counts them


def _minilm_words() -> np.ndarray:
    from changepath.conversation.embedding import _weights, model_files

    return _weights(MINILM, model_files(MINILM)[0])["embeddings.word_embeddings.weight"]


def main(student_path: str, sets: list[str], meaning_only: bool) -> None:
    bank = load_bank()
    matcher = TopicMatcher(bank)
    small = crisis.CrisisMeaning(bank, matcher.encoder)
    if meaning_only:
        crisis.detect = lambda message: []
    strong_matcher = TopicMatcher(bank, encoder=shared_encoder(MPNET))
    reader = crisis.CrisisMeaning(bank, shared_encoder(MPNET))
    readings = {"small only": (matcher, crisis.CrisisCheck(small)),
                "mpnet": (matcher, crisis.CrisisCheck(small, strong=reader)),
                "one mpnet": (strong_matcher, crisis.CrisisCheck(reader))}
    if student_path != "-":
        student = copy.copy(reader)  # the strong encoder's vectors of the examples ...
        student.encoder = Student(student_path)  # ... and the student's reading of the message
        student_matcher = copy.copy(strong_matcher)  # the same for the topics' evidence
        student_matcher.encoder = student.encoder
        readings["student"] = (matcher, crisis.CrisisCheck(small, strong=student))
        readings["one student"] = (student_matcher, crisis.CrisisCheck(student))
        every = crisis.CrisisCheck(small, strong=student)
        every.GATE = -1.0  # both read every sentence: the union at twice MiniLM's cost
        readings["both all"] = (matcher, every)
        readings["student 1st"] = (student_matcher, crisis.CrisisCheck(student, strong=small))
    totals = {name: [0] * 6 for name in readings}
    for name in sets:
        rows = evaluation.read_lines(ROOT / "eval" / f"{name}.jsonl", set(bank.topics), set(bank.crisis_kinds))
        for reading, (ranker, check) in readings.items():
            result = evaluation.evaluate(rows, ranker, check)
            counts = (result.crisis_found, result.crisis_n, result.false_alarms, result.calm_n, result.top1, result.top3)
            for k, v in enumerate(counts):
                totals[reading][k] += v
            print(f"{name:10} {reading:11} found {result.crisis_found}/{result.crisis_n}, false alarms "
                  f"{result.false_alarms}/{result.calm_n}, topic top-1 {result.top1}/{result.topic_n} "
                  f"top-3 {result.top3}/{result.topic_n}", flush=True)
    for reading, (found, n, alarms, calm, top1, top3) in totals.items():
        print(f"all        {reading:11} found {found}/{n}, false alarms {alarms}/{calm}, topic top-1 {top1} top-3 {top3}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split(","), len(sys.argv) > 3 and sys.argv[3] == "meaning-only")
