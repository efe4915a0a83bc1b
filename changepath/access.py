"""Who may see and do what with case data. The ONE place that decides it.

Every view, API endpoint, list, search and export asks `visible()` for the records a user may read
and `can()` before an action. A permission is a (resource, action) pair; a role adds a record scope
for reading and one for writing:

    own           records the user is responsible for (allocated worker; the referrer who referred)
    team          records of the user's team
    organisation  records of the user's organisation
    (absent)      none at all

A record outside a user's read scope does not exist for them (views answer 404); a record they may
read but not change answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

VIEW, CREATE, CHANGE, EXPORT, DELETE = "view", "create", "change", "export", "delete"
SCOPES = ("own", "team", "organisation")


@dataclass(frozen=True)
class Grant:
    actions: frozenset[str]
    read: str  # scope for reading
    write: str = ""  # scope for create/change/delete; "" = may not write


def _grant(actions: str, read: str, write: str = "") -> Grant:
    return Grant(frozenset(actions.split()), read, write)


# role -> resource -> grant. Commissioners see aggregates only (reports), never a record.
GRANTS: dict[str, dict[str, Grant]] = {
    "case_worker": {
        "referral": _grant("view create change", "organisation", "organisation"),
        "case": _grant("view create change", "team", "own"),
        "case_note": _grant("view create", "team", "own"),
        # Facilitators see their team's groups; managers plan them. Engagement records follow the case.
        "group": _grant("view", "team"),
        "membership": _grant("view create change", "team", "own"),
        # A facilitator takes the whole group's register, so marks follow the team, not the allocation.
        "attendance": _grant("view create change", "team", "team"),
        "goal": _grant("view create", "team", "own"),
        "review": _grant("view create", "team", "own"),
    },
    "service_manager": {
        "referral": _grant("view create change export delete", "organisation", "organisation"),
        "case": _grant("view create change export delete", "organisation", "organisation"),
        "case_note": _grant("view create export", "organisation", "organisation"),
        "group": _grant("view create change", "organisation", "organisation"),
        "membership": _grant("view create change", "organisation", "organisation"),
        "attendance": _grant("view create change", "organisation", "organisation"),
        "goal": _grant("view create", "organisation", "organisation"),
        "review": _grant("view create", "organisation", "organisation"),
        "audit": _grant("view export", "organisation"),
        "report": _grant("view", "organisation"),
    },
    "referrer": {
        "referral": _grant("view create", "own", "own"),  # status of their own referrals only
    },
    "commissioner": {
        "report": _grant("view", "organisation"),
    },
    "administrator": {
        "staff": _grant("view create change", "organisation", "organisation"),
    },
}

# A record that belongs to a case (its engagement: places in groups, attendance, goals, reviews) is
# seen and changed by whoever may see and change the case.
_FOLLOWS_CASE = {"organisation": "case__organisation", "team": "case__team", "own": "case__allocated_worker"}

# How each resource's records relate to the user: organisation, team and owner lookups.
OWNERSHIP: dict[str, dict[str, str]] = {
    "referral": {"organisation": "organisation", "own": "referred_by"},
    "case": {"organisation": "organisation", "team": "team", "own": "allocated_worker"},
    "case_note": {"organisation": "case__organisation", "team": "case__team", "own": "case__allocated_worker"},
    "audit": {"organisation": "organisation"},
    "staff": {"organisation": "organisation"},
    # A group without a team is the organisation's: only organisation-wide roles see it.
    "group": {"organisation": "programme__organisation", "team": "team"},
    "membership": _FOLLOWS_CASE,
    "attendance": _FOLLOWS_CASE,
    "goal": _FOLLOWS_CASE,
    "review": _FOLLOWS_CASE,
}


def grant(user, resource: str) -> Grant | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return GRANTS.get(getattr(user, "role", ""), {}).get(resource)


def _scope_q(user, resource: str, scope: str) -> Q | None:
    lookups = OWNERSHIP[resource]
    if scope == "organisation" and "organisation" in lookups:
        return Q(**{f"{lookups['organisation']}_id": user.organisation_id})
    if scope == "team" and "team" in lookups and user.team_id:
        return Q(**{f"{lookups['team']}_id": user.team_id}) & Q(**{f"{lookups['organisation']}_id": user.organisation_id})
    if scope == "own" and "own" in lookups:
        return Q(**{f"{lookups['own']}_id": user.pk})
    return None


def visible(user, resource: str, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` that `user` may read. Everything else does not exist for them."""
    g = grant(user, resource)
    q = _scope_q(user, resource, g.read) if g and VIEW in g.actions else None
    return queryset.filter(q) if q is not None else queryset.none()


def can(user, action: str, resource: str, record=None) -> bool:
    """May `user` do `action` on `resource` (on `record`, if given)?"""
    g = grant(user, resource)
    if g is None or action not in g.actions:
        return False
    scope = g.read if action in (VIEW, EXPORT) else g.write
    if not scope:
        return False
    if record is None:
        return True
    return _in_scope(user, resource, scope, record)


def require(user, action: str, resource: str, record=None) -> None:
    """can(), for actions: raises PermissionDenied (a 403) when the answer is no."""
    if not can(user, action, resource, record):
        raise PermissionDenied(f"You may not {action} this {resource.replace('_', ' ')}.")


def _in_scope(user, resource: str, scope: str, record) -> bool:
    lookups = OWNERSHIP[resource]

    def value(path: str):
        obj = record
        parts = path.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part)
        return getattr(obj, f"{parts[-1]}_id")

    if scope == "own":  # what one is responsible for, wherever it is held (a referrer's referrals)
        return "own" in lookups and value(lookups["own"]) == user.pk
    if value(lookups["organisation"]) != user.organisation_id:
        return False
    if scope == "organisation":
        return True
    if scope == "team":
        return "team" in lookups and user.team_id is not None and value(lookups["team"]) == user.team_id
    return False


# Which fields of a record a role may read, where it may not read them all (Primero's habit: one
# place decides, and pages, the API and exports all ask it). Absent: every field its grant covers.
READABLE_FIELDS: dict[tuple[str, str], frozenset[str]] = {
    ("referrer", "referral"): frozenset({"id", "status", "created_at", "transitions"}),
}


def readable_fields(user, resource: str, all_fields) -> list[str]:
    """The subset of `all_fields` of `resource` that `user` may read (in the order given)."""
    if grant(user, resource) is None:
        return []
    allowed = READABLE_FIELDS.get((getattr(user, "role", ""), resource))
    return [f for f in all_fields if allowed is None or f in allowed]
