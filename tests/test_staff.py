"""Administrators manage their own organisation's staff; nobody else can; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from changepath.accounts import actions
from changepath.accounts.models import User
from changepath.audit.models import AuditEvent, EventType
from casework_personas import make_user, sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    return make_user("admin", world.programme, "administrator")


def test_administrator_creates_an_account_shown_once_and_audited(admin):
    client = sign_in(Client(), admin)
    response = client.post("/casework/staff/", {"username": "newbie", "first_name": "New", "last_name": "Worker",
                                            "role": "case_worker"})
    assert response.status_code == 200 and "one-time password" in response.content.decode()
    user = User.objects.get(username="newbie")
    assert user.organisation_id == admin.organisation_id and user.password.startswith("argon2")
    assert AuditEvent.objects.filter(event_type=EventType.STAFF_CREATED, record_id=str(user.pk)).exists()


def test_a_taken_username_is_refused_naming_the_field(admin):
    response = sign_in(Client(), admin).post("/casework/staff/", {"username": "worker", "first_name": "A", "last_name": "B",
                                                              "role": "case_worker"})
    assert response.status_code == 400 and "is taken" in response.content.decode()


def test_closing_an_account_stops_sign_in_and_keeps_history(admin, world):
    sign_in(Client(), admin).post(f"/casework/staff/{world.teammate.pk}/close/")
    world.teammate.refresh_from_db()
    assert not world.teammate.is_active
    page = Client().post("/casework/login/", {"username": "teammate", "password": "a long enough password 42"})
    assert page.status_code == 200 and "do not match" in page.content.decode()


def test_only_administrators_of_the_same_organisation_manage_staff(admin, world):
    for persona in (world.worker, world.manager, world.outsider):
        assert sign_in(Client(), persona).get("/casework/staff/").status_code == 404
    other_admin = make_user("other-admin", world.other_programme, "administrator")
    assert sign_in(Client(), other_admin).post(f"/casework/staff/{world.worker.pk}/close/").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.do_create_staff(acting_user=world.manager, username="x", first_name="x", last_name="x", email="", role="case_worker")


def test_every_staff_action_writes_an_audit_event(admin, world):
    sweep = {
        "do_create_staff": lambda: actions.do_create_staff(acting_user=admin, username="sweep", first_name="S", last_name="W",
                                                           email="", role="referrer"),
        "do_deactivate_staff": lambda: actions.do_deactivate_staff(acting_user=admin, user=world.teammate),
    }
    assert {n for n in dir(actions) if n.startswith("do_")} == set(sweep)
    for name, run in sweep.items():
        before = AuditEvent.objects.count()
        run()
        assert AuditEvent.objects.count() == before + 1, name
