"""The casework API: same rules as the pages — second factor, 404 for outsiders, 403, 409, audited reads."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from changepath.audit.models import AuditEvent, EventType
from casework_personas import sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def api(user):
    return sign_in(Client(), user)


def test_the_api_needs_a_signed_in_verified_member_of_staff(world):
    assert Client().get("/api/casework/cases").status_code == 401
    half = Client()
    half.force_login(world.worker)  # password only
    assert half.get("/api/casework/cases").status_code == 401


def test_worker_lists_and_reads_cases_and_reads_are_audited(world):
    client = api(world.worker)
    listed = client.get("/api/casework/cases?mine=true").json()
    assert [c["id"] for c in listed] == [world.case.pk]
    detail = client.get(f"/api/casework/cases/{world.case.pk}").json()
    assert detail["phone"] == "07700 900123"
    assert AuditEvent.objects.filter(event_type=EventType.CASE_VIEWED, actor=world.worker).exists()


def test_outsiders_get_404_and_read_only_gets_403(world):
    for persona in (world.outsider, world.commissioner, world.referrer):
        assert api(persona).get(f"/api/casework/cases/{world.case.pk}").status_code == 404
    response = api(world.teammate).patch(f"/api/casework/cases/{world.case.pk}", json.dumps({"version": 1, "phone": "1"}),
                                         content_type="application/json")
    assert response.status_code == 403


def test_second_save_with_a_stale_version_gets_409(world):
    client = api(world.worker)
    body = json.dumps({"version": world.case.version, "phone": "0800 111"})
    assert client.patch(f"/api/casework/cases/{world.case.pk}", body, content_type="application/json").status_code == 200
    second = client.patch(f"/api/casework/cases/{world.case.pk}", body, content_type="application/json")
    assert second.status_code == 409 and "changed by someone else" in second.json()["detail"]


def test_bad_input_names_the_field(world):
    response = api(world.manager).post("/api/casework/referrals", json.dumps({"source_type": "nowhere", "given_name": "",
                                                                         "family_name": "X", "consent_given": True}),
                                       content_type="application/json")
    assert response.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in response.json()["detail"]}
    assert {"source_type", "given_name"} <= fields


def test_referral_workflow_through_the_api(world):
    client = api(world.manager)
    created = client.post("/api/casework/referrals", json.dumps({"source_type": "court", "given_name": "Kim", "family_name": "Lane",
                                                             "consent_given": True}), content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    declined = client.post(f"/api/casework/referrals/{pk}/transition", json.dumps({"to_status": "declined", "version": 1}),
                           content_type="application/json")
    assert declined.status_code == 400 and "reason" in declined.json()["detail"]
    accepted = client.post(f"/api/casework/referrals/{pk}/transition", json.dumps({"to_status": "accepted", "version": 1}),
                           content_type="application/json")
    assert accepted.json()["status"] == "accepted"


def test_referrer_sees_status_only(world):
    body = api(world.referrer).get("/api/casework/referrals").json()
    assert body == [{"id": world.referral.pk, "status": "allocated", "created_at": body[0]["created_at"],
                     "source_type": None, "given_name": None, "family_name": None}]


def test_schema_describes_the_casework_api(world):
    schema = Client().get("/api/casework/openapi.json").json()
    assert {"/api/casework/cases", "/api/casework/cases/{pk}", "/api/casework/referrals"} <= set(schema["paths"])
