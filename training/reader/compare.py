"""Step 3 of distilling the crisis reader (see README.md): what the student finds, against the strong encoder.

Runs in the project's environment: compare.py STUDENT.npz SET[,SET...] [meaning-only]
For each set, crisis lines found and false alarms with the second reading done by nobody (the small
encoder alone), by all-mpnet-base-v2 (the service today) and by the student (its vectors of the
message against the strong encoder's vectors of the examples). "meaning-only" switches the patterns
off, to see the readers alone. Totals only: run it on unread sets only to measure a choice, once.
"""
from __future__ import annotations

import copy
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from changepath import evaluation
from changepath.conversation import crisis
from changepath.conversation.embedding import EPS, MINILM, MPNET, _NumpyBert, shared_encoder
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


def _minilm_words() -> np.ndarray:
    from changepath.conversation.embedding import _weights, model_files

    return _weights(MINILM, model_files(MINILM)[0])["embeddings.word_embeddings.weight"]


def main(student_path: str, sets: list[str], meaning_only: bool) -> None:
    bank = load_bank()
    matcher = TopicMatcher(bank)
    small = crisis.CrisisMeaning(bank, matcher.encoder)
    if meaning_only:
        crisis.detect = lambda message: []
    reader = crisis.CrisisMeaning(bank, shared_encoder(MPNET))
    student = copy.copy(reader)  # the strong encoder's vectors of the examples ...
    student.encoder = Student(student_path)  # ... and the student's reading of the message
    checks = {"small only": crisis.CrisisCheck(small), "mpnet": crisis.CrisisCheck(small, strong=reader),
              "student": crisis.CrisisCheck(small, strong=student)}
    totals = {name: [0, 0, 0, 0] for name in checks}
    for name in sets:
        rows = evaluation.read_lines(ROOT / "eval" / f"{name}.jsonl", set(bank.topics), set(bank.crisis_kinds))
        for reading, check in checks.items():
            result = evaluation.evaluate(rows, matcher, check)
            for k, v in enumerate((result.crisis_found, result.crisis_n, result.false_alarms, result.calm_n)):
                totals[reading][k] += v
            print(f"{name:10} {reading:11} found {result.crisis_found}/{result.crisis_n}, false alarms "
                  f"{result.false_alarms}/{result.calm_n}, number first {result.crisis_number_first}", flush=True)
    for reading, (found, n, alarms, calm) in totals.items():
        print(f"all        {reading:11} found {found}/{n}, false alarms {alarms}/{calm}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split(","), len(sys.argv) > 3 and sys.argv[3] == "meaning-only")
