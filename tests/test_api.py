"""POST /api/chat: the same engine for other channels, state as a signed token, clear errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _post(client, **body):
    return client.post("/api/chat", body, content_type="application/json")


def test_a_conversation_continues_with_the_returned_state(client, engine):
    first = _post(client, message="Make a time-out plan", state=None).json()
    assert first["topic"] == "right-now-losing-control"
    second = _post(client, message="Make a time-out plan", state=first["state"]).json()
    assert second["flow"] == "time-out-plan"


def test_crisis_reply_through_the_api(client, engine):
    body = _post(client, message="she's got a knife and she's coming at me", country="FI").json()
    assert body["crisis"] == "danger-now" and body["emergency_number"] == "112" and "call 112" in body["text"]


def test_replies_say_how_to_leave_in_the_channel_s_own_words(client, engine):
    # "about this service" says how to leave and clear: never the web page's button and Esc key here.
    body = _post(client, message="how does this chat work, is it a real person").json()
    assert "close this chat" in body["text"] and "Esc" not in body["text"] and "{" not in body["text"]
    # An app may name a channel the content has words for; the choice stays with the conversation.
    web = _post(client, message="how does this chat work, is it a real person", channel="web").json()
    assert "Esc key" in web["text"]
    again = _post(client, message="how does this chat work, is it a real person", state=web["state"]).json()
    assert "Esc key" in again["text"]
    assert "use one of: api, terminal, web" in _post(client, message="hi", channel="fax").json()["detail"]


def test_bad_input_is_refused_with_what_to_do(client, engine):
    assert "message is empty" in _post(client, message="  ").json()["detail"]
    assert "not a token this service issued" in _post(client, message="hi", state="forged").json()["detail"]
    assert "not in the service directory" in _post(client, message="hi", country="ZZ").json()["detail"]
    assert "the limit is 2000" in _post(client, message="y" * 2001).json()["detail"]
    assert client.post("/api/chat", "not json", content_type="application/json").status_code in (400, 422)


def test_openapi_schema_describes_the_chat_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/chat" in schema["paths"] and "post" in schema["paths"]["/api/chat"]
