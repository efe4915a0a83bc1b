"""Writing and verifying the audit chain. `record()` is called inside the transaction of the read or
write it describes, so an event exists exactly when the thing it records happened."""

from __future__ import annotations

import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from .models import READ_EVENTS, AuditEvent, EventType

GENESIS = "0" * 64
_CHAIN_LOCK = 7_262_001  # PostgreSQL advisory lock that serialises appends to the one chain


def _digest(prev_hash: str, event: AuditEvent) -> str:
    body = json.dumps({
        "prev": prev_hash,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "organisation": event.organisation_id,
        "type": int(event.event_type),
        "kind": event.kind,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "fields": list(event.fields),
    }, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def record(actor, event_type: EventType, record_type: str, record_id="", fields=(), organisation_id=None) -> AuditEvent:
    """Appends one event to the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the transaction of the action it records")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(actor) if getattr(actor, "pk", None) else "system",
        organisation_id=organisation_id if organisation_id is not None else getattr(actor, "organisation_id", None),
        event_type=event_type,
        kind="read" if event_type in READ_EVENTS else "write",
        record_type=record_type,
        record_id=str(record_id),
        fields=sorted(fields),
        prev_hash=last or GENESIS,
    )
    event.hash = _digest(event.prev_hash, event)
    event.save()
    return event


def verify() -> tuple[bool, str]:
    """Walks the whole chain; returns (ok, message naming the first broken event)."""
    previous = GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != previous:
            return False, f"event {event.id}: its link to the previous event is broken (an event was removed or reordered)"
        if _digest(previous, event) != event.hash:
            return False, f"event {event.id}: its contents do not match its hash (it was changed after it was written)"
        previous = event.hash
        count += 1
    return True, f"the audit chain is intact: {count} events"
