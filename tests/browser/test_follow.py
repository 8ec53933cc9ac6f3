"""The Follow page in Chromium: the feeds as links, the push button only with
JavaScript and the Push API, the browser's permission respected, and a 360 px
phone with many tags.

A real subscription is not possible here: Chromium refuses the Push API in
Playwright's incognito-like contexts, and its push service (Google's) is on
the Internet, which the tests do not reach. The sending side is tested
against a push service of our own in tests/push/."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Event
from newsdesk.push import sending
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DENIED = (
    "Notifications from this site are blocked in your browser. To get alerts, allow "
    "notifications for this site in the browser’s settings, then press the button again."
)
TAGS = [f"Regional elections in district number {n}" for n in range(24)]


@pytest.fixture
def newsroom(browser: Any) -> None:
    author = actions.create_author(name="Oleksandra Kovalenko-Whitfield", slug="oleksandra")
    for start in range(0, len(TAGS), 12):
        draft = actions.create_draft(
            headline=f"Results from districts {start}-{start + 11}",
            lede="Counting goes on.",
            tags=TAGS[start : start + 12],
            authors=[author],
        )
        actions.publish(draft)


def _block_notifications(page: Any, origin: str) -> None:
    """What a reader does in the browser's site settings: "Block" notifications."""
    session = page.context.new_cdp_session(page)
    context_id = session.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    session.send(
        "Browser.setPermission",
        {
            "permission": {"name": "notifications"},
            "setting": "denied",
            "origin": origin,
            "browserContextId": context_id,
        },
    )
    assert page.evaluate("Notification.permission") == "denied"


def test_feeds_the_button_and_a_denied_permission(page: Any, site: Server, newsroom: None) -> None:
    page.goto(site.url + "/")
    page.locator("header").get_by_role("link", name="Follow").click()
    page.wait_for_url("**/follow/")
    assert page.get_by_role("link", name="RSS", exact=True).first.get_attribute("href") == (
        "/rss.xml"
    )
    assert page.get_by_role("link", name="JSON Feed · Oleksandra Kovalenko-Whitfield").is_visible()
    assert page.locator(".push-nojs").is_hidden()
    button = page.get_by_role("button", name="Turn on alerts in this browser")
    assert button.is_visible()
    assert page.evaluate("Notification.permission") == "default"  # nothing asked on load
    _block_notifications(page, site.url)
    button.click()
    status = page.locator(".push-status")
    status.wait_for(state="visible")
    assert status.inner_text() == DENIED
    assert button.is_visible()  # the reader may try again after changing the setting


SHOWN_JS = """
navigator.serviceWorker.ready
  .then((r) => r.getNotifications())
  .then((shown) => shown.map((n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url})))
"""


def test_a_granted_permission_registers_the_worker_that_shows_our_messages(
    page: Any, site: Server, newsroom: None, expected_console_errors: list[str]
) -> None:
    # Chromium refuses to subscribe in Playwright's incognito-like contexts (and
    # its push service is out of reach offline); either way it logs why.
    expected_console_errors.extend(["push service", "Push API in incognito mode"])
    page.context.grant_permissions(["notifications"], origin=site.url)
    page.goto(site.url + "/follow/")
    session = page.context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    session.send("ServiceWorker.enable")
    page.get_by_role("button", name="Turn on alerts in this browser").click()
    page.locator(".push-status").wait_for(state="visible", timeout=20_000)
    assert page.locator(".push-status").inner_text() == (
        "Alerts could not be turned on just now. Please try again later."
    )
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == site.url + "/"
    (registration,) = {r["registrationId"] for r in registrations if r["scopeURL"] == scope}

    # What the push service would hand the worker: the messages the sending side makes.
    story = actions.publish(
        actions.create_draft(
            headline="Dam on the Ostrel breached", lede="Evacuations below it.", is_breaking=True
        )
    )
    actions.correct(story, note="The dam is on the Ostrel, not the Ves.")
    for event in Event.objects.filter(article=story, public=True).order_by("id"):
        message = sending.message_for(event)
        assert message is not None
        session.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": site.url, "registrationId": registration, "data": sending.encode(message)},
        )
        page.wait_for_function(
            "(title) => navigator.serviceWorker.ready.then((r) => r.getNotifications())"
            ".then((shown) => shown.some((n) => n.title === title))",
            arg=message["title"],
        )
    # The correction replaced the first alert (one tag per update); the link
    # opens this site's page, whatever origin the message named.
    assert page.evaluate(SHOWN_JS) == [
        {
            "title": "Correction: Dam on the Ostrel breached",
            "body": "The dam is on the Ostrel, not the Ves.",
            "tag": f"article-{story.pk}",
            "url": site.url + story.get_absolute_url(),
        }
    ]


def test_without_javascript_and_on_a_phone(browser: Any, site: Server, newsroom: None) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(site.url + "/follow/")
    # Hidden buttons are not in the page's accessibility tree: there is none to press.
    assert phone.get_by_role("button", name="Turn on alerts in this browser").count() == 0
    assert phone.locator(".push-nojs").is_visible()
    assert phone.get_by_role("link", name="Atom", exact=True).is_visible()
    tags = phone.locator("#feeds-tags")
    assert tags.get_attribute("open") is None  # 24 topics start folded
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    tags.locator("summary").click()
    last = phone.get_by_role("link", name=f"RSS · {TAGS[-1]}")
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    box = last.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
