"""Values every page of the anonymous side shows: the quick-exit address and the emergency number."""

from django.conf import settings

from . import runtime


def site(request):
    bank = runtime.bank()
    chat = request.session.get("chat") if hasattr(request, "session") else None
    code = (chat or {}).get("state", {}).get("country") or settings.CHANGEPATH["COUNTRY"]
    return {
        "quick_exit_url": settings.CHANGEPATH["QUICK_EXIT_URL"],
        "emergency_number": bank.country(code).emergency_number,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
