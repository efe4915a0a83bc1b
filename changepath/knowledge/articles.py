"""Loads knowledge-bank articles: Markdown files with YAML front matter, one topic each."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import Problems
from .fields import AUDIENCES, Fields, load_yaml_text
from .models import Article, Source, Topic, count_words

MIN_WORDS, MAX_WORDS = 150, 400
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
ARTICLE_FIELDS = {"slug", "title", "topic", "audience", "language", "summary", "sources", "reviewed", "flows", "for_young_people"}
SOURCE_FIELDS = {"title", "publisher", "url", "checked"}
# Words the content standard keeps out of what a person reads (rule 8), outside quoted service names.
LABELS = re.compile(r"\b(abusers?|perpetrators?)\b(?! programme)", re.I)


def load_articles(folder: Path, topics: dict[str, Topic], problems: Problems) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    if not folder.is_dir():
        problems.add(folder, "(folder)", "the articles folder is missing")
        return articles
    for path in sorted(folder.glob("*/*.md")):
        article = _load_article(path, topics, problems)
        if article is None:
            continue
        if article.slug in articles:
            problems.add(path, "slug", f"'{article.slug}' is already used by {articles[article.slug].path}")
            continue
        articles[article.slug] = article
    return articles


def _load_article(path: Path, topics: dict[str, Topic], problems: Problems) -> Article | None:
    raw = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(raw)
    if not match:
        problems.add(path, "front matter", "the file must start with '---', YAML fields, and '---'")
        return None
    try:
        meta = load_yaml_text(match.group(1))
    except yaml.YAMLError as exc:
        problems.add(path, "front matter", f"cannot be parsed ({exc})")
        return None
    body = match.group(2).strip()
    f = Fields(meta, path, problems)
    f.unknown_keys(ARTICLE_FIELDS)
    slug = f.slug("slug")
    if slug and slug != path.stem:
        f.fail("slug", f"'{slug}' must equal the file name '{path.stem}'")
    topic = f.choice("topic", set(topics))
    audience = f.choice("audience", AUDIENCES)
    if topic in topics and audience and topics[topic].audience not in (audience, "any"):
        f.fail("audience", f"'{audience}' does not fit topic '{topic}' (its audience is {topics[topic].audience})")
    language = f.text("language")
    if language and language != path.parent.name:
        f.fail("language", f"'{language}' must equal the folder name '{path.parent.name}'")
    sources = []
    raw_sources = f.mapping_list("sources")
    if not raw_sources and "sources" in f.data:
        f.fail("sources", "needs at least one source")
    for i, item in enumerate(raw_sources):
        s = Fields(item, path, problems, where=f"sources[{i}]")
        s.unknown_keys(SOURCE_FIELDS)
        sources.append(Source(s.text("title"), s.text("publisher", required=False), s.url("url"), s.date("checked")))
    words = count_words(body)
    if not MIN_WORDS <= words <= MAX_WORDS:
        f.fail("body", f"has {words} words; an article has {MIN_WORDS}-{MAX_WORDS}")
    if "<" in body and re.search(r"<[a-zA-Z/!]", body):
        f.fail("body", "contains raw HTML; use Markdown only")
    if label := LABELS.search(body):
        f.fail("body", f"uses the label '{label.group(0)}'; write person-first ('someone who uses abuse')")
    flows = f.strings("flows")  # checked against the loaded flows once all are known
    return Article(
        slug=slug,
        title=f.text("title"),
        topic=topic,
        audience=audience,
        language=language,
        summary=f.text("summary"),
        body=body,
        sources=tuple(sources),
        reviewed=f.date("reviewed"),
        flows=flows,
        for_young_people=f.flag("for_young_people"),
        path=str(path),
    )

