"""E-mail alerts in a real browser against ``newsdesk serve`` with its worker,
mail through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.alerts.models import Alert, Subscription
from newsdesk.news import actions
from newsdesk.news.models import Author
from tests.alerts.sink import Received, Sink
from tests.live.support import Server, current_database_url, server_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "reader@example.org"


@pytest.fixture(scope="module")
def sink() -> Iterator[Sink]:
    found = Sink().start()
    yield found
    found.stop()


@pytest.fixture
def mail_site(browser: Any, sink: Sink, tmp_path: Path) -> Iterator[Server]:
    """`newsdesk serve` (and its worker) sending through the sink, its links to itself."""
    server = Server(server_env(current_database_url()), log_path=tmp_path / "serve.log")
    server.env.update(sink.env(), NEWSDESK_SITE_URL=server.url)
    server.start()
    yield server
    server.stop()


def wait_for(check: Callable[[], Any], what: str, server: Server, within: float = 30) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {within} s; server log:\n{server.log()[-3000:]}")
        time.sleep(0.1)
    return found


def mails(sink: Sink, subject: str) -> list[Received]:
    return [r for r in sink.to(ADDRESS) if r.message["Subject"] == subject]


def publish_breaking(headline: str) -> None:
    author, _created = Author.objects.get_or_create(name="Mira Castell", slug="mira-castell")
    draft = actions.create_draft(
        headline=headline, lede="Leave now.", body="Details.", authors=[author], is_breaking=True
    )
    actions.publish(draft)


def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(
    browser: Any, page: Any, mail_site: Server, sink: Sink
) -> None:
    # Without JavaScript the form posts and answers with its own page.
    plain = browser.new_context(java_script_enabled=False)
    tab = plain.new_page()
    tab.goto(mail_site.url + "/follow/")
    tab.locator("form.alerts-form").get_by_label("Your e-mail address").fill("not an address")
    tab.locator("form.alerts-form").get_by_role("button", name="Subscribe").click()
    tab.wait_for_url("**/alerts/subscribe/")
    assert tab.locator(".field-error").inner_text() == "Enter a valid email address."
    plain.close()

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(mail_site.url + "/follow/")
    form = page.locator("form.alerts-form")
    form.scroll_into_view_if_needed()
    page.screenshot(
        path=str(mail_site.log_path.parent / "follow-360.png") if mail_site.log_path else None
    )
    # Nothing wider than a 360 px phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    form.get_by_label("Your e-mail address").fill(ADDRESS)
    assert form.get_by_label("Breaking updates, as they happen").is_checked()
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/alerts/subscribe/")
    assert page.locator("h1").inner_text() == "Check your inbox"

    (confirmation,) = wait_for(
        lambda: mails(sink, "Confirm your alerts from Newsdesk"), "a confirmation", mail_site
    )
    link = re.search(r"(http://\S+/alerts/confirm/\S+/)", confirmation.part("plain"))
    assert link is not None and link.group(1).startswith(mail_site.url)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm my subscription").click()
    assert page.locator("h1").inner_text() == "You are subscribed"
    assert Subscription.objects.get(address=ADDRESS).state == Subscription.State.CONFIRMED

    publish_breaking("Dam breach upstream: evacuate the river towns")
    subject = "Breaking: Dam breach upstream: evacuate the river towns"
    (alert,) = wait_for(lambda: mails(sink, subject), "the breaking alert", mail_site)
    time.sleep(1)  # one message, not more
    assert len(mails(sink, subject)) == 1
    assert alert.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = alert.message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith(mail_site.url + "/alerts/unsubscribe/")
    assert "Leave now." in alert.part("plain") and "Leave now." in alert.part("html")

    # What a mail client does for RFC 8058: a POST, no cookie, no CSRF token.
    request = urllib.request.Request(
        unsubscribe,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
    assert Subscription.objects.get(address=ADDRESS).state == Subscription.State.UNSUBSCRIBED

    before = len(sink.received)
    publish_breaking("Second breach downstream")
    wait_for(
        lambda: Alert.objects.filter(kind=Alert.Kind.BREAKING, planned=True).count() == 2,
        "the second alert planned",
        mail_site,
    )
    time.sleep(1.5)  # a pass of the worker after planning sends what it planned
    assert sink.to(ADDRESS)[before:] == [] and len(sink.received) == before
