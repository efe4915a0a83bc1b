"""The help chat's conversation engine: pure Python, no Django, no I/O beyond loading content.

    from changepath.conversation import reply, new_state
    state, answer = reply(new_state(), "i think i might be controlling")

`reply(state, message) -> (new_state, Reply)`; state is plain JSON-serialisable data.
"""

from __future__ import annotations

from functools import lru_cache

from .engine import Engine
from .reply import ArticleLink, Reply, ServiceInfo
from .state import new_state

__all__ = ["ArticleLink", "Engine", "Reply", "ServiceInfo", "default_engine", "new_state", "reply"]


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine over the installed knowledge bank, built once per process."""
    import os

    from changepath.knowledge import load_bank

    return Engine(load_bank(os.environ.get("CHANGEPATH_CONTENT_DIR")), default_country=os.environ.get("CHANGEPATH_COUNTRY", "GB"))


def reply(state: dict | None, message: str) -> tuple[dict, Reply]:
    return default_engine().reply(state, message)
