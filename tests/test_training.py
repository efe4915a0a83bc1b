"""The distillation of the crisis reader (training/reader) never trains on the sets that measure it."""
import importlib.util
import json

import pytest

from changepath.conversation.text import sentences
from conftest import ROOT

UNREAD = ("holdout8", "holdout9", "holdout10", "holdout11", "select2")  # never trained on: they measure the student (docs/EVALUATION.md)


@pytest.fixture(scope="module")
def prepare():
    spec = importlib.util.spec_from_file_location("prepare", ROOT / "training" / "reader" / "prepare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_texts_hold_no_line_of_a_measuring_set(prepare, bank):
    texts = set(prepare.base_texts(bank))
    texts |= set(prepare.without_measuring(prepare.harder(sorted(texts))))
    for name in UNREAD:
        assert name not in prepare.READ_SETS
        lines = [" ".join(json.loads(line)["text"].split()) for line in open(ROOT / "eval" / f"{name}.jsonl")]
        assert not texts & set(lines), name
        assert not texts & {part for line in lines for part in sentences(line)}, name  # nor one of their sentences


def test_the_corpus_is_unlabelled_text(prepare):
    files = sorted((ROOT / "training" / "reader" / "corpus").glob("*.jsonl"))
    assert files
    for path in files:
        rows = [json.loads(line) for line in open(path)]
        assert rows and all(set(row) == {"text"} and row["text"].strip() for row in rows), path
