"""Every read and write of case data, as actions (zulip's habit).

Each `do_*` runs in one transaction, checks access with changepath.access, and writes its audit event
in the same transaction: the event exists exactly when the change does, and a failed write leaves
nothing behind. Saves name the version they read; if someone saved in between, the save is refused
with an explanation instead of silently overwriting their work.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from changepath import access
from changepath.audit.models import EventType
from changepath.audit.trail import record

from .models import TRANSITIONS, Case, CaseNote, Child, Referral, ReferralStatus, ReferralTransition

IDENTITY_FIELDS = ("given_name", "family_name", "date_of_birth", "phone", "email")
CASE_FIELDS = (*IDENTITY_FIELDS, "address", "gender", "ethnicity", "disability", "status", "team_id", "allocated_worker_id")


class StaleRecord(Exception):
    """Someone else saved this record after it was opened here."""

    def __init__(self, what: str):
        super().__init__(
            f"This {what} was changed by someone else after you opened it, so your changes were not saved. "
            "Reload it to see their changes, then make yours again."
        )


class InvalidTransition(ValueError):
    pass



# --- referrals -----------------------------------------------------------------------------------
@transaction.atomic
def do_create_referral(*, acting_user, organisation, source_type: str, details: dict, consent_given: bool,
                       referrer: dict | None = None) -> Referral:
    """A referral from a public form (acting_user None) or entered by staff."""
    if acting_user is not None:
        access.require(acting_user, access.CREATE, "referral")
        if acting_user.role != "referrer" and acting_user.organisation_id != organisation.pk:
            raise PermissionDenied("You may only enter referrals for your own organisation.")
    referral = Referral(
        organisation=organisation, source_type=source_type, consent_given=consent_given,
        consent_recorded_at=timezone.now(), referred_by=acting_user, **details, **(referrer or {}),
    )
    referral.refresh_indexes()
    referral.save()
    record(acting_user, EventType.REFERRAL_CREATED, "referral", referral.pk,
           fields=[*details, *(referrer or {}), "source_type", "consent_given"], organisation_id=organisation.pk)
    return referral


def possible_duplicates(referral: Referral):
    """Open cases of the same organisation with the same name and date of birth, or the same phone."""
    match = Q()
    if referral.name_dob_index:
        match |= Q(name_dob_index=referral.name_dob_index)
    if referral.phone_index:
        match |= Q(phone_index=referral.phone_index)
    if not match:
        return Case.objects.none()
    return Case.objects.filter(match, organisation_id=referral.organisation_id)


@transaction.atomic
def do_transition_referral(*, acting_user, referral: Referral, to_status: str, expected_version: int,
                           reason: str = "", team=None, allocated_worker=None) -> Referral:
    access.require(acting_user, access.CHANGE, "referral", referral)
    if to_status not in TRANSITIONS[ReferralStatus(referral.status)]:
        raise InvalidTransition(
            f"A referral that is {referral.get_status_display().lower()} cannot become "
            f"{ReferralStatus(to_status).label.lower()}."
        )
    if to_status == ReferralStatus.DECLINED and not reason.strip():
        raise InvalidTransition("Give the reason for declining; it is recorded with the referral.")
    updated = Referral.objects.filter(pk=referral.pk, version=expected_version).update(
        status=to_status, version=F("version") + 1, updated_at=timezone.now(),
        decline_reason=reason if to_status == ReferralStatus.DECLINED else referral.decline_reason,
    )
    if not updated:
        raise StaleRecord("referral")
    ReferralTransition.objects.create(referral=referral, from_status=referral.status, to_status=to_status,
                                      by=acting_user, reason=reason)
    record(acting_user, EventType.REFERRAL_TRANSITIONED, "referral", referral.pk, fields=["status"])
    referral.refresh_from_db()
    if to_status == ReferralStatus.ALLOCATED:
        do_open_case(acting_user=acting_user, referral=referral, team=team, allocated_worker=allocated_worker)
        referral.refresh_from_db()
    return referral


# --- cases ---------------------------------------------------------------------------------------
@transaction.atomic
def do_open_case(*, acting_user, referral: Referral, team=None, allocated_worker=None) -> Case:
    access.require(acting_user, access.CREATE, "case")
    if allocated_worker is not None and allocated_worker.organisation_id != referral.organisation_id:
        raise PermissionDenied("The allocated worker must belong to the organisation that holds the referral.")
    case = Case(
        organisation_id=referral.organisation_id, team=team or getattr(allocated_worker, "team", None),
        allocated_worker=allocated_worker, **{f: getattr(referral, f) for f in IDENTITY_FIELDS},
    )
    case.refresh_indexes()
    case.save()
    Referral.objects.filter(pk=referral.pk).update(case=case)
    record(acting_user, EventType.CASE_OPENED, "case", case.pk, fields=[*IDENTITY_FIELDS, "team", "allocated_worker"],
           organisation_id=case.organisation_id)
    return case


@transaction.atomic
def do_update_case(*, acting_user, case: Case, changes: dict, expected_version: int) -> Case:
    access.require(acting_user, access.CHANGE, "case", case)
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown case fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(case, name, value)
    case.refresh_indexes()
    values = {name: getattr(case, name) for name in changes}
    if set(changes) & set(IDENTITY_FIELDS):
        values.update(name_dob_index=case.name_dob_index, phone_index=case.phone_index)
    # update() prepares each value through its field, so encrypted fields are encrypted as on save().
    updated = Case.objects.filter(pk=case.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **values)
    if not updated:
        raise StaleRecord("case")
    record(acting_user, EventType.CASE_CHANGED, "case", case.pk, fields=list(changes))
    case.refresh_from_db()
    return case


@transaction.atomic
def do_add_case_note(*, acting_user, case: Case, text: str) -> CaseNote:
    note = CaseNote(case=case, author=acting_user, text=text)
    access.require(acting_user, access.CREATE, "case_note", note)
    if not text.strip():
        raise ValueError("A case note cannot be empty.")
    note.save()
    record(acting_user, EventType.CASE_NOTE_ADDED, "case", case.pk, fields=["note"])
    return note


@transaction.atomic
def do_add_child(*, acting_user, case: Case, age: int, lives_with: str) -> Child:
    access.require(acting_user, access.CHANGE, "case", case)
    child = Child.objects.create(case=case, age=age, lives_with=lives_with)
    record(acting_user, EventType.CHILD_ADDED, "case", case.pk, fields=["children"])
    return child


# --- reads ---------------------------------------------------------------------------------------
@transaction.atomic
def read_case(*, acting_user, case: Case, fields=CASE_FIELDS) -> Case:
    """Records that `acting_user` looked at this case (and which fields), then returns it."""
    access.require(acting_user, access.VIEW, "case", case)
    record(acting_user, EventType.CASE_VIEWED, "case", case.pk, fields=list(fields))
    return case


@transaction.atomic
def read_referral(*, acting_user, referral: Referral, fields) -> Referral:
    access.require(acting_user, access.VIEW, "referral", referral)
    record(acting_user, EventType.REFERRAL_VIEWED, "referral", referral.pk, fields=list(fields))
    return referral
