"""Audit events. Append-only (the database refuses UPDATE and DELETE), each carrying the hash of the
event before it, so any change to the history breaks the chain (`changepath audit verify`).

"Who looked at what" (kind=read) and "what changed" (kind=write) are kept in one chain, told apart by
`kind`, so one verification covers both and an export can take either. Event types are numbered
constants whose meaning never changes (zulip's habit); add new numbers, never reuse one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EventType(models.IntegerChoices):
    # reads
    CASE_VIEWED = 100, "case viewed"
    CASE_LIST_VIEWED = 101, "caseload viewed"
    REFERRAL_VIEWED = 110, "referral viewed"
    REFERRAL_LIST_VIEWED = 111, "referral inbox viewed"
    CASE_EXPORTED = 120, "cases exported"
    ENGAGEMENT_VIEWED = 130, "engagement viewed"
    GROUP_REGISTER_VIEWED = 131, "group register viewed"
    AUDIT_EXPORTED = 190, "audit trail exported"
    # writes
    REFERRAL_CREATED = 200, "referral created"
    REFERRAL_TRANSITIONED = 201, "referral status changed"
    CASE_OPENED = 210, "case opened"
    CASE_CHANGED = 211, "case changed"
    CASE_NOTE_ADDED = 220, "case note added"
    CHILD_ADDED = 230, "child added"
    GROUP_CREATED = 240, "group created"
    SESSION_ADDED = 241, "session added"
    MEMBER_ADDED = 250, "group member added"
    MEMBER_EXITED = 251, "group member exited"
    ATTENDANCE_RECORDED = 260, "attendance recorded"
    GOAL_ADDED = 270, "goal added"
    REVIEW_RECORDED = 280, "review recorded"
    STAFF_CREATED = 300, "staff account created"
    STAFF_DEACTIVATED = 301, "staff account deactivated"


READ_EVENTS = {e for e in EventType if e < 200}


class AuditEvent(models.Model):
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_label = models.CharField(max_length=200)  # kept as it was, even if the account changes later
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+")
    event_type = models.PositiveSmallIntegerField(choices=EventType.choices)
    kind = models.CharField(max_length=5)  # read | write
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40, blank=True)
    fields = models.JSONField(default=list)  # names of the fields read or written, never their values
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        indexes = [models.Index(fields=["record_type", "record_id"]), models.Index(fields=["organisation", "at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit events are append-only")
