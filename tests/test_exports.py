"""Exports need the right role and a fresh password ("sudo mode"), and are audited."""

from __future__ import annotations

import pytest
from django.test import Client

from changepath.audit.models import AuditEvent, EventType
from casework_personas import sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _stale(client):
    session = client.session
    session["staff_reauth_at"] = 0
    session.save()
    return client


def test_case_worker_cannot_export(world):
    assert sign_in(Client(), world.worker).get("/casework/cases/export.csv").status_code == 404


def test_export_asks_for_the_password_again_then_streams_and_is_audited(world):
    client = _stale(sign_in(Client(), world.manager))
    first = client.get("/casework/cases/export.csv")
    assert first.status_code == 302 and first["Location"].startswith("/casework/reauth/")
    wrong = client.post("/casework/reauth/", {"password": "nope", "next": "/casework/cases/export.csv"})
    assert "not your password" in wrong.content.decode()
    right = client.post("/casework/reauth/", {"password": "a long enough password 42", "next": "/casework/cases/export.csv"})
    assert right["Location"] == "/casework/cases/export.csv"
    export = client.get("/casework/cases/export.csv")
    text = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "Sam,Example" in text
    assert AuditEvent.objects.filter(event_type=EventType.CASE_EXPORTED, actor=world.manager).exists()


def test_manager_exports_the_audit_trail_of_their_organisation_only(world):
    client = sign_in(Client(), world.manager)
    client.post("/casework/reauth/", {"password": "a long enough password 42"})
    lines = b"".join(client.get("/casework/audit/export.jsonl").streaming_content).decode().splitlines()
    assert lines and all('"hash"' in line for line in lines)
    assert sign_in(Client(), world.outsider).get("/casework/audit/export.jsonl").status_code == 404
