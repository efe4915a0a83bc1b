"""Every write and audited read of engagement: groups, places in groups, registers, exits, goals, reviews.

Casework's habits hold here (zulip's): each `do_*` runs in one transaction, checks changepath.access,
and writes its audit event in that transaction, so a failed write leaves neither change nor event.
A register and a place in a group can be edited by two people at once, so their saves name the
version they read; a group's last place is given out under a row lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from changepath import access
from changepath.audit.models import EventType
from changepath.audit.trail import record
from changepath.casework.actions import StaleRecord
from changepath.casework.models import Case, CaseStatus

from .divergence import Prompt, divergence
from .models import (
    ATTENDED, Attendance, AttendanceStatus, ExitKind, Goal, Group, Membership, Programme, Review, Session, SessionKind,
    Weekday,
)

RECENT_SESSIONS = 12

# A seatbelt, not a guarantee: an email address, or a phone number (nine or more digits starting with 0
# or +). A partner's contact details must never sit in the participant's record, which the participant
# may one day ask to see.
_CONTACT_DETAILS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|(?<!\d)(?:\+|0)(?:[\s\-().]*\d){8,}")


class EngagementError(ValueError):
    """A write that breaks one of the programme's rules; the message tells the person what to do."""



def _members_on(group_id: int, day: date):
    """Places in the group held on `day`: joined by then and not yet left (someone who leaves that day still counts)."""
    return Membership.objects.filter(group_id=group_id, joined_on__lte=day).filter(
        Q(exited_on__isnull=True) | Q(exited_on__gte=day))


# --- groups and sessions -------------------------------------------------------------------------
@transaction.atomic
def do_create_group(*, acting_user, programme: Programme, name: str, capacity: int, weekday: int, start_time: time,
                    starts_on: date, team=None) -> Group:
    """A group and its weekly sessions: one per programme week, from the first `weekday` on or after `starts_on`."""
    group = Group(programme=programme, team=team, name=name.strip(), capacity=capacity, weekday=weekday,
                  start_time=start_time, starts_on=starts_on)
    access.require(acting_user, access.CREATE, "group", group)
    if team is not None and team.organisation_id != programme.organisation_id:
        raise PermissionDenied("The group's team must belong to the organisation that runs the programme.")
    if not group.name:
        raise EngagementError("Give the group a name.")
    if capacity < 1:
        raise EngagementError("A group needs room for at least one participant.")
    if weekday not in Weekday.values:
        raise EngagementError("Choose the day of the week the group meets.")
    group.save()
    first = starts_on + timedelta(days=(weekday - starts_on.weekday()) % 7)
    Session.objects.bulk_create(
        Session(group=group, kind=SessionKind.GROUP, date=first + timedelta(weeks=week), topic=f"Week {week + 1}")
        for week in range(programme.weeks)
    )
    record(acting_user, EventType.GROUP_CREATED, "group", group.pk,
           fields=["name", "team", "capacity", "weekday", "start_time", "starts_on", "sessions"],
           organisation_id=programme.organisation_id)
    return group


@transaction.atomic
def do_add_session(*, acting_user, on: date, topic: str = "", group: Group | None = None,
                   case: Case | None = None) -> Session:
    """An extra group session (a catch-up, a moved week), or a one-to-one session with one participant."""
    if (group is None) == (case is None):
        raise ValueError("A session belongs to a group or to one participant, not to both or neither.")
    if group is not None:
        access.require(acting_user, access.CHANGE, "group", group)
        session = Session.objects.create(group=group, kind=SessionKind.GROUP, date=on, topic=topic.strip())
        record(acting_user, EventType.SESSION_ADDED, "group", group.pk, fields=["sessions"])
    else:
        # A one-to-one session is part of the case's own plan: booking one needs the right to change the case
        # (a group register, by contrast, is taken by whichever facilitator of the team runs the group).
        access.require(acting_user, access.CHANGE, "case", case)
        session = Session.objects.create(case=case, kind=SessionKind.ONE_TO_ONE, date=on, topic=topic.strip())
        record(acting_user, EventType.SESSION_ADDED, "case", case.pk, fields=["one_to_one_sessions"])
    return session


# --- places in groups ----------------------------------------------------------------------------
@transaction.atomic
def do_add_member(*, acting_user, case: Case, group: Group, joined_on: date | None = None) -> Membership:
    membership = Membership(case=case, group=group, joined_on=joined_on or timezone.localdate())
    access.require(acting_user, access.VIEW, "group", group)
    access.require(acting_user, access.CREATE, "membership", membership)
    if group.programme.organisation_id != case.organisation_id:
        raise PermissionDenied("A participant can only join a group run by the organisation that holds their case.")
    if case.status != CaseStatus.OPEN:
        raise EngagementError("This case is closed; reopen it before offering a place in a group.")
    locked = Group.objects.select_for_update().get(pk=group.pk)  # two people cannot both give away the last place
    current = Membership.objects.filter(group=locked, exit="")
    if current.filter(case=case).exists():
        raise EngagementError("This participant already has a place in this group.")
    if current.count() >= locked.capacity:
        raise EngagementError(f"{locked.name} is full ({locked.capacity} places). Offer a place in another group, "
                              "or wait until someone leaves.")
    membership.save()
    record(acting_user, EventType.MEMBER_ADDED, "case", case.pk, fields=["membership"])
    return membership


