"""The chat page in real Chromium: in-place replies, article links, quick exit, and the no-JavaScript fallback."""

import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright

from changepath.helpchat import runtime

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MESSAGE = "I keep checking my partner's phone and I want to stop"
SCREENSHOT = "/tmp/changepath-chat.png"


@pytest.fixture
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium, or `make browser`) "
                    "to run the browser tests.", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings):
    """The live server's root URL, with the quick exit pointed at its own neutral page and the engine built."""
    settings.CHANGEPATH = {**settings.CHANGEPATH, "QUICK_EXIT_URL": live_server.url + "/kb/"}
    runtime.engine()  # a cold start builds caches; do it before any page waits on a reply
    return live_server.url


def test_chat_updates_in_place_and_quick_exit_replaces_history(site, browser):
    chat_url, exit_url = site + "/", site + "/kb/"
    page = browser.new_context().new_page()
    page.goto(chat_url)
    turns = page.locator("#turns .chat-turn")
    expect(turns).to_have_count(1)  # the welcome
    page.evaluate("window.__samePage = true")  # lost if the page reloads

    page.fill("#message", MESSAGE)
    page.press("#message", "Enter")
    expect(turns).to_have_count(2)
    reply = turns.last
    expect(reply.locator("ul.articles a").first).to_be_visible()
    expect(page.locator("#turns .person-turn").last).to_contain_text(MESSAGE)
    expect(page.locator("#message")).to_have_value("")
    assert page.url == chat_url, "sending a message must not navigate"
    assert page.evaluate("window.__samePage === true"), "the reply must arrive without a page load"
    page.screenshot(path=SCREENSHOT, full_page=True)

    link = reply.locator("ul.articles a").first
    title = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/kb/[\w-]+/$"))
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("article .body p").first).to_be_visible()  # the body rendered, not shown as tags
    assert "<p>" not in page.locator("article .body").inner_text()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    page.go_back()
    page.wait_for_url(chat_url)
    expect(page.locator("#message")).to_be_visible()

    page.keyboard.press("Escape")
    page.wait_for_url(exit_url)
    expect(page.locator("h1")).to_have_text("Information")
    page.go_back()  # location.replace() took the chat page out of history: Back must not return to it
    page.wait_for_load_state()
    assert page.url != chat_url, f"Back after the quick exit returned to the chat page ({page.url})"
    expect(page.locator("#message")).to_have_count(0)
    # ... and the conversation itself is gone: opening the chat again shows no earlier turn.
    page.goto(chat_url)
    expect(page.locator(".person-turn")).to_have_count(0)


def submit(page, button):
    """Clicks a form button and checks that the server took the post (no CSRF refusal, no error page)."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response.ok and not page.get_by_text("Please start again").count(), (
        f"the form post was refused: HTTP {response.status} at {page.url}, page says "
        f"{page.locator('main').inner_text()[:80]!r}")


def test_chat_works_without_javascript(site, browser):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(site + "/")
    page.fill("#message", MESSAGE)
    submit(page, page.get_by_role("button", name="Send"))
    assert page.url == site + "/#latest"
    expect(page.locator("#turns .person-turn")).to_have_text(re.compile(re.escape(MESSAGE)))
    expect(page.locator("#latest ul.articles a").first).to_be_visible()

    quick = page.locator("#latest form.quick-replies button").first
    label = quick.inner_text()
    submit(page, quick)
    expect(page.locator("#turns .person-turn")).to_have_count(2)
    expect(page.locator("#turns .person-turn").last).to_contain_text(label)
    expect(page.locator("#turns .chat-turn")).to_have_count(3)  # welcome + two replies
    expect(page.locator("#latest")).not_to_have_text(re.compile(re.escape(MESSAGE)))
