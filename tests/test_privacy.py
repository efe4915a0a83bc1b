"""Privacy is a feature: the chat stores and logs no IP, user agent or message text, and sets one cookie."""

from __future__ import annotations

import logging

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "my partner zylophant checks my phone every night"
IP, AGENT = "203.0.113.77", "Mozilla/5.0 (Unique-Agent-Zq9)"


@pytest.fixture
def all_logs():
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record) + repr(record.__dict__))

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in ("django.request", "django.server", "django.security.csrf"):
        logging.getLogger(name).addHandler(handler)
    yield records
    root.removeHandler(handler)
    root.setLevel(old)
    for name in ("django.request", "django.server", "django.security.csrf"):
        logging.getLogger(name).removeHandler(handler)


def _database_text() -> str:
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == "django_session":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            dump += [repr(row) for row in cursor.fetchall()]
    return "\n".join(dump)


def _chat(client):
    client.post("/", {"message": MESSAGE}, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    client.post("/api/chat", {"message": MESSAGE}, content_type="application/json", REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    client.post("/kb/", {"q": MESSAGE}, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    client.get("/kb/nothing-here/?q=" + MESSAGE.replace(" ", "+"), REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)


def test_chat_stores_no_ip_address_user_agent_or_text_outside_the_session(client, engine):
    _chat(client)
    stored = _database_text()
    for secret in (IP, AGENT, "zylophant"):
        assert secret not in stored


def test_session_holds_no_ip_or_user_agent(client, engine):
    _chat(client)
    for session in Session.objects.all():
        data = repr(session.get_decoded())
        assert IP not in data and AGENT not in data


def test_chat_logs_no_ip_user_agent_or_text(client, engine, all_logs):
    _chat(client)
    logged = "\n".join(all_logs)
    for secret in (IP, AGENT, "zylophant"):
        assert secret not in logged


def test_the_only_cookie_is_the_session(client, engine):
    response = client.post("/", {"message": MESSAGE})
    assert set(response.cookies) == {"cp_session"}
    cookie = response.cookies["cp_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and not cookie["expires"]


def test_the_api_keeps_nothing_on_the_server(client, engine):
    before = Session.objects.count()
    client.post("/api/chat", {"message": MESSAGE}, content_type="application/json")
    assert Session.objects.count() == before


def test_ended_conversations_are_purged(client, engine):
    from datetime import timedelta

    from django.utils import timezone

    from changepath.helpchat import privacy

    client.post("/", {"message": MESSAGE})
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    privacy._last_purge = 0.0
    client.post("/", {"message": "hello"})
    remaining = [s.get_decoded() for s in Session.objects.all()]
    assert all("zylophant" not in repr(data) for data in remaining)


def test_leaving_deletes_the_conversation_and_goes_to_the_neutral_site(client, engine, settings):
    client.post("/", {"message": MESSAGE})
    assert Session.objects.count() == 1
    response = client.post("/leave/")
    assert response.status_code == 303 and response["Location"] == settings.CHANGEPATH["QUICK_EXIT_URL"]
    assert Session.objects.count() == 0
    assert MESSAGE not in client.get("/").content.decode()


def test_leaving_works_even_from_a_stale_page_without_a_token(engine):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.post("/", {"message": "x"})
    assert strict.post("/leave/").status_code == 303
