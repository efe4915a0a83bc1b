"""The process-wide knowledge bank, engine and article search, built once from settings."""

from __future__ import annotations

from functools import lru_cache

import markdown_it
import nh3
from django.conf import settings

from changepath.conversation import Engine
from changepath.conversation.search import ArticleSearch
from changepath.knowledge import load_bank


@lru_cache(maxsize=1)
def bank():
    return load_bank(settings.CHANGEPATH["CONTENT_DIR"])


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine(bank(), default_country=settings.CHANGEPATH["COUNTRY"])


@lru_cache(maxsize=1)
def search() -> ArticleSearch:
    return ArticleSearch(bank(), engine().matcher)


_markdown = markdown_it.MarkdownIt("commonmark", {"html": False, "linkify": False})


@lru_cache(maxsize=512)
def render_markdown(text: str) -> str:
    """Markdown to safe HTML: raw HTML is not passed through, and the result is cleaned again."""
    return nh3.clean(_markdown.render(text), link_rel="noopener noreferrer")
