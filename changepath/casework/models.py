"""Referrals, cases (one per participant), case notes, children and opaque partner links.

Partners' own records live in a separate app that case records never import; a case knows a partner
only by an opaque reference.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from .crypto import EncryptedTextField


class SourceType(models.TextChoices):
    SELF = "self", "Self-referral"
    HELPLINE = "helpline", "Helpline"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    COURT = "court", "Court"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    OTHER = "other", "Other"


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WAITING = "waiting", "On the waiting list"
    ALLOCATED = "allocated", "Allocated"


# Which status may follow which: the only moves a referral can make.
TRANSITIONS = {
    ReferralStatus.RECEIVED: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.WAITING, ReferralStatus.ALLOCATED},
    ReferralStatus.WAITING: {ReferralStatus.ALLOCATED, ReferralStatus.DECLINED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.ALLOCATED: set(),
}


class PersonDetails(models.Model):
    """Identity and contact details, encrypted at rest, with blind indexes for duplicate checks."""

    given_name = EncryptedTextField()
    family_name = EncryptedTextField()
    date_of_birth = EncryptedTextField(blank=True)  # ISO date
    phone = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    name_dob_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        abstract = True

    def refresh_indexes(self) -> None:
        from .crypto import blind_index

        self.name_dob_index = blind_index(self.given_name, self.family_name, self.date_of_birth) if self.date_of_birth else ""
        self.phone_index = blind_index(self.phone) if self.phone else ""


class Referral(PersonDetails):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="referrals")
    source_type = models.CharField(max_length=30, choices=SourceType.choices)
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED)
    decline_reason = models.TextField(blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    referrer_name = EncryptedTextField(blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_contact = EncryptedTextField(blank=True)
    reason = EncryptedTextField(blank=True)  # why the referral is made, in the referrer's words
    consent_given = models.BooleanField()
    consent_recorded_at = models.DateTimeField()
    case = models.OneToOneField("Case", on_delete=models.PROTECT, null=True, blank=True, related_name="referral")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency: a save names the version it read

    class Meta:
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]


class ReferralTransition(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Case(PersonDetails):
    """One record per participant, from the first referral to follow-up."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    allocated_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="caseload")
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    address = EncryptedTextField(blank=True)
    # equality monitoring: optional, self-described, reported only in aggregate
    gender = models.CharField(max_length=60, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["allocated_worker", "status"])]

    def __str__(self) -> str:
        return f"Case {self.pk}"


class Child(models.Model):
    class LivesWith(models.TextChoices):
        PARTICIPANT = "participant", "With the participant"
        OTHER_PARENT = "other_parent", "With the other parent"
        SHARED = "shared", "Shared care"
        OTHER = "other", "Elsewhere (kin, foster care, ...)"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="children")
    age = models.PositiveSmallIntegerField()
    lives_with = models.CharField(max_length=20, choices=LivesWith.choices)


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = EncryptedTextField()


class PartnerLink(models.Model):
    """A case's link to an (ex-)partner: an opaque reference only. Nothing here identifies or locates them."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="partner_links")
    partner_ref = models.UUIDField(default=uuid.uuid4, unique=True)
    current = models.BooleanField(default=True)
