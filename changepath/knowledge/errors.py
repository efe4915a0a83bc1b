"""Content errors that say which file, which field, and what to do."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """One or more content files are invalid. `problems` lists each as 'file: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the content files:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in problems)]))


class Problems:
    """Collects problems while loading, so one run reports every broken file, not just the first."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[str] = []

    def add(self, path: Path | str, field: str, message: str) -> None:
        try:
            shown = Path(path).relative_to(self.root.parent)
        except ValueError:
            shown = path
        self.items.append(f"{shown}: {field}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