@transaction.atomic
def do_exit_member(*, acting_user, membership: Membership, exit: str, reason: str, expected_version: int,
                   exited_on: date | None = None) -> Membership:
    """Ends a place in a group: completed, deselected or dropped out, always with the reason."""
    access.require(acting_user, access.CHANGE, "membership", membership)
    if exit not in ExitKind.values:
        raise EngagementError("Choose how the participant left the group: completed, deselected or dropped out.")
    if not reason.strip():
        raise EngagementError("Give the reason for the exit; it is kept with the participant's record.")
    exited_on = exited_on or timezone.localdate()
    if exited_on < membership.joined_on:
        raise EngagementError("The exit date cannot be before the day the participant joined the group.")
    if membership.exit:
        raise EngagementError("This participant has already left this group.")
    # update() prepares each value through its field, so the reason is encrypted as on save().
    updated = Membership.objects.filter(pk=membership.pk, version=expected_version, exit="").update(
        exit=exit, exit_reason=reason.strip(), exited_on=exited_on, version=F("version") + 1)
    if not updated:
        raise StaleRecord("place in a group")
    record(acting_user, EventType.MEMBER_EXITED, "case", membership.case_id,
           fields=["exit", "exit_reason", "exited_on"])
    membership.refresh_from_db()
    return membership


# --- registers -----------------------------------------------------------------------------------
@transaction.atomic
def do_record_attendance(*, acting_user, session: Session, register: dict[int, tuple[str, str]],
                         expected_version: int) -> list[Attendance]:
    """Saves a whole register at once, {case_id: (status, absence reason)}. Marks already there are corrected;
    a mark posted again unchanged is left alone, so only real changes are written and audited."""
    if session.group_id is not None:
        access.require(acting_user, access.VIEW, "group", session.group)
        on_the_day = set(_members_on(session.group_id, session.date).values_list("case_id", flat=True))
    else:
        on_the_day = {session.case_id}
    if not register:
        raise EngagementError("Mark at least one participant before saving the register.")
    if set(register) - on_the_day:
        raise EngagementError("Only participants who had a place in the group on the day of the session can be marked.")
    if session.date > timezone.localdate():
        raise EngagementError("A register is taken on the day of the session or after it, not before.")
    cases = Case.objects.in_bulk(list(register))
    existing = {mark.case_id: mark for mark in session.attendance.filter(case_id__in=list(register))}
    marks = []
    for case_id, (status, reason) in sorted(register.items()):
        if status not in AttendanceStatus.values:
            raise EngagementError("Mark each participant present, late or absent.")
        mark = existing.get(case_id) or Attendance(session=session)
        mark.case = cases[case_id]
        access.require(acting_user, access.CHANGE if mark.pk else access.CREATE, "attendance", mark)
        reason = reason.strip() if status == AttendanceStatus.ABSENT else ""
        if mark.pk and (mark.status, mark.absence_reason) == (status, reason):
            continue
        mark.status, mark.absence_reason, mark.recorded_by = status, reason, acting_user
        marks.append(mark)
    if not marks:
        return []  # what was posted is what is saved already: nothing to write, nothing to audit
    # Claiming the register's version also takes its row lock, so a second save waits, then is refused.
    if not Session.objects.filter(pk=session.pk, version=expected_version).update(version=F("version") + 1):
        raise StaleRecord("register")
    for mark in marks:
        mark.save()
        record(acting_user, EventType.ATTENDANCE_RECORDED, "case", mark.case_id,
               fields=["attendance", "absence_reason"] if mark.absence_reason else ["attendance"])
    session.refresh_from_db(fields=["version"])
    return marks


# --- goals and reviews ---------------------------------------------------------------------------
@transaction.atomic
def do_add_goal(*, acting_user, case: Case, text: str) -> Goal:
    goal = Goal(case=case, text=text.strip(), created_by=acting_user)
    access.require(acting_user, access.CREATE, "goal", goal)
    if not goal.text:
        raise EngagementError("Write the goal in the participant's own words before saving it.")
    goal.save()
    record(acting_user, EventType.GOAL_ADDED, "case", case.pk, fields=["goal"])
    return goal


