"""`changepath audit verify` checks the chain; `changepath audit export` writes it as JSON lines."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from changepath.audit.models import AuditEvent
from changepath.audit.trail import verify


class Command(BaseCommand):
    help = "Verify or export the audit trail"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "export"])

    def handle(self, *args, action, **options):
        if action == "verify":
            ok, message = verify()
            if not ok:
                raise CommandError(message)
            self.stdout.write(message)
            return
        for e in AuditEvent.objects.order_by("id").iterator():
            sys.stdout.write(json.dumps({
                "id": e.id, "at": e.at.isoformat(), "actor": e.actor_label, "type": e.get_event_type_display(),
                "kind": e.kind, "record": f"{e.record_type}:{e.record_id}", "fields": e.fields, "hash": e.hash,
            }) + "\n")
