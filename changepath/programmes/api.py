"""Engagement in the casework API (/api/casework/...): groups, registers and a participant's engagement.

A router of the casework API, composed in changepath/urls.py, under the same rules: staff with a
second factor; lookups through access.visible() (404 outside); writes through the actions (403, 409).
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from changepath import access
from changepath.casework.actions import StaleRecord
from changepath.casework.models import Case

from . import actions
from .models import AttendanceStatus, Group, Session

router = Router(tags=["engagement"])


class GroupOut(Schema):
    id: int
    name: str
    programme: str
    team: str | None
    capacity: int
    weekday: int
    start_time: dt.time


class Mark(Schema):
    status: AttendanceStatus
    absence_reason: str = Field("", max_length=500)


class RegisterIn(Schema):
    version: int = Field(..., description="The session's version you read; a later save by someone else gives 409.")
    marks: dict[int, Mark] = Field(..., description="Case id -> mark, for members of the group on the session's date.")


class EngagementOut(Schema):
    counts: dict[str, int]
    sessions_recorded: int
    attendance_rate: float | None
    recent: list[dict]
    goals: list[dict]
    reviews: list[dict]
    prompts: list[dict]


@router.get("/groups", response=list[GroupOut], summary="Groups you may see")
def list_groups(request):
    groups = access.visible(request.auth, "group", Group.objects.select_related("programme", "team")).order_by("name")
    return [{"id": g.pk, "name": g.name, "programme": g.programme.name, "team": g.team.name if g.team_id else None,
             "capacity": g.capacity, "weekday": g.weekday, "start_time": g.start_time} for g in groups]


@router.post("/sessions/{pk}/register", response=dict, summary="Take the register of one session")
def take_register(request, pk: int, payload: RegisterIn):
    groups = access.visible(request.auth, "group", Group.objects.all())
    session = Session.objects.filter(pk=pk, group__in=groups).first()
    if session is None:
        raise Http404
    register = {case_id: (mark.status, mark.absence_reason) for case_id, mark in payload.marks.items()}
    try:
        saved = actions.do_record_attendance(acting_user=request.auth, session=session, register=register,
                                             expected_version=payload.version)
    except StaleRecord as stale:
        raise HttpError(409, str(stale)) from None
    except actions.EngagementError as problem:
        raise HttpError(400, str(problem)) from None
    session.refresh_from_db()
    return {"session": session.pk, "version": session.version, "marks_saved": len(saved)}


@router.get("/cases/{pk}/engagement", response=EngagementOut, summary="A participant's attendance, goals, reviews and prompts")
def engagement(request, pk: int):
    case = access.visible(request.auth, "case", Case.objects.all()).filter(pk=pk).first()
    if case is None:
        raise Http404
    e = actions.read_engagement(acting_user=request.auth, case=case)
    return {
        "counts": e.counts, "sessions_recorded": e.sessions_recorded, "attendance_rate": e.attendance_rate,
        "recent": [{"date": m.session.date, "status": m.status, "group": m.session.group.name if m.session.group_id else None}
                   for m in e.recent],
        "goals": [{"text": g.text, "status": g.status} for g in e.goals],
        "reviews": [{"due_on": r.due_on, "held_on": r.held_on, "progress": r.progress, "participant_view": r.participant_view,
                     "others_view": r.others_view, "others_report_concern": r.others_report_concern} for r in e.reviews],
        "prompts": [{"kind": p.kind, "heading": p.heading, "text": p.text} for p in e.prompts],
    }