@transaction.atomic
def do_record_review(*, acting_user, case: Case, due_on: date, held_on: date, progress: int,
                     participant_view: str = "", others_view: str = "", others_report_concern: bool = False) -> Review:
    """A review that has been held: the participant's rating and view, and what others report."""
    review = Review(case=case, due_on=due_on, held_on=held_on, reviewer=acting_user, progress=progress,
                    participant_view=participant_view.strip(), others_view=others_view.strip(),
                    others_report_concern=others_report_concern)
    access.require(acting_user, access.CREATE, "review", review)
    if not 1 <= progress <= 5:
        raise EngagementError("Rate progress from 1 (no change) to 5 (a lot of change).")
    if held_on > timezone.localdate():
        raise EngagementError("Record a review once it has been held; the date it was held cannot be in the future.")
    if _CONTACT_DETAILS.search(review.others_view):
        raise EngagementError("Others' view seems to hold a phone number or an email address. Record what was "
                              "reported, never how to reach anyone: remove the contact details.")
    review.save()
    written = ["due_on", "held_on", "progress", "others_report_concern"]
    written += [name for name in ("participant_view", "others_view") if getattr(review, name)]
    record(acting_user, EventType.REVIEW_RECORDED, "case", case.pk, fields=written)
    return review


# --- reads ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Engagement:
    counts: dict[str, int]  # attendance status -> sessions
    sessions_recorded: int
    attended: int  # present or late
    attendance_rate: float | None  # present or late, of the sessions with a mark; None before the first mark
    recent: list[Attendance]  # the last RECENT_SESSIONS marks, newest first
    memberships: list[Membership]
    goals: list[Goal]
    reviews: list[Review]
    prompts: list[Prompt]


@transaction.atomic
def read_engagement(*, acting_user, case: Case) -> Engagement:
    """Records that `acting_user` looked at this participant's engagement, then gathers it."""
    access.require(acting_user, access.VIEW, "case", case)
    marks = access.visible(acting_user, "attendance", Attendance.objects.filter(case=case))
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    counts.update(marks.order_by().values_list("status").annotate(n=Count("id")))
    recorded, attended = sum(counts.values()), sum(counts[s] for s in ATTENDED)
    rate = attended / recorded if recorded else None
    recent = list(marks.select_related("session__group").order_by("-session__date", "-session_id")[:RECENT_SESSIONS])
    memberships = list(access.visible(acting_user, "membership", Membership.objects.filter(case=case))
                       .select_related("group__programme").order_by("-joined_on", "-id"))
    goals = list(access.visible(acting_user, "goal", Goal.objects.filter(case=case)).order_by("created_at", "id"))
    reviews = list(access.visible(acting_user, "review", Review.objects.filter(case=case))
                   .select_related("reviewer").order_by("-due_on", "-id"))
    record(acting_user, EventType.ENGAGEMENT_VIEWED, "case", case.pk,
           fields=["attendance", "memberships", "goals", "reviews"])
    return Engagement(counts, recorded, attended, rate, recent, memberships, goals, reviews,
                      prompts=divergence(reviews, rate, recorded))


@dataclass(frozen=True)
class RegisterRow:
    membership: Membership
    mark: Attendance | None  # at the session being taken
    history: list[str]  # status at each of Register.earlier ("" = no mark)
    may_record: bool


@dataclass(frozen=True)
class Register:
    sessions: list[Session]
    session: Session | None  # the one being taken
    earlier: list[Session]  # the sessions just before the one being taken, for the pattern so far
    rows: list[RegisterRow]  # members on the day whose case the user may see
    unseen: int  # members on the day whose case the user may not see: counted, never named


@transaction.atomic
def read_register(*, acting_user, group: Group, session: Session | None = None) -> Register:
    """Records that `acting_user` looked at a group's register; by default the latest session held so far."""
    access.require(acting_user, access.VIEW, "group", group)
    sessions = list(group.sessions.order_by("date", "id"))
    if session is None and sessions:
        today = timezone.localdate()
        session = next((s for s in reversed(sessions) if s.date <= today), sessions[0])
    if session is None:
        return Register(sessions, None, [], [], 0)
    everyone = _members_on(group.pk, session.date)
    seen = list(access.visible(acting_user, "membership", everyone).select_related("case").order_by("joined_on", "id"))
    at = sessions.index(session)
    earlier = sessions[max(0, at - RECENT_SESSIONS + 1):at]
    marks = {(m.session_id, m.case_id): m for m in Attendance.objects.filter(
        session__in=[*earlier, session], case__in=[place.case_id for place in seen])}
    rows = []
    for place in seen:
        mark = marks.get((session.pk, place.case_id))
        # The scope follows the case alone, so an unsaved mark with the loaded case answers without a query.
        may = access.can(acting_user, access.CHANGE if mark else access.CREATE, "attendance",
                         Attendance(session=session, case=place.case))
        history = [getattr(marks.get((s.pk, place.case_id)), "status", "") for s in earlier]
        rows.append(RegisterRow(place, mark, history, may))
    record(acting_user, EventType.GROUP_REGISTER_VIEWED, "group", group.pk,
           fields=["given_name", "family_name", "attendance"])
    return Register(sessions, session, earlier, rows, everyone.count() - len(seen))
