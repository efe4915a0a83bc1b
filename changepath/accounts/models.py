"""Organisations, teams and staff. A deployment hosts several organisations: the programme provider,
a partner-support service, referring agencies and commissioners. What a person may see follows from
their organisation, team and role (see changepath/access.py), never from anything else."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Behaviour-change programme provider"
        PARTNER_SUPPORT = "partner_support", "Partner-support service"
        REFERRER = "referrer", "Referring agency"
        COMMISSIONER = "commissioner", "Commissioner"
        HOST = "host", "Hosting organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_organisation")]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.name}"


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", "Case worker / facilitator"
    SERVICE_MANAGER = "service_manager", "Service manager"
    REFERRER = "referrer", "Referrer"
    COMMISSIONER = "commissioner", "Commissioner"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A member of staff. Every account belongs to one organisation and has one role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff", null=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members", null=True, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
