"""The audit trail: every write action audits in its own transaction; the chain is append-only and verifiable."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from changepath.audit.models import AuditEvent
from changepath.audit.trail import verify
from changepath.casework import actions
from changepath.casework.models import Case
from casework_personas import world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _write_actions(world):
    case = world.case
    return {
        "do_create_referral": lambda: actions.do_create_referral(
            acting_user=None, organisation=world.programme, source_type="self", consent_given=True,
            details={"given_name": "A", "family_name": "B"}),
        "do_transition_referral": lambda: actions.do_transition_referral(
            acting_user=world.manager, referral=actions.do_create_referral(
                acting_user=None, organisation=world.programme, source_type="self", consent_given=True,
                details={"given_name": "C", "family_name": "D"}), to_status="accepted", expected_version=1),
        "do_open_case": lambda: actions.do_open_case(acting_user=world.manager, referral=world.referral),
        "do_update_case": lambda: actions.do_update_case(acting_user=world.worker, case=Case.objects.get(pk=case.pk),
                                                         changes={"phone": "0800 000 111"},
                                                         expected_version=Case.objects.get(pk=case.pk).version),
        "do_add_case_note": lambda: actions.do_add_case_note(acting_user=world.worker, case=case, text="Attended."),
        "do_add_child": lambda: actions.do_add_child(acting_user=world.worker, case=case, age=6, lives_with="shared"),
    }


def test_every_write_action_writes_an_audit_event(world):
    public = {name for name in dir(actions) if name.startswith("do_")}
    sweep = _write_actions(world)
    assert public == set(sweep), f"add new actions to this sweep: {public ^ set(sweep)}"
    for name, run in sweep.items():
        before = AuditEvent.objects.count()
        run()
        assert AuditEvent.objects.count() > before, name


def test_a_failed_write_leaves_neither_change_nor_event(world):
    before = AuditEvent.objects.count()
    with pytest.raises(actions.StaleRecord):
        actions.do_update_case(acting_user=world.worker, case=world.case, changes={"phone": "1"}, expected_version=999)
    assert AuditEvent.objects.count() == before
    world.case.refresh_from_db()
    assert world.case.phone == "07700 900123"


def test_the_chain_verifies(world):
    assert verify()[0]


def test_the_database_refuses_to_change_or_delete_an_event(world):
    for sql in ("UPDATE audit_auditevent SET actor_label = 'someone else'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)


def test_tampering_is_detected_even_past_the_database_guard(world):
    if connection.vendor != "sqlite":
        pytest.skip("tampering is simulated on SQLite by dropping its trigger; PostgreSQL keeps its trigger")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_event_no_update")
        cursor.execute("UPDATE audit_auditevent SET actor_label = 'someone else' WHERE id = (SELECT MIN(id) FROM audit_auditevent)")
    ok, message = verify()
    assert not ok and "changed after it was written" in message


def test_identifying_details_are_encrypted_at_rest(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name, phone FROM casework_case WHERE id = %s", [world.case.pk])
        given, phone = cursor.fetchone()
    assert "Sam" not in given and "07700" not in phone and given.startswith("gAAAA")


def test_demo_data_set_loads_through_the_actions_and_verifies(db):
    from django.core.management import call_command

    from changepath.casework.models import Referral

    call_command("demo", cases=25)
    assert Referral.objects.count() == 25 and Referral.objects.filter(status="allocated").exists()
    assert verify()[0]
    call_command("demo", cases=25)  # a second run changes nothing
    assert Referral.objects.count() == 25
