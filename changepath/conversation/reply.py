"""What the engine says back: a Reply, plain data that any channel (web, terminal, API) can render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ArticleLink:
    slug: str
    title: str
    summary: str


@dataclass(frozen=True)
class ServiceInfo:
    id: str
    name: str
    kind: str
    area: str
    phone: str
    hours: str
    twenty_four_hours: bool
    web: str
    description: str
    checked: str


@dataclass(frozen=True)
class Reply:
    text: str  # Markdown, no HTML
    articles: list[ArticleLink] = field(default_factory=list)
    quick_replies: list[str] = field(default_factory=list)
    services: list[ServiceInfo] = field(default_factory=list)
    crisis: str | None = None  # the most urgent crisis kind, or None
    crisis_kinds: list[str] = field(default_factory=list)  # every crisis kind found, most urgent first
    topic: str | None = None
    flow: str | None = None
    step: str | None = None
    emergency_number: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def service_info(service) -> ServiceInfo:
    return ServiceInfo(
        id=service.id,
        name=service.name,
        kind=service.kind,
        area=service.area,
        phone=service.phone,
        hours=service.hours,
        twenty_four_hours=service.twenty_four_hours,
        web=service.web,
        description=service.description,
        checked=service.checked.isoformat() if service.checked else "",
    )
