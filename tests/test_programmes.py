"""Engagement: registers, places in groups, goals and reviews. Outsiders get 404, read-only colleagues 403, every
write is audited in its own transaction, and the divergence prompt follows the structured evidence."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.utils import timezone

from changepath import access
from changepath.audit.models import AuditEvent, EventType
from changepath.audit.trail import verify
from changepath.casework import actions as casework
from changepath.casework.actions import StaleRecord
from changepath.programmes import actions
from changepath.programmes.divergence import divergence
from changepath.programmes.models import Attendance, Goal, Group, Membership, Programme, Review, Session
from casework_personas import sign_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
WEEKS_SO_FAR = 8  # the group met weekly until today: nine sessions have happened


def open_case(world, worker, given_name):
    referral = casework.do_create_referral(acting_user=None, organisation=world.programme, source_type="self",
                                           consent_given=True,
                                           details={"given_name": given_name, "family_name": "Example"})
    casework.do_transition_referral(acting_user=world.manager, referral=referral, to_status="accepted",
                                    expected_version=1)
    casework.do_transition_referral(acting_user=world.manager, referral=referral, to_status="allocated",
                                    expected_version=2, allocated_worker=worker)
    referral.refresh_from_db()
    return referral.case


@dataclass
class Groupwork:
    programme: Programme
    group: Group
    today: Session  # the latest session: today's
    place: Membership  # world.case's place (allocated to world.worker)
    teammates_case: object  # in the same group, allocated to world.teammate


@pytest.fixture
def groupwork(world):
    today = timezone.localdate()
    programme = Programme.objects.create(organisation=world.programme, name="24-week group programme", weeks=24)
    group = actions.do_create_group(acting_user=world.manager, programme=programme, name="Tuesday evening group",
                                    capacity=10, weekday=today.weekday(), start_time=dt.time(18, 30),
                                    starts_on=today - dt.timedelta(weeks=WEEKS_SO_FAR), team=world.worker.team)
    place = actions.do_add_member(acting_user=world.worker, case=world.case, group=group, joined_on=group.starts_on)
    teammates_case = open_case(world, world.teammate, "Robin")
    actions.do_add_member(acting_user=world.teammate, case=teammates_case, group=group, joined_on=group.starts_on)
    return Groupwork(programme, group, group.sessions.get(date=today), place, teammates_case)


def register_url(groupwork):
    return f"/casework/groups/{groupwork.group.pk}/"


def engagement_url(case):
    return f"/casework/cases/{case.pk}/engagement/"


def writes():
    return AuditEvent.objects.filter(kind="write").count()


# --- who may see and do what -----------------------------------------------------------------------
def test_outsiders_get_404_on_the_register_and_the_engagement_page(world, groupwork):
    for persona in (world.outsider, world.commissioner, world.referrer):
        client = sign_in(Client(), persona)
        for url in (register_url(groupwork), engagement_url(world.case)):
            assert client.get(url).status_code == 404, (persona, url)
            assert client.post(url, {"form": "goal", "text": "x"}).status_code == 404, (persona, url)
    assert not access.visible(world.outsider, "group", Group.objects.all()).exists()


def test_teammate_takes_the_register_but_gets_403_on_another_workers_goals_exits_and_reviews(world, groupwork):
    client = sign_in(Client(), world.teammate)
    assert client.get(register_url(groupwork)).status_code == 200
    assert client.get(engagement_url(world.case)).status_code == 200
    # A facilitator marks everyone in the group: attendance follows the team.
    posted_register = client.post(register_url(groupwork), {
        "session": groupwork.today.pk, "version": groupwork.today.version, f"status-{world.case.pk}": "present"})
    assert posted_register.status_code in (200, 302)
    assert Attendance.objects.filter(case=world.case, status="present").exists()
    before = writes()
    for form in ({"form": "goal", "text": "Stop shouting"},
                 {"form": "exit", "membership": groupwork.place.pk, "version": 1, "exit": "dropped_out",
                  "reason": "Stopped coming", "exited_on": timezone.localdate().isoformat()},
                 {"form": "review", "due_on": "2026-01-01", "held_on": "2026-01-01", "progress": "3"}):
        assert client.post(engagement_url(world.case), form).status_code == 403, form["form"]
    assert writes() == before
    assert not Goal.objects.exists() and not Review.objects.exists()
    groupwork.place.refresh_from_db()
    assert groupwork.place.current


def test_the_register_offers_marks_for_every_member_of_the_team_and_no_one_else(world, groupwork):
    page = sign_in(Client(), world.worker).get(register_url(groupwork)).content.decode()
    assert f'name="status-{world.case.pk}"' in page
    assert f'name="status-{groupwork.teammates_case.pk}"' in page and "Robin Example" in page
    assert sign_in(Client(), world.outsider).get(register_url(groupwork)).status_code == 404


def test_a_case_worker_may_not_plan_groups(world, groupwork):
    with pytest.raises(PermissionDenied):
        actions.do_create_group(acting_user=world.worker, programme=groupwork.programme, name="Another", capacity=8,
                                weekday=0, start_time=dt.time(10), starts_on=timezone.localdate())
    assert Group.objects.count() == 1


# --- registers -------------------------------------------------------------------------------------
def test_a_register_saves_and_each_mark_is_audited(world, groupwork):
    client = sign_in(Client(), world.worker)
    response = client.post(register_url(groupwork), {
        "session": groupwork.today.pk, "version": groupwork.today.version,
        f"status-{world.case.pk}": "absent", f"reason-{world.case.pk}": "In hospital"})
    assert response.status_code == 302
    mark = Attendance.objects.get(session=groupwork.today, case=world.case)
    assert mark.status == "absent" and mark.absence_reason == "In hospital" and mark.recorded_by == world.worker
    event = AuditEvent.objects.filter(event_type=EventType.ATTENDANCE_RECORDED).latest("id")
    assert event.actor == world.worker and event.record_id == str(world.case.pk)
    assert set(event.fields) == {"attendance", "absence_reason"} and "In hospital" not in str(event.fields)
    with connection.cursor() as cursor:
        cursor.execute("SELECT absence_reason FROM programmes_attendance WHERE id = %s", [mark.pk])
        assert "hospital" not in cursor.fetchone()[0]
    assert verify()[0]


def test_saving_a_register_again_corrects_marks_and_audits_only_changes(world, groupwork):
    session = groupwork.today
    actions.do_record_attendance(acting_user=world.manager, session=session, expected_version=1, register={
        world.case.pk: ("late", "ignored: only an absence has a reason"), groupwork.teammates_case.pk: ("present", "")})
    assert Attendance.objects.get(case=world.case).absence_reason == ""
    before = AuditEvent.objects.filter(event_type=EventType.ATTENDANCE_RECORDED).count()
    actions.do_record_attendance(acting_user=world.manager, session=session, expected_version=2, register={
        world.case.pk: ("present", ""), groupwork.teammates_case.pk: ("present", "")})
    assert Attendance.objects.get(case=world.case).status == "present"
    assert AuditEvent.objects.filter(event_type=EventType.ATTENDANCE_RECORDED).count() == before + 1


def test_the_second_of_two_simultaneous_registers_is_refused_with_an_explanation(world, groupwork):
    client = sign_in(Client(), world.worker)
    form = {"session": groupwork.today.pk, "version": groupwork.today.version}
    client.post(register_url(groupwork), {**form, f"status-{world.case.pk}": "present"})
    response = client.post(register_url(groupwork), {**form, f"status-{world.case.pk}": "absent"})
    assert response.status_code == 409 and "changed by someone else" in response.content.decode()
    assert Attendance.objects.get(case=world.case).status == "present"


@pytest.mark.parametrize("problem", ["not a member", "future session", "unknown status", "empty"])
def test_a_register_that_breaks_a_rule_saves_nothing(world, groupwork, problem):
    stranger = open_case(world, world.worker, "Jordan")
    session, register = groupwork.today, {world.case.pk: ("present", "")}
    if problem == "not a member":
        register[stranger.pk] = ("present", "")
    elif problem == "future session":
        session = groupwork.group.sessions.filter(date__gt=timezone.localdate()).first()
    elif problem == "unknown status":
        register = {world.case.pk: ("asleep", "")}
    else:
        register = {}
    before = writes()
    with pytest.raises(actions.EngagementError):
        actions.do_record_attendance(acting_user=world.worker, session=session, register=register, expected_version=1)
    assert not Attendance.objects.exists() and writes() == before
    session.refresh_from_db()
    assert session.version == 1


def test_one_to_one_sessions_hold_their_participants_attendance(world, groupwork):
    session = actions.do_add_session(acting_user=world.worker, case=world.case, on=timezone.localdate(),
                                     topic="Check-in")
    actions.do_record_attendance(acting_user=world.worker, session=session, register={world.case.pk: ("present", "")},
                                 expected_version=1)
    with pytest.raises(actions.EngagementError):
        actions.do_record_attendance(acting_user=world.manager, session=session, expected_version=2,
                                     register={groupwork.teammates_case.pk: ("present", "")})
    with pytest.raises(PermissionDenied):
        actions.do_add_session(acting_user=world.teammate, case=world.case, on=timezone.localdate())


# --- places in groups ------------------------------------------------------------------------------
def test_exit_needs_a_reason_and_a_failed_write_leaves_nothing(world, groupwork):
    before = AuditEvent.objects.count()
    with pytest.raises(actions.EngagementError, match="reason"):
        actions.do_exit_member(acting_user=world.worker, membership=groupwork.place, exit="dropped_out", reason="  ",
                               expected_version=1)
    with pytest.raises(StaleRecord):
        actions.do_exit_member(acting_user=world.worker, membership=groupwork.place, exit="dropped_out",
                               reason="Moved away", expected_version=99)
    assert AuditEvent.objects.count() == before
    groupwork.place.refresh_from_db()
    assert groupwork.place.current and groupwork.place.exit_reason == "" and groupwork.place.version == 1

    client = sign_in(Client(), world.worker)
    form = {"form": "exit", "membership": groupwork.place.pk, "version": 1, "exit": "deselected", "reason": "",
            "exited_on": timezone.localdate().isoformat()}
    response = client.post(engagement_url(world.case), form)
    assert response.status_code == 400 and "Give the reason for the exit" in response.content.decode()
    groupwork.place.refresh_from_db()
    assert groupwork.place.current


def test_an_exit_with_its_reason_ends_the_place_and_frees_it(world, groupwork):
    client = sign_in(Client(), world.worker)
    response = client.post(engagement_url(world.case), {
        "form": "exit", "membership": groupwork.place.pk, "version": 1, "exit": "deselected",
        "reason": "Continued abuse reported by partner support", "exited_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    groupwork.place.refresh_from_db()
    assert groupwork.place.exit == "deselected" and groupwork.place.exited_on == timezone.localdate()
    assert AuditEvent.objects.filter(event_type=EventType.MEMBER_EXITED, record_id=str(world.case.pk)).exists()
    again = actions.do_add_member(acting_user=world.worker, case=world.case, group=groupwork.group)
    assert again.current


def test_a_full_group_refuses_another_member_and_a_place_is_held_once(world, groupwork):
    small = actions.do_create_group(acting_user=world.manager, programme=groupwork.programme, name="Small group",
                                    capacity=1, weekday=2, start_time=dt.time(10), starts_on=timezone.localdate(),
                                    team=world.worker.team)
    actions.do_add_member(acting_user=world.worker, case=world.case, group=small)
    with pytest.raises(actions.EngagementError, match="already has a place"):
        actions.do_add_member(acting_user=world.worker, case=world.case, group=small)
    with pytest.raises(actions.EngagementError, match="full"):
        actions.do_add_member(acting_user=world.teammate, case=groupwork.teammates_case, group=small)
    assert small.memberships.count() == 1


# --- goals, reviews and the engagement page --------------------------------------------------------
def test_goals_are_kept_in_the_participants_words_and_encrypted_at_rest(world, groupwork):
    client = sign_in(Client(), world.worker)
    response = client.post(engagement_url(world.case), {"form": "goal", "text": "Walk away before I shout"})
    assert response.status_code == 302
    goal = Goal.objects.get(case=world.case)
    assert goal.text == "Walk away before I shout" and goal.created_by == world.worker
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM programmes_goal WHERE id = %s", [goal.pk])
        assert cursor.fetchone()[0].startswith("gAAAA")
    assert "Walk away before I shout" in client.get(engagement_url(world.case)).content.decode()


def test_a_review_refuses_contact_details_in_others_view(world, groupwork):
    for details in ("Call her on 07700 900456", "Email k.example@example.org"):
        with pytest.raises(actions.EngagementError, match="contact details"):
            actions.do_record_review(acting_user=world.worker, case=world.case, due_on=timezone.localdate(),
                                     held_on=timezone.localdate(), progress=3, others_view=details)
    assert not Review.objects.exists()


def test_the_engagement_page_shows_the_pattern_and_prompts_when_views_diverge(world, groupwork):
    for session in groupwork.group.sessions.filter(date__lte=timezone.localdate()).order_by("date"):
        actions.do_record_attendance(acting_user=world.worker, session=session, expected_version=session.version,
                                     register={world.case.pk: ("present", "")})
    held = timezone.localdate()
    actions.do_record_review(acting_user=world.worker, case=world.case, due_on=held, held_on=held, progress=5,
                             participant_view="Things are much better at home.",
                             others_view="Partner says she is still frightened.", others_report_concern=True)
    page = sign_in(Client(), world.worker).get(engagement_url(world.case)).content.decode()
    assert "9 of 9 sessions attended (100%)" in page and "The last 9 sessions" in page
    assert "The participant&#x27;s view and others&#x27; view differ" in page
    assert "Partner says she is still frightened." in page
    event = AuditEvent.objects.filter(event_type=EventType.ENGAGEMENT_VIEWED).latest("id")
    assert event.actor == world.worker and event.record_id == str(world.case.pk) and event.kind == "read"


def test_register_and_engagement_pages_make_a_fixed_number_of_queries(world, groupwork, django_assert_max_num_queries):
    for i in range(8):
        case = open_case(world, world.worker, f"Member{i}")
        actions.do_add_member(acting_user=world.worker, case=case, group=groupwork.group,
                              joined_on=groupwork.group.starts_on)
    for session in groupwork.group.sessions.filter(date__lte=timezone.localdate()):
        members = groupwork.group.memberships.values_list("case_id", flat=True)
        actions.do_record_attendance(acting_user=world.manager, session=session, expected_version=session.version,
                                     register={pk: ("present", "") for pk in members})
    client = sign_in(Client(), world.manager)
    with django_assert_max_num_queries(16):
        assert client.get(register_url(groupwork)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(engagement_url(world.case)).status_code == 200


# --- the divergence check --------------------------------------------------------------------------
def review(day, progress, concern=False, held=True):
    return SimpleNamespace(held_on=dt.date(2026, 1, day) if held else None, progress=progress,
                           others_report_concern=concern)


@pytest.mark.parametrize("reviews, rate, sessions, expected", [
    ([], 1.0, 20, []),  # nothing to compare yet
    ([review(1, 5, concern=True)], None, 0, ["views_diverge"]),  # rated high while others report concern
    ([review(1, 4, concern=True)], None, 0, ["views_diverge"]),  # 4 counts as high
    ([review(1, 3, concern=True)], None, 0, []),  # a modest rating agrees with the concern
    ([review(1, 5)], 1.0, 20, []),  # rated high, nobody reports concern
    ([review(1, 5, concern=True), review(2, 5)], None, 0, []),  # only the latest review counts
    ([review(1, 2, concern=True), review(2, 5, concern=True, held=False)], None, 0, []),  # a review not yet held
    ([review(1, 2), review(2, 2)], 0.9, 10, ["attending_without_change"]),  # attends, no change
    ([review(2, 2), review(1, 3)], 0.8, 6, ["attending_without_change"]),  # ordered by date: fell from 3 to 2
    ([review(1, 2), review(2, 3)], 0.9, 10, []),  # rising
    ([review(1, 2), review(2, 2)], 0.7, 10, []),  # attendance not high
    ([review(1, 2), review(2, 2)], 1.0, 5, []),  # too few sessions to call it a pattern
    ([review(1, 2)], 1.0, 10, []),  # one review shows no trend
    ([review(1, 4), review(2, 4, concern=True)], 0.9, 10, ["views_diverge", "attending_without_change"]),
])
def test_divergence(reviews, rate, sessions, expected):
    assert [prompt.kind for prompt in divergence(reviews, rate, sessions)] == expected


# --- the audit sweep and boundaries ----------------------------------------------------------------
def _write_actions(world, groupwork):
    today = timezone.localdate()
    return {
        "do_create_group": lambda: actions.do_create_group(
            acting_user=world.manager, programme=groupwork.programme, name="Thursday group", capacity=8, weekday=3,
            start_time=dt.time(19), starts_on=today, team=world.worker.team),
        "do_add_session": lambda: actions.do_add_session(acting_user=world.manager, group=groupwork.group, on=today,
                                                         topic="Catch-up"),
        "do_add_member": lambda: actions.do_add_member(
            acting_user=world.worker, case=open_case(world, world.worker, "Kai"), group=groupwork.group),
        "do_record_attendance": lambda: actions.do_record_attendance(
            acting_user=world.worker, session=groupwork.today, register={world.case.pk: ("present", "")},
            expected_version=Session.objects.get(pk=groupwork.today.pk).version),
        "do_exit_member": lambda: actions.do_exit_member(
            acting_user=world.worker, membership=groupwork.place, exit="completed", reason="All 24 weeks",
            expected_version=groupwork.place.version),
        "do_add_goal": lambda: actions.do_add_goal(acting_user=world.worker, case=world.case, text="Listen first"),
        "do_record_review": lambda: actions.do_record_review(acting_user=world.worker, case=world.case, due_on=today,
                                                             held_on=today, progress=3),
    }


def test_every_write_action_writes_an_audit_event(world, groupwork):
    public = {name for name in dir(actions) if name.startswith("do_")}
    sweep = _write_actions(world, groupwork)
    assert public == set(sweep), f"add new actions to this sweep: {public ^ set(sweep)}"
    for name, run in sweep.items():
        before = AuditEvent.objects.filter(kind="write").count()
        run()
        assert AuditEvent.objects.filter(kind="write").count() > before, name
    assert verify()[0]


def test_chat_side_never_imports_programmes():
    for package in ("conversation", "knowledge", "helpchat"):
        for path in (ROOT / "changepath" / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                assert not any(n.startswith("changepath.programmes") for n in names), path


# --- the API -------------------------------------------------------------------------------------
def test_engagement_through_the_api_follows_the_same_rules(world, groupwork):
    import json

    worker = sign_in(Client(), world.worker)
    assert any(g["id"] == groupwork.group.pk for g in worker.get("/api/casework/groups").json())
    body = json.dumps({"version": groupwork.today.version, "marks": {str(world.case.pk): {"status": "late"}}})
    saved = worker.post(f"/api/casework/sessions/{groupwork.today.pk}/register", body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["marks_saved"] == 1
    changed = json.dumps({"version": groupwork.today.version, "marks": {str(world.case.pk): {"status": "absent"}}})
    stale = worker.post(f"/api/casework/sessions/{groupwork.today.pk}/register", changed, content_type="application/json")
    assert stale.status_code == 409  # someone saved this register after the version this client read
    summary = worker.get(f"/api/casework/cases/{world.case.pk}/engagement").json()
    assert summary["counts"]["late"] == 1
    outsider = sign_in(Client(), world.outsider)
    assert outsider.get(f"/api/casework/cases/{world.case.pk}/engagement").status_code == 404
    assert outsider.post(f"/api/casework/sessions/{groupwork.today.pk}/register", body, content_type="application/json").status_code == 404
