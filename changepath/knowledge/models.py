"""The content model: plain, immutable records that the engine and the web pages read."""

from __future__ import annotations

import re

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Topic:
    slug: str
    audience: str  # using | experiencing | concerned | professional | any
    about: str


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    checked: dt.date | None


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    topic: str
    audience: str
    language: str
    summary: str
    body: str  # Markdown
    sources: tuple[Source, ...]
    reviewed: dt.date | None
    flows: tuple[str, ...] = ()
    for_young_people: bool = False  # written for a child or young person: theirs first, and only theirs
    path: str = ""

    @property
    def words(self) -> int:
        return count_words(self.body)


@dataclass(frozen=True)
class Option:
    label: str
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    say: str
    options: tuple[Option, ...] = ()
    input: str = ""
    next: str = ""
    end: bool = False
    set_audience: str = ""
    articles: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    topic: str
    audience: str
    start: str
    steps: dict[str, Step]
    for_young_people: bool = False  # written for a child or young person: offered to one, and only to one


@dataclass(frozen=True)
class Service:
    id: str
    country: str
    name: str
    organisation: str
    kind: str  # helpline | programme | partner-support | crisis-line | advice
    audiences: tuple[str, ...]
    area: str
    languages: tuple[str, ...]
    phone: str
    hours: str
    twenty_four_hours: bool
    web: str
    description: str
    source: str
    checked: dt.date | None
    for_young_people: bool = False  # a line for children and young people: first when one writes in crisis


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, upper case
    name: str
    emergency_number: str
    emergency_note: str
    services: tuple[Service, ...]

    def for_audiences(self, audiences: tuple[str, ...] | list[str]) -> list[Service]:
        wanted = set(audiences)
        return [s for s in self.services if wanted & set(s.audiences)]

    def for_young_reader(self, lines: list[Service]) -> list[Service]:
        """What a young person is shown of `lines`: the lines for young people first, then only lines open day and night."""
        young = [s for s in self.services if s.for_young_people and s.twenty_four_hours and s.phone]
        return young + [s for s in lines if s not in young and s.twenty_four_hours]

    def twenty_four_hour_lines(self, audiences, kinds=()) -> list[Service]:
        return [
            s for s in self.for_audiences(audiences)
            if s.twenty_four_hours and s.phone and (not kinds or s.kind in kinds)
        ]


@dataclass(frozen=True)
class CrisisWords:
    """What to do now, said to one reader."""

    say: str
    audiences: tuple[str, ...]  # whose 24-hour lines to show
    topic: str = ""  # whose articles follow, when not the kind's own


@dataclass(frozen=True)
class CrisisKind:
    slug: str
    about: str
    say: str  # what to do now; {emergency} is replaced by the reader's emergency number
    audiences: tuple[str, ...]  # whose 24-hour lines to show
    service_kinds: tuple[str, ...] = ()  # limit those lines to these kinds of service (empty: any)
    hint_topic: str = ""  # topic whose articles follow the crisis response
    readers: dict[str, CrisisWords] = field(default_factory=dict)  # reader (READERS) -> their own words

    def words_for(self, reader: str | None) -> CrisisWords:
        """The words for this reader when the kind has them, else the kind's own."""
        return self.readers.get(reader or "", CrisisWords(self.say, self.audiences))


@dataclass(frozen=True)
class ChatText:
    """Fixed wording of the chat that is not an article: greeting, questions, fallbacks, topic replies."""

    welcome: str
    ask_audience: str
    audience_options: dict[str, str]  # audience -> quick-reply label
    not_understood: str
    what_next: str
    partner_control: str
    cleared: str
    crisis_frame: str  # first line of every crisis reply; {emergency} placeholder
    safety_check: str  # first line of a reply when the crisis check is unsure; {emergency} placeholder
    crisis_lines_intro: str
    topic_replies: dict[str, str]  # topic -> short acknowledgement before the articles
    labels: dict[str, str] = field(default_factory=dict)  # quick-reply labels: find_service, something_else, more
    channels: dict[str, dict[str, str]] = field(default_factory=dict)  # channel -> its words for {leave} {clear} {hide}

    def in_channel(self, text: str, channel: str, **values: str) -> str:
        """`text` with the channel's words and `values` filled in; other placeholders are left for later.

        How to leave quickly or delete the conversation differs by channel (a button and the Esc key
        on the web, 'quit' in a terminal); an unknown channel reads the web's words.
        """
        words = {**self.channels.get(channel, self.channels.get("web", {})), **values}
        return PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), text)


PLACEHOLDER = re.compile(r"\{(\w+)\}")
CHANNEL_WORDS = ("leave", "clear", "hide")  # what every channel must say in its own words


def count_words(text: str) -> int:
    import re

    return len(re.findall(r"[A-Za-z0-9\u00C0-\u024F']+", text))
