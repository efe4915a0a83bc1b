"""Privacy mechanics of the anonymous side: response headers, log redaction, expiry of old sessions."""

from __future__ import annotations

import logging
import re
import time

from django.utils import timezone

_last_purge = 0.0


class PrivacyHeadersMiddleware:
    """No page of the help chat or knowledge bank may be cached or stored by a browser or proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
        response["Permissions-Policy"] = "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        return response


class RedactRequestFilter(logging.Filter):
    """Keeps requests out of log records: no query strings, no request object (IP, user agent, body)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        record.msg = re.sub(r"\?\S*", "?[redacted]", str(record.msg))
        if record.args:
            record.args = tuple(re.sub(r"\?\S*", "?[redacted]", a) if isinstance(a, str) else a for a in record.args)
        return True


def purge_expired_sessions(every_seconds: int = 60) -> None:
    """Deletes ended conversations from the session table, so no message outlives its session.

    Runs at most once a minute per process, on a chat request: no scheduler is needed for the
    promise that an ended conversation is gone.
    """
    global _last_purge
    now = time.monotonic()
    if now - _last_purge < every_seconds:
        return
    _last_purge = now
    from django.contrib.sessions.models import Session

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
