"""Staff pages need a password and a TOTP second factor, every time; exports and deletions need a
password entered in the last few minutes ("sudo mode", healthchecks' habit)."""

from __future__ import annotations

import time

from django.conf import settings
from django.shortcuts import redirect

OPEN_PATHS = ("/casework/login/", "/casework/verify/", "/casework/setup-2fa/", "/casework/logout/")
REAUTH_KEY = "staff_reauth_at"


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith("/casework/") and not path.startswith(OPEN_PATHS):
            user = request.user
            if not user.is_authenticated:
                return redirect(f"{settings.LOGIN_URL}?next={path}")
            if not user.is_verified():
                has_device = user.totpdevice_set.filter(confirmed=True).exists()
                return redirect("/casework/verify/" if has_device else "/casework/setup-2fa/")
        return self.get_response(request)


def mark_reauthenticated(request) -> None:
    request.session[REAUTH_KEY] = time.time()


def recently_reauthenticated(request) -> bool:
    return time.time() - request.session.get(REAUTH_KEY, 0) < settings.STAFF_REAUTH_SECONDS
