"""Shared fixtures: one knowledge bank and one engine per test run (building them takes seconds)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"
os.environ.setdefault("CHANGEPATH_CACHE_DIR", str(ROOT / "var" / "cache"))


@pytest.fixture(scope="session")
def bank():
    from changepath.knowledge import load_bank

    return load_bank()


@pytest.fixture(scope="session")
def engine(bank):
    from changepath.conversation import Engine

    return Engine(bank, default_country="GB")


@pytest.fixture(scope="session")
def dev_rows():
    if not DEV_SET.exists():
        pytest.fail(f"the development set is missing at {DEV_SET}; CI runs with shared/ beside the project")
    return [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]
