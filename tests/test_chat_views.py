"""The web chat through Django's client: plain form posts, in-place updates, clear, country, errors."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _built(engine):
    """Build the runtime's engine once before any request (it shares the cached vectors)."""
    from changepath.helpchat import runtime

    runtime.engine()


def test_chat_page_shows_welcome_quick_exit_and_is_not_stored(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leave this site" in html and 'id="quick-exit"' in html
    assert "or the Esc key" in html and "{leave}" not in html  # the welcome in the web's own words
    assert response["Cache-Control"].startswith("no-store")
    assert response["Referrer-Policy"] == "same-origin"


def test_a_plain_form_post_answers_and_returns_to_the_conversation(client):
    response = client.post("/", {"message": "I keep checking my girlfriend's phone and I want to stop"})
    assert response.status_code == 302 and response["Location"] == "/#latest"
    html = client.get("/").content.decode()
    assert "checking my girlfriend" in html and "/kb/" in html


def test_a_fetch_post_returns_only_the_new_turns(client):
    response = client.post("/", {"message": "what happens on a behaviour change programme"}, HTTP_X_REQUESTED_WITH="fetch")
    body = response.json()
    assert response.status_code == 200 and "person-turn" in body["html"] and "chat-turn" in body["html"]
    assert "<html" not in body["html"]


def test_a_quick_reply_button_continues_the_conversation(client):
    client.post("/", {"message": "i can feel the rage building and i need to calm down"})
    client.post("/", {"message": "Make a time-out plan"})
    html = client.get("/").content.decode()
    assert "time-out" in html.lower() and "Something else" in html


def test_a_too_long_message_is_refused_with_the_reason_and_kept(client):
    text = "x" * 2500
    response = client.post("/", {"message": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "2,500 characters" in html and "under 2,000" in html and text in html


def test_clear_deletes_the_conversation(client):
    client.post("/", {"message": "my partner is controlling my money"})
    assert Session.objects.count() == 1
    response = client.post("/clear/")
    assert response.status_code == 302
    assert Session.objects.count() == 0
    assert "has been cleared" in client.get(response["Location"]).content.decode()


def test_country_choice_changes_the_emergency_number(client):
    client.post("/country/", {"country": "FI"})
    client.post("/", {"message": "he is hitting me right now"})
    html = client.get("/").content.decode()
    assert "call 112" in html and "Nollalinja" in html


def test_an_unknown_country_is_refused_clearly(client):
    response = client.post("/country/", {"country": "XX"})
    assert response.status_code == 400 and "choose a country from the list" in response.content.decode()


def test_knowledge_bank_pages(client, bank):
    index = client.get("/kb/")
    assert index.status_code == 200 and index["Cache-Control"].startswith("no-store")
    article = client.get("/kb/taking-a-time-out/")
    html = article.content.decode()
    assert article.status_code == 200 and "Sources" in html and "Services in United Kingdom" in html
    # The body is Markdown rendered as HTML, not shown as escaped tags.
    assert "<h2>" in html and "<li>" in html and "&lt;p&gt;" not in html and "&lt;h2&gt;" not in html
    assert client.get("/kb/no-such-article/").status_code == 404


def test_knowledge_bank_search_is_a_post_and_finds_articles(client):
    response = client.post("/kb/", {"q": "how do I make a safety plan"})
    html = response.content.decode()
    assert response.status_code == 200 and "safety-planning" in html


def test_article_flow_button_starts_the_flow(client):
    client.post("/", {"action": "flow:time-out-plan"})
    assert "Make a time-out plan" in client.get("/").content.decode()


def test_a_failed_csrf_check_clears_the_session_and_lands_on_a_neutral_page():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.get("/")
    response = strict.post("/", {"message": "hello"})
    assert response.status_code == 403 and "start again" in response.content.decode().lower()
