"""Loads the whole content folder into one validated KnowledgeBank, or fails naming every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .articles import load_articles
from .directory import KINDS, load_directory
from .errors import Problems
from .fields import AUDIENCES, PERSON_AUDIENCES, READERS, Fields, read_yaml
from .flows import load_flows
from .models import CHANNEL_WORDS, PLACEHOLDER, Article, ChatText, Country, CrisisKind, CrisisWords, Flow, Topic

DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"


@dataclass(frozen=True)
class KnowledgeBank:
    root: Path
    topics: dict[str, Topic]
    crisis_kinds: dict[str, CrisisKind]
    articles: dict[str, Article]
    flows: dict[str, Flow]
    countries: dict[str, Country]
    intents: dict[str, tuple[str, ...]]  # topic -> example messages
    crisis_examples: dict[str, tuple[str, ...]]  # crisis kind (or "none") -> example sentences
    chat: ChatText

    def articles_for(self, topic: str, language: str = "en") -> list[Article]:
        return [a for a in self.articles.values() if a.topic == topic and a.language == language]

    def country(self, code: str) -> Country:
        return self.countries.get(code.upper()) or next(iter(self.countries.values()))


def load_bank(root: Path | str | None = None) -> KnowledgeBank:
    root = Path(root) if root else DEFAULT_CONTENT
    problems = Problems(root)
    topics = _load_topics(root / "topics.yaml", problems)
    crisis = _load_crisis(root / "crisis.yaml", topics, problems)
    articles = load_articles(root / "articles", topics, problems)
    flows = load_flows(root / "flows", topics, problems)
    countries = load_directory(root / "services", problems)
    intents = _load_intents(root / "intents", topics, problems)
    crisis_examples = _load_crisis_examples(root / "crisis-examples", crisis, problems)
    chat = _load_chat(root / "chat.yaml", topics, problems)
    _cross_check(topics, articles, flows, countries, problems)
    problems.raise_if_any()
    return KnowledgeBank(
        root, topics, crisis, articles, flows, countries, intents, crisis_examples, chat
    )


def _load_topics(path: Path, problems: Problems) -> dict[str, Topic]:
    data = read_yaml(path, problems) or {}
    topics = {}
    for slug, raw in (data.get("topics") or {}).items():
        f = Fields(raw, path, problems, where=f"topics.{slug}")
        topics[slug] = Topic(slug, f.choice("audience", AUDIENCES), f.text("about"))
    if not topics:
        problems.add(path, "topics", "no topics found")
    return topics


def _load_crisis(path: Path, topics: dict[str, Topic], problems: Problems) -> dict[str, CrisisKind]:
    data = read_yaml(path, problems) or {}
    kinds = {}
    for slug, raw in (data.get("kinds") or {}).items():
        f = Fields(raw, path, problems, where=f"kinds.{slug}")
        f.unknown_keys({"about", "say", "audiences", "service_kinds", "topic", "readers"})
        audiences = f.choices("audiences", PERSON_AUDIENCES)
        readers = {}
        raw_readers = f.data.get("readers") or {}
        if not isinstance(raw_readers, dict):
            f.fail("readers", "must be a mapping of reader -> {say, audiences, topic}")
            raw_readers = {}
        for reader, words in raw_readers.items():
            r = Fields(words, path, problems, where=f"kinds.{slug}.readers.{reader}")
            if reader not in READERS:
                r.fail("", f"unknown reader '{reader}'; use one of: {', '.join(READERS)}")
            r.unknown_keys({"say", "audiences", "topic"})
            readers[reader] = CrisisWords(r.text("say"), r.choices("audiences", PERSON_AUDIENCES, required=False) or audiences,
                                          r.choice("topic", set(topics), required=False))
        kinds[slug] = CrisisKind(
            slug=slug,
            about=f.text("about"),
            say=f.text("say"),
            audiences=audiences,
            service_kinds=f.choices("service_kinds", KINDS, required=False),
            hint_topic=f.choice("topic", set(topics), required=False),
            readers=readers,
        )
    if not kinds:
        problems.add(path, "kinds", "no crisis kinds found")
    return kinds


def _load_intents(folder: Path, topics: dict[str, Topic], problems: Problems) -> dict[str, tuple[str, ...]]:
    intents: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        f = Fields(read_yaml(path, problems), path, problems)
        topic = f.choice("topic", set(topics))
        if topic and topic != path.stem:
            f.fail("topic", f"'{topic}' must equal the file name '{path.stem}'")
        examples = f.strings("examples")
        if not examples:
            f.fail("examples", "needs at least one example message")
        intents[topic] = examples
    for slug in topics:
        if slug not in intents:
            problems.add(folder / f"{slug}.yaml", "(file)", f"topic '{slug}' has no intent examples; add this file")
    return intents


def _load_crisis_examples(folder: Path, kinds: dict, problems: Problems) -> dict[str, tuple[str, ...]]:
    """Sentences that carry each crisis kind, and ("none") sentences near them that do not."""
    examples: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        f = Fields(read_yaml(path, problems), path, problems)
        kind = f.choice("kind", {*kinds, "none"})
        examples[kind] = f.strings("examples")
        if not examples[kind]:
            f.fail("examples", "needs at least one example sentence")
    for kind in [*kinds, "none"]:
        if kind not in examples:
            problems.add(folder / f"{kind}.yaml", "(file)", f"crisis kind '{kind}' has no examples; add this file")
    return examples


def _load_chat(path: Path, topics: dict[str, Topic], problems: Problems) -> ChatText:
    f = Fields(read_yaml(path, problems), path, problems)
    replies = f.data.get("topic_replies") or {}
    if not isinstance(replies, dict):
        f.fail("topic_replies", "must map each topic to its reply")
        replies = {}
    for slug in topics:
        if not str(replies.get(slug) or "").strip():
            f.fail(f"topic_replies.{slug}", "is missing; every topic needs a short reply")
    for slug in replies:
        if slug not in topics:
            f.fail(f"topic_replies.{slug}", "is not a topic in topics.yaml")
    options = f.data.get("audience_options") or {}
    for audience in PERSON_AUDIENCES:
        if not options.get(audience):
            f.fail(f"audience_options.{audience}", "is missing; add the quick-reply label")
    labels = f.data.get("labels") or {}
    for key in ("not_safe", "find_service", "something_else", "more", "continue"):
        if not labels.get(key):
            f.fail(f"labels.{key}", "is missing")
    channels = f.data.get("channels") or {}
    if not isinstance(channels, dict) or "web" not in channels:
        f.fail("channels", "must give each channel's words, at least for 'web' (the chat page)")
        channels = {}
    for name, words in channels.items():
        for word in CHANNEL_WORDS:
            if not (isinstance(words, dict) and str(words.get(word) or "").strip()):
                f.fail(f"channels.{name}.{word}", f"is missing; every channel says how to {word} in its own words")
    texts = {key: value for key, value in f.data.items() if isinstance(value, str)}
    texts.update({f"topic_replies.{k}": str(v) for k, v in replies.items()})
    for key, text in texts.items():
        for name in PLACEHOLDER.findall(text):
            if name not in (*CHANNEL_WORDS, "emergency"):
                f.fail(key, f"has {{{name}}}, which nothing fills in; use {{emergency}}, {{leave}}, {{clear}} or {{hide}}")
    return ChatText(
        welcome=f.text("welcome"),
        ask_audience=f.text("ask_audience"),
        audience_options={k: str(v) for k, v in options.items()},
        not_understood=f.text("not_understood"),
        what_next=f.text("what_next"),
        partner_control=f.text("partner_control"),
        cleared=f.text("cleared"),
        crisis_frame=f.text("crisis_frame"),
        safety_check=f.text("safety_check"),
        crisis_lines_intro=f.text("crisis_lines_intro"),
        topic_replies={k: str(v).strip() for k, v in replies.items()},
        labels={k: str(v) for k, v in labels.items()},
        channels={str(k): {w: str(v.get(w) or "").strip() for w in CHANNEL_WORDS} for k, v in channels.items() if isinstance(v, dict)},
    )


def _cross_check(topics, articles, flows, countries, problems: Problems) -> None:
    for article in articles.values():
        for flow in article.flows:
            if flow not in flows:
                problems.add(Path(article.path), "flows", f"names flow '{flow}', which does not exist")
    for flow in flows.values():
        for step in flow.steps.values():
            for slug in step.articles:
                if slug not in articles:
                    problems.add(Path(flow.id), f"flow {flow.id}: step {step.id}: articles", f"unknown article '{slug}'")
    if not countries:
        problems.add(Path("services"), "(folder)", "the service directory has no country file")
