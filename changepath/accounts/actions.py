"""Staff accounts, created and closed by an organisation's administrator, audited like case data."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from changepath import access
from changepath.audit.models import EventType
from changepath.audit.trail import record

from .models import Role, Team, User


@transaction.atomic
def do_create_staff(*, acting_user, username: str, first_name: str, last_name: str, email: str, role: str,
                    team: Team | None = None) -> tuple[User, str]:
    """A new account in the administrator's own organisation, with a one-time password to hand over.

    The new member of staff sets up TOTP at first sign-in, like everyone.
    """
    if not access.can(acting_user, access.CREATE, "staff"):
        raise PermissionDenied("Only an administrator may create staff accounts.")
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if team is not None and team.organisation_id != acting_user.organisation_id:
        raise PermissionDenied("The team must belong to your organisation.")
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"The username {username!r} is taken; choose another."})
    password = secrets.token_urlsafe(12)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, role=role,
                organisation_id=acting_user.organisation_id, team=team)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    record(acting_user, EventType.STAFF_CREATED, "staff", user.pk, fields=["username", "name", "email", "role", "team"])
    return user, password


@transaction.atomic
def do_deactivate_staff(*, acting_user, user: User) -> User:
    """Closes an account: it can no longer sign in. Its history (notes, audit) stays."""
    if not access.can(acting_user, access.CHANGE, "staff", user):
        raise PermissionDenied("Only an administrator of the same organisation may close this account.")
    if user.pk == acting_user.pk:
        raise ValidationError({"user": "You cannot close your own account; ask another administrator."})
    User.objects.filter(pk=user.pk).update(is_active=False)
    record(acting_user, EventType.STAFF_DEACTIVATED, "staff", user.pk, fields=["is_active"])
    user.refresh_from_db()
    return user
