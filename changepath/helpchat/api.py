"""The chat API for other channels: POST /api/chat, described by the OpenAPI schema at /api/openapi.json.

The API keeps nothing on the server: the conversation's state travels with the client as a signed
token that expires after the idle time, and the client sends it back with the next message.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from pydantic import Field

from changepath.conversation.reply import ServiceInfo
from changepath.conversation.state import new_state

from . import runtime

SALT = "changepath.chat.state"
api = NinjaAPI(title="changepath chat API", version="1", docs_url=None, urls_namespace="api")


class ChatIn(Schema):
    message: str = Field(..., description="What the person wrote, or the label of a quick reply they chose.")
    state: str | None = Field(None, description="The `state` token from the previous reply; null to start a conversation.")
    country: str | None = Field(None, description="ISO country code for services and emergency numbers, e.g. GB or FI.")
    channel: str | None = Field(None, description=(
        "Where the person is writing, so that replies say how to leave quickly and delete the conversation "
        "in that channel's words: a channel named in content/chat.yaml (default: api)."))


class ArticleOut(Schema):
    slug: str
    title: str
    summary: str
    url: str


class ChatOut(Schema):
    text: str = Field(..., description="The reply, in Markdown (no HTML).")
    crisis: str | None = Field(None, description="The most urgent crisis kind found in the message, or null.")
    crisis_kinds: list[str]
    emergency_number: str
    topic: str | None
    flow: str | None
    step: str | None
    quick_replies: list[str] = Field(..., description="Labels to offer as buttons; send one back as `message`.")
    articles: list[ArticleOut]
    services: list[ServiceInfo]  # the engine's own record of a service, as the schema too
    state: str = Field(..., description="Send this back with the next message to continue the conversation.")


class ErrorOut(Schema):
    detail: str


@api.post("/chat", response={200: ChatOut, 400: ErrorOut}, summary="Send one message and get the reply")
def chat(request, payload: ChatIn):
    limit = settings.CHANGEPATH["MAX_MESSAGE"]
    if not payload.message.strip():
        raise HttpError(400, "message is empty; send what the person wrote")
    if len(payload.message) > limit:
        raise HttpError(400, f"message is {len(payload.message)} characters; the limit is {limit}. Send it in parts.")
    bank = runtime.bank()
    if payload.state:
        try:
            state = signing.loads(payload.state, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
        except signing.SignatureExpired:
            raise HttpError(400, "state has expired after the idle time; start again with state: null") from None
        except signing.BadSignature:
            raise HttpError(400, "state is not a token this service issued; start again with state: null") from None
    else:
        state = new_state(settings.CHANGEPATH["COUNTRY"], channel="api")
    if payload.channel:
        if payload.channel not in bank.chat.channels:
            known = ", ".join(sorted(bank.chat.channels))
            raise HttpError(400, f"channel {payload.channel!r} is not one this service has words for; use one of: {known}")
        state["channel"] = payload.channel
    if payload.country:
        if payload.country.upper() not in bank.countries:
            known = ", ".join(sorted(bank.countries))
            raise HttpError(400, f"country {payload.country!r} is not in the service directory; use one of: {known}")
        state["country"] = payload.country.upper()
    state, reply = runtime.engine().reply(state, payload.message)
    data = reply.to_dict()
    data["articles"] = [dict(a, url=f"/kb/{a['slug']}/") for a in data["articles"]]
    data["state"] = signing.dumps(state, salt=SALT, compress=True)
    return data
