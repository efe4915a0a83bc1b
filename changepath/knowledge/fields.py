"""Small field checkers shared by every content loader; each records a problem instead of raising."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PERSON_AUDIENCES = ("using", "experiencing", "concerned", "professional")
AUDIENCES = (*PERSON_AUDIENCES, "any")
# Who may be reading a crisis response: a person audience, or a child or young person writing
# about themselves (perspective.reader), who needs other words and other lines.
READERS = (*PERSON_AUDIENCES, "young-person")


class TextDatesLoader(yaml.SafeLoader):
    """YAML without implicit dates: '2026-13-45' stays text, so the field check can name the field."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_text(text: str) -> Any:
    return yaml.load(text, Loader=TextDatesLoader)  # noqa: S506 - a SafeLoader subclass


def read_yaml(path: Path, problems: Problems) -> Any:
    try:
        return load_yaml_text(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.add(path, "yaml", f"cannot be parsed ({exc}); check indentation and quoting")
    except UnicodeDecodeError:
        problems.add(path, "encoding", "is not UTF-8 text")
    return None


class Fields:
    """Reads fields of one mapping in one file, recording what is missing or malformed."""

    def __init__(self, data: Any, path: Path, problems: Problems, where: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.problems = problems
        self.where = where
        if not isinstance(data, dict):
            self.fail("", "must be a mapping of fields (key: value)")

    def fail(self, field: str, message: str) -> None:
        name = ".".join(p for p in (self.where, field) if p) or "(file)"
        self.problems.add(self.path, name, message)

    def text(self, field: str, required: bool = True, default: str = "") -> str:
        value = self.data.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, "is missing; add it")
            return default
        if not isinstance(value, (str, int, float)):
            self.fail(field, f"must be text, not {type(value).__name__}")
            return default
        return str(value).strip()

    def slug(self, field: str) -> str:
        value = self.text(field)
        if value and not SLUG.match(value):
            self.fail(field, f"'{value}' must be lowercase words joined by '-'")
        return value

    def choice(self, field: str, allowed: tuple[str, ...] | set[str], required: bool = True) -> str:
        value = self.text(field, required=required)
        if value and value not in allowed:
            self.fail(field, f"unknown value '{value}'; use one of: {', '.join(sorted(allowed))}")
        return value

    def choices(self, field: str, allowed: tuple[str, ...] | set[str], required: bool = True) -> tuple[str, ...]:
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "is missing; add a list")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(field, "must be a list")
            return ()
        out = []
        for item in value:
            if str(item) not in allowed:
                self.fail(field, f"unknown value '{item}'; use one of: {', '.join(sorted(allowed))}")
            else:
                out.append(str(item))
        return tuple(out)

    def strings(self, field: str) -> tuple[str, ...]:
        value = self.data.get(field)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(field, "must be a list of names")
            return ()
        return tuple(value)

    def date(self, field: str) -> dt.date | None:
        value = self.data.get(field)
        if value is None:
            self.fail(field, "is missing; add a date as YYYY-MM-DD")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(field, f"'{value}' is not a valid date; write it as YYYY-MM-DD")
            return None

    def url(self, field: str, required: bool = True) -> str:
        value = self.text(field, required=required)
        if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            self.fail(field, f"'{value}' is not a web address (https://...)")
        return value

    def flag(self, field: str) -> bool:
        value = self.data.get(field, False)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
            return False
        return value

    def mapping_list(self, field: str, required: bool = True) -> list[Any]:
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "is missing; add a list")
            return []
        if not isinstance(value, list):
            self.fail(field, "must be a list")
            return []
        return value

    def unknown_keys(self, known: set[str]) -> None:
        for key in self.data:
            if key not in known:
                self.fail(str(key), f"is not a known field; known fields: {', '.join(sorted(known))}")
