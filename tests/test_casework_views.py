"""Casework pages: sign-in with a second factor, 404 for outsiders, 403 for read-only, audited reads."""

from __future__ import annotations

import pytest
from django.test import Client

from changepath.audit.models import AuditEvent, EventType
from changepath.casework.models import Referral
from casework_personas import make_user, sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_(client):
    def _as(user):
        return sign_in(Client(), user)
    return _as


def test_staff_pages_need_sign_in(client, world):
    response = client.get(f"/casework/cases/{world.case.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/casework/login/")


def test_a_password_alone_is_not_enough(client, world):
    client.force_login(world.worker)  # no second factor yet
    assert client.get("/casework/cases/")["Location"] == "/casework/verify/"


def test_a_new_account_must_set_up_totp(client, world):
    fresh = world.worker.__class__.objects.create_user("fresh", password="another long password 7", organisation=world.programme, role="case_worker")
    client.force_login(fresh)
    assert client.get("/casework/cases/")["Location"] == "/casework/setup-2fa/"
    assert "authenticator app" in client.get("/casework/setup-2fa/").content.decode()


def test_repeated_failed_sign_ins_lock_the_account(client, world):
    for _ in range(5):
        client.post("/casework/login/", {"username": "worker", "password": "wrong"})
    response = client.post("/casework/login/", {"username": "worker", "password": "a long enough password 42"})
    assert response.status_code == 429 and "locked" in response.content.decode()


@pytest.mark.parametrize("path", ["/casework/cases/{case}/", "/casework/referrals/{referral}/"])
def test_outsider_gets_404(as_, world, path):
    url = path.format(case=world.case.pk, referral=world.referral.pk)
    for persona in (world.outsider, world.commissioner):
        assert as_(persona).get(url).status_code == 404


def test_referrer_cannot_open_the_case_but_sees_referral_status_only(as_, world):
    client = as_(world.referrer)
    assert client.get(f"/casework/cases/{world.case.pk}/").status_code == 404
    page = client.get(f"/casework/referrals/{world.referral.pk}/").content.decode()
    assert "Allocated" in page and "Sam" not in page and "Tenant disclosed" not in page


def test_teammate_reads_the_case_but_cannot_change_it(as_, world):
    client = as_(world.teammate)
    assert client.get(f"/casework/cases/{world.case.pk}/").status_code == 200
    response = client.post(f"/casework/cases/{world.case.pk}/", {"given_name": "X", "family_name": "Y", "version": world.case.version})
    assert response.status_code == 403
    world.case.refresh_from_db()
    assert world.case.given_name == "Sam"


def test_reading_a_case_is_audited_with_who_and_which_fields(as_, world):
    as_(world.worker).get(f"/casework/cases/{world.case.pk}/")
    event = AuditEvent.objects.filter(event_type=EventType.CASE_VIEWED).latest("id")
    assert event.actor == world.worker and event.record_id == str(world.case.pk) and "phone" in event.fields


def test_worker_adds_a_note_and_edits_details(as_, world):
    client = as_(world.worker)
    assert client.post(f"/casework/cases/{world.case.pk}/", {"text": "First session booked."}).status_code == 302
    assert client.post(f"/casework/cases/{world.case.pk}/", {"given_name": "Samuel", "family_name": "Example",
                                                          "version": world.case.version}).status_code == 302
    world.case.refresh_from_db()
    assert world.case.given_name == "Samuel" and world.case.notes.count() == 1


def test_the_second_of_two_simultaneous_saves_is_refused_with_an_explanation(as_, world):
    client = as_(world.worker)
    stale_version = world.case.version
    client.post(f"/casework/cases/{world.case.pk}/", {"given_name": "First", "family_name": "Save", "version": stale_version})
    response = client.post(f"/casework/cases/{world.case.pk}/", {"given_name": "Second", "family_name": "Save", "version": stale_version})
    assert response.status_code == 409 and "changed by someone else" in response.content.decode()
    world.case.refresh_from_db()
    assert world.case.given_name == "First"


def test_declining_needs_a_reason(as_, world):
    from changepath.casework import actions

    referral = actions.do_create_referral(acting_user=None, organisation=world.programme, source_type="self", consent_given=True,
                                          details={"given_name": "Alex", "family_name": "Other", "phone": "0700 000 000"})
    client = as_(world.manager)
    response = client.post(f"/casework/referrals/{referral.pk}/", {"to_status": "declined", "reason": "", "version": referral.version})
    assert response.status_code == 400 and "reason for declining" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "received" and not referral.transitions.exists()


def test_possible_duplicate_is_flagged_before_a_case_is_opened(as_, world):
    from changepath.casework import actions

    again = actions.do_create_referral(acting_user=None, organisation=world.programme, source_type="police", consent_given=True,
                                       details={"given_name": "sam", "family_name": "EXAMPLE", "date_of_birth": "1990-04-02"})
    page = as_(world.manager).get(f"/casework/referrals/{again.pk}/").content.decode()
    assert "Possible duplicate" in page and f"Case {world.case.pk}" in page


def test_caseload_and_inbox_make_a_fixed_number_of_queries(as_, world, django_assert_max_num_queries):
    from changepath.casework import actions

    for i in range(15):
        r = actions.do_create_referral(acting_user=None, organisation=world.programme, source_type="self", consent_given=True,
                                       details={"given_name": f"P{i}", "family_name": "Q", "phone": f"0700 {i:06d}"})
        actions.do_transition_referral(acting_user=world.manager, referral=r, to_status="accepted", expected_version=1)
        actions.do_transition_referral(acting_user=world.manager, referral=r, to_status="allocated", expected_version=2,
                                       allocated_worker=world.worker)
    client = as_(world.worker)
    with django_assert_max_num_queries(12):
        assert client.get("/casework/cases/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/casework/referrals/?status=allocated").status_code == 200


def test_public_referral_form_explains_each_problem_and_keeps_nothing_on_failure(client, world):
    before = Referral.objects.count()
    response = client.post("/refer/", {"organisation": world.programme.pk, "given_name": "", "family_name": "Z",
                                      "date_of_birth": "2999-01-01", "reason": "x", "source_type": "police"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "First name: This field is required." in page
    assert "agreed to" in page and "phone number or an email" in page
    assert Referral.objects.count() == before


def test_self_referral_is_received_with_consent_recorded(client, world):
    response = client.post("/refer/self/", {"organisation": world.programme.pk, "given_name": "Jo", "family_name": "Doe",
                                           "email": "jo@example.org", "reason": "I want to stop shouting at my partner.",
                                           "consent_given": "on"})
    assert response.status_code == 200
    referral = Referral.objects.latest("id")
    assert referral.source_type == "self" and referral.consent_given and referral.consent_recorded_at


def test_worker_records_a_child_and_equality_details(as_, world):
    client = as_(world.worker)
    assert client.post(f"/casework/cases/{world.case.pk}/", {"age": "7", "lives_with": "shared"}).status_code == 302
    bad = client.post(f"/casework/cases/{world.case.pk}/", {"age": "30", "lives_with": "shared"})
    assert "Child&#x27;s age: A child is 17 or younger" in bad.content.decode()
    client.post(f"/casework/cases/{world.case.pk}/", {"given_name": "Sam", "family_name": "Example", "gender": "non-binary",
                                                  "version": world.case.version})
    world.case.refresh_from_db()
    assert world.case.children.count() == 1 and world.case.gender == "non-binary"
