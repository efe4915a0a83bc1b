"""Conversation state: plain JSON-serialisable data, so any app server can continue any conversation.

State holds only what the engine needs to continue: who we are talking with, the flow step, the
quick replies last offered, the topics discussed and a flow's answers. It is never written to logs
or tables by the engine; the channel decides where it lives (a session, a signed token) and for how long.
"""

from __future__ import annotations

from typing import Any

VERSION = 1
MAX_TOPICS = 10
MAX_ANSWER = 300  # characters of a free-text flow answer that are kept
AUDIENCES = ("using", "experiencing", "concerned", "professional")


def new_state(country: str = "GB", language: str = "en", channel: str = "web") -> dict[str, Any]:
    return {
        "v": VERSION,
        "country": country.upper(),
        "language": language,
        "channel": channel,  # where the person is writing: the chat's words for leaving and clearing follow it
        "audience": None,
        "flow": None,  # {"id", "step", "answers": {name: text}}
        "pending": None,  # {"question": "audience", "message": text}
        "offers": [],  # [{"label", "action"}] quick replies last shown
        "topics": [],  # topics discussed, oldest first
        "shown": [],  # article slugs already offered
        "turns": 0,
        "safety_shown": -99,  # the turn the safety line last led a reply (see engine.SAFETY_EVERY)
    }


def coerce(state: Any, country: str = "GB") -> dict[str, Any]:
    """A state from outside (a session, an API client) made safe to use: unknown shapes start afresh."""
    if not isinstance(state, dict) or state.get("v") != VERSION:
        return new_state(country)
    fresh = new_state(str(state.get("country") or country))
    audience = state.get("audience")
    fresh["audience"] = audience if audience in AUDIENCES else None
    flow = state.get("flow")
    if isinstance(flow, dict) and isinstance(flow.get("id"), str) and isinstance(flow.get("step"), str):
        answers = flow.get("answers") if isinstance(flow.get("answers"), dict) else {}
        fresh["flow"] = {
            "id": flow["id"], "step": flow["step"],
            "answers": {str(k): str(v)[:MAX_ANSWER] for k, v in answers.items()},
        }
    pending = state.get("pending")
    if isinstance(pending, dict) and isinstance(pending.get("message"), str):
        fresh["pending"] = {"question": "audience", "message": pending["message"][:5000]}
    offers = state.get("offers")
    if isinstance(offers, list):
        fresh["offers"] = [
            {"label": str(o["label"]), "action": str(o["action"])}
            for o in offers[:12] if isinstance(o, dict) and "label" in o and "action" in o
        ]
    for key in ("topics", "shown"):
        value = state.get(key)
        if isinstance(value, list):
            fresh[key] = [str(v) for v in value][-MAX_TOPICS * 2:]
    fresh["language"] = str(state.get("language") or "en")
    fresh["channel"] = str(state.get("channel") or "web")
    for key, low in (("turns", 0), ("safety_shown", -99)):
        value = state.get(key)
        fresh[key] = value if isinstance(value, int) and value >= low else fresh[key]
    return fresh
