"""The casework REST API under /api/casework/ (OpenAPI schema at /api/casework/openapi.json).

The same resources as the pages, under the same rules: staff sign in (password + TOTP) in the
browser session; lookups go through access.visible() (a record you may not see is a 404); writes go
through the actions (403 when not allowed, 409 when someone saved first); every read is audited.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import SessionAuth
from pydantic import Field

from changepath import access
from changepath.audit.models import EventType
from changepath.audit.trail import record

from . import actions
from .models import Case, Referral, ReferralStatus, SourceType

PAGE = 100


class StaffSession(SessionAuth):
    """A signed-in member of staff who has passed the second factor."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_verified() and getattr(user, "role", "") else None


api = NinjaAPI(title="changepath casework API", version="1", docs_url=None, urls_namespace="work_api", auth=StaffSession())


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)


@api.exception_handler(actions.StaleRecord)
def _stale(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(actions.InvalidTransition)
def _invalid(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


class CaseSummary(Schema):
    id: int
    given_name: str
    family_name: str
    status: str
    allocated_worker: str | None
    team: str | None
    version: int


class CaseOut(CaseSummary):
    date_of_birth: str
    phone: str
    email: str
    address: str
    children: list[dict]


class CaseChange(Schema):
    version: int = Field(..., description="The version you read; a save after someone else's is refused (409).")
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: dt.date | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = None
    address: str | None = None


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=20000)


class ReferralOut(Schema):
    id: int
    status: str
    created_at: dt.datetime
    source_type: str | None = None
    given_name: str | None = None
    family_name: str | None = None


class ReferralIn(Schema):
    source_type: SourceType
    given_name: str = Field(..., min_length=1, max_length=100)
    family_name: str = Field(..., min_length=1, max_length=100)
    date_of_birth: dt.date | None = None
    phone: str = Field("", max_length=40)
    email: str = ""
    reason: str = Field("", max_length=5000)
    consent_given: bool = Field(..., description="The person agreed to the referral; it cannot be accepted without.")


class TransitionIn(Schema):
    to_status: ReferralStatus
    version: int
    reason: str = ""
    allocated_worker_id: int | None = None


def _summary(case: Case) -> dict:
    return {
        "id": case.pk, "given_name": case.given_name, "family_name": case.family_name, "status": case.status,
        "allocated_worker": str(case.allocated_worker) if case.allocated_worker_id else None,
        "team": case.team.name if case.team_id else None, "version": case.version,
    }


def _case(user, pk: int) -> Case:
    case = access.visible(user, "case", Case.objects.select_related("team", "allocated_worker")).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _referral(user, pk: int) -> Referral:
    referral = access.visible(user, "referral", Referral.objects.all()).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


@api.get("/cases", response=list[CaseSummary], summary="Cases you may see (newest first)")
def list_cases(request, mine: bool = False, offset: int = 0):
    if not access.grant(request.auth, "case"):
        raise Http404
    cases = access.visible(request.auth, "case", Case.objects.select_related("team", "allocated_worker"))
    if mine:
        cases = cases.filter(allocated_worker=request.auth)
    rows = list(cases.order_by("-updated_at")[offset:offset + PAGE])
    with transaction.atomic():
        record(request.auth, EventType.CASE_LIST_VIEWED, "case", "", fields=["given_name", "family_name", "status"])
    return [_summary(c) for c in rows]


@api.get("/cases/{pk}", response=CaseOut, summary="One case")
def get_case(request, pk: int):
    case = actions.read_case(acting_user=request.auth, case=_case(request.auth, pk))
    return {**_summary(case), "date_of_birth": case.date_of_birth, "phone": case.phone, "email": case.email,
            "address": case.address, "children": [{"age": c.age, "lives_with": c.lives_with} for c in case.children.all()]}


@api.patch("/cases/{pk}", response=CaseSummary, summary="Change a case's details")
def change_case(request, pk: int, payload: CaseChange):
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if "date_of_birth" in changes:
        changes["date_of_birth"] = changes["date_of_birth"].isoformat() if changes["date_of_birth"] else ""
    changes = {k: ("" if v is None else v) for k, v in changes.items()}
    case = actions.do_update_case(acting_user=request.auth, case=_case(request.auth, pk), changes=changes, expected_version=version)
    return _summary(case)


@api.post("/cases/{pk}/notes", response={201: dict}, summary="Add a case note")
def add_note(request, pk: int, payload: NoteIn):
    note = actions.do_add_case_note(acting_user=request.auth, case=_case(request.auth, pk), text=payload.text)
    return Status(201, {"id": note.pk, "at": note.at.isoformat()})


@api.get("/referrals", response=list[ReferralOut], summary="Referrals you may see; referrers see status only")
def list_referrals(request, status: ReferralStatus | None = None, offset: int = 0):
    if not access.grant(request.auth, "referral"):
        raise Http404
    referrals = access.visible(request.auth, "referral", Referral.objects.all())
    if status:
        referrals = referrals.filter(status=status)
    rows = list(referrals.order_by("-created_at")[offset:offset + PAGE])
    fields = access.readable_fields(request.auth, "referral", REFERRAL_FIELDS)
    with transaction.atomic():
        record(request.auth, EventType.REFERRAL_LIST_VIEWED, "referral", "", fields=fields)
    return [_referral_out(r, fields) for r in rows]


REFERRAL_FIELDS = ("id", "status", "created_at", "source_type", "given_name", "family_name")


def _referral_out(r: Referral, fields) -> dict:
    """Only the fields the user may read; the others are null (access.readable_fields decides)."""
    values = {"id": r.pk, "status": r.status, "created_at": r.created_at, "source_type": r.source_type,
              "given_name": r.given_name, "family_name": r.family_name}
    return {name: (value if name in fields else None) for name, value in values.items()}


@api.get("/referrals/{pk}", response=ReferralOut, summary="One referral")
def get_referral(request, pk: int):
    fields = access.readable_fields(request.auth, "referral", REFERRAL_FIELDS)
    referral = actions.read_referral(acting_user=request.auth, referral=_referral(request.auth, pk), fields=fields)
    return _referral_out(referral, fields)


@api.post("/referrals", response={201: ReferralOut}, summary="Enter a referral for your organisation")
def create_referral(request, payload: ReferralIn):
    if not payload.consent_given:
        raise HttpError(400, "consent_given must be true: a referral needs the person's agreement")
    data = payload.dict()
    source, consent = data.pop("source_type"), data.pop("consent_given")
    data["date_of_birth"] = data["date_of_birth"].isoformat() if data["date_of_birth"] else ""
    if request.auth.role == "referrer":
        raise HttpError(400, "referrers refer through the referral form at /refer/, which asks which programme")
    referral = actions.do_create_referral(acting_user=request.auth, organisation=request.auth.organisation,
                                          source_type=source, details=data, consent_given=consent)
    return Status(201, _referral_out(referral, REFERRAL_FIELDS))


@api.post("/referrals/{pk}/transition", response=ReferralOut, summary="Move a referral on (accept, decline, waiting list, allocate)")
def transition_referral(request, pk: int, payload: TransitionIn):
    from changepath.accounts.models import User

    referral = _referral(request.auth, pk)
    worker = None
    if payload.allocated_worker_id is not None:
        worker = User.objects.filter(pk=payload.allocated_worker_id, organisation=referral.organisation_id).first()
        if worker is None:
            raise HttpError(400, "allocated_worker_id is not a member of staff of this organisation")
    referral = actions.do_transition_referral(acting_user=request.auth, referral=referral, to_status=payload.to_status,
                                              expected_version=payload.version, reason=payload.reason, allocated_worker=worker)
    return _referral_out(referral, access.readable_fields(request.auth, "referral", REFERRAL_FIELDS))
