"""The audit trail: every read and write of case data, append-only and hash-chained."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "changepath.audit"
    verbose_name = "Audit trail"
