"""A sweep over every casework page that names a record: outsiders get 404 for GET and POST alike.

The pages are found from the URL configuration, not listed by hand, so a new page is swept the day
it is added. A page whose record kind the sweep does not know fails the test until it is taught.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from changepath.audit.models import AuditEvent
from changepath.programmes import actions as engagement
from changepath.programmes.models import Programme
from casework_personas import sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _patterns(resolver=None, prefix=""):
    for item in (resolver or get_resolver()).url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern)


RECORD_PAGES = sorted(p for p in set(_patterns()) if p.startswith("casework/") and "<int:pk>" in p)


def _record_ids(world):
    group = engagement.do_create_group(
        acting_user=world.manager, programme=Programme.objects.create(organisation=world.programme, name="P", weeks=4),
        name="G", capacity=8, weekday=1, start_time=dt.time(18), starts_on=timezone.localdate(), team=world.worker.team)
    return {"casework/cases/": world.case.pk, "casework/referrals/": world.referral.pk, "casework/groups/": group.pk,
            "casework/staff/": world.worker.pk}


def test_the_sweep_finds_the_record_pages():
    assert len(RECORD_PAGES) >= 4, RECORD_PAGES


@pytest.mark.parametrize("persona", ["outsider", "commissioner"])
def test_every_record_page_is_404_for_those_outside_it(world, persona):
    ids = _record_ids(world)
    client = sign_in(Client(), getattr(world, persona))
    writes_before = AuditEvent.objects.filter(kind="write").count()
    for pattern in RECORD_PAGES:
        prefix = next((p for p in ids if pattern.startswith(p)), None)
        assert prefix, f"teach the sweep which record {pattern!r} names"
        url = "/" + pattern.replace("<int:pk>", str(ids[prefix]))
        assert client.get(url).status_code in (404, 405), url  # 405: a POST-only page, which names no record
        assert client.post(url, {"text": "x", "to_status": "accepted", "version": 1}).status_code == 404, url
    assert AuditEvent.objects.filter(kind="write").count() == writes_before
