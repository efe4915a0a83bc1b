"""Loads the service directory: one YAML file per country, every fact with its source and checked date."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problems
from .fields import PERSON_AUDIENCES, Fields, read_yaml
from .models import Country, Service

KINDS = ("helpline", "programme", "partner-support", "crisis-line", "advice")
COUNTRY_FIELDS = {"country", "name", "emergency", "services"}
SERVICE_FIELDS = {
    "id", "name", "organisation", "kind", "audiences", "area", "languages", "phone", "hours",
    "twenty_four_hours", "web", "description", "source", "checked", "for_young_people",
}


def load_directory(folder: Path, problems: Problems) -> dict[str, Country]:
    countries: dict[str, Country] = {}
    seen_ids: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path, problems)
        if data is None:
            continue
        f = Fields(data, path, problems)
        f.unknown_keys(COUNTRY_FIELDS)
        code = f.text("country").upper()
        if code and (not re.fullmatch(r"[A-Z]{2}", code) or code.lower() != _file_code(path)):
            f.fail("country", f"'{code}' must be a two-letter ISO code matching the file name '{path.name}'")
        emergency = Fields(f.data.get("emergency"), path, problems, where="emergency")
        services = []
        for i, raw in enumerate(f.mapping_list("services")):
            service = _load_service(path, i, raw, code, problems)
            if service.id in seen_ids:
                problems.add(path, f"services[{i}].id", f"'{service.id}' is already used in {seen_ids[service.id].name}")
            seen_ids[service.id] = path
            services.append(service)
        countries[code] = Country(
            code=code,
            name=f.text("name"),
            emergency_number=emergency.text("number"),
            emergency_note=emergency.text("note", required=False),
            services=tuple(services),
        )
    return countries


def _file_code(path: Path) -> str:
    # gb.yaml holds GB; a file name never changes meaning, so it must agree with its contents.
    return path.stem.lower()


def _load_service(path: Path, i: int, raw: object, country: str, problems: Problems) -> Service:
    s = Fields(raw, path, problems, where=f"services[{i}]")
    s.unknown_keys(SERVICE_FIELDS)
    service = Service(
        id=s.slug("id"),
        country=country,
        name=s.text("name"),
        organisation=s.text("organisation", required=False),
        kind=s.choice("kind", KINDS),
        audiences=s.choices("audiences", PERSON_AUDIENCES),
        area=s.text("area"),
        languages=s.strings("languages"),
        phone=s.text("phone", required=False),
        hours=s.text("hours", required=False),
        twenty_four_hours=s.flag("twenty_four_hours"),
        web=s.url("web", required=False),
        description=s.text("description"),
        source=s.url("source"),
        checked=s.date("checked"),
        for_young_people=s.flag("for_young_people"),
    )
    if not service.phone and not service.web:
        s.fail("phone", "a service needs a phone number or a web address")
    if service.phone and not re.fullmatch(r"\+?[0-9][0-9 ()-]{1,20}[0-9]", service.phone):
        s.fail("phone", f"'{service.phone}' is not a phone number (digits and spaces)")
    if service.twenty_four_hours and not service.phone:
        s.fail("twenty_four_hours", "a 24-hour line needs a phone number")
    if not service.languages:
        s.fail("languages", "is missing; list the languages the service answers in, e.g. [en]")
    return service
