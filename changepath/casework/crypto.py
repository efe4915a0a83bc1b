"""Encryption at rest for what identifies or locates a person, and blind indexes to find duplicates.

Values are encrypted with Fernet (AES-128-CBC + HMAC) under a MultiFernet, so keys can be rotated:
the first key encrypts, every key decrypts. Duplicate checks ("same name and date of birth", "same
phone") compare keyed HMACs of normalised values, so matching never needs decryption.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=1)
def _keys() -> tuple[bytes, ...]:
    keys = settings.CHANGEPATH_FIELD_KEYS
    if not keys:
        path = Path(settings.VAR_DIR) / "field_keys"
        if not path.exists():  # a single local install: make a key on first use and keep it in var/
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(Fernet.generate_key().decode())
            path.chmod(0o600)
        keys = [k.strip() for k in path.read_text().split(",") if k.strip()]
    try:
        return tuple(k.encode() for k in keys if Fernet(k.encode()))
    except ValueError as exc:
        raise ImproperlyConfigured(f"CHANGEPATH_FIELD_KEYS holds a key that is not a Fernet key: {exc}") from None


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured("an encrypted field cannot be read with the configured keys") from None


def blind_index(*parts: str) -> str:
    """A keyed hash of normalised values: equal inputs match, and nothing can be read back from it."""
    key = hmac.new(_keys()[-1], b"changepath blind index", hashlib.sha256).digest()  # the oldest key: stable
    normal = "|".join(re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts)
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest() if normal.strip("|") else ""


class EncryptedTextField(models.TextField):
    """Text stored encrypted; reads and writes are plain text in Python."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value
