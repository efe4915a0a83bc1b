"""Shared fixtures: one knowledge bank and one engine per test run (building them takes seconds)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "eval" / "dev.jsonl"  # the development set, shipped with the project
SHARED = ROOT.parent / "shared"  # the steering repo's spec and data, beside the project in CI
os.environ.setdefault("CHANGEPATH_CACHE_DIR", str(ROOT / "var" / "cache"))


@pytest.fixture(scope="session")
def bank():
    from changepath.knowledge import load_bank

    return load_bank()


@pytest.fixture(scope="session")
def engine(bank):
    from changepath.conversation import Engine

    return Engine(bank, default_country="GB")


def shared_file(relative: str) -> Path:
    """A file of shared/: CI always has it (a missing one fails there); a plain clone skips the check."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing; CI runs with shared/ beside the project")
        pytest.skip(f"shared/ is not beside this checkout ({path}); CI checks this")
    return path


@pytest.fixture(scope="session")
def dev_rows():
    return [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]
