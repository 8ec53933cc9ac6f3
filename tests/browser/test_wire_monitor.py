"""The stories-first wire monitor in a real browser: three outlets report one
event within minutes; the open monitor shows one story from "3 outlets",
flagged as spreading, a desk page open in another tab is told, and the
draft from the story attributes all three outlets, earliest first."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.wire.models import Source, Story
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server
from tests.wire.conftest import FeedServer, Reply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Emergency crews restored power to the eastern districts of Ostrel early on Monday after "
    "overnight strikes damaged two substations, the regional administration said. Water pumping "
    "stations were running again by dawn and schools will open as usual, officials added."
)
OUTLETS = [("Harbour Courier", 11), ("Valley Post", 7), ("Coast Daily", 3)]  # minutes ago


def feed(outlet: str, minutes_ago: int) -> bytes:
    when = email.utils.format_datetime(timezone.now() - timedelta(minutes=minutes_ago))
    slug = outlet.lower().replace(" ", "-")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{outlet}</title><link>https://{slug}.example/</link><description>News</description>"
        f"<item><title>Power restored in eastern Ostrel</title>"
        f"<link>https://{slug}.example/power-restored</link><guid>{slug}-power</guid>"
        f"<description>{TEXT}</description><pubDate>{when}</pubDate></item>"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def outlets() -> Iterator[list[FeedServer]]:
    servers = []
    for name, minutes_ago in OUTLETS:
        server = FeedServer()
        server.routes["/rss.xml"] = Reply(
            200, feed(name, minutes_ago), {"Content-Type": "application/rss+xml"}
        )
        servers.append(server)
    yield servers
    for server in servers:
        server.close()


def add(outlet: FeedServer, name: str) -> None:
    """A source due now: the server's worker reads it on its next pass."""
    Source.objects.create(url=outlet.url("/rss.xml"), outlet=name)


def test_three_outlets_make_one_spreading_story_and_the_desk_is_told(
    browser: Any, wire_site: Server, outlets: list[FeedServer]
) -> None:
    make_user("eden", "editor")
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    errors: list[str] = []
    desk = context.new_page()
    desk.on("pageerror", lambda exc: errors.append(str(exc)))
    desk.goto(wire_site.url + "/desk/login/")
    desk.fill("#id_username", "eden")
    desk.fill("#id_password", PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_url(wire_site.url + "/desk/")
    monitor = context.new_page()  # another tab, same session
    monitor.on("pageerror", lambda exc: errors.append(str(exc)))
    monitor.goto(wire_site.url + "/desk/wire/")
    assert "No items yet." in monitor.inner_text("main")

    # Two outlets: the story arrives in the open monitor without a reload.
    add(outlets[0], OUTLETS[0][0])
    add(outlets[1], OUTLETS[1][0])
    monitor.wait_for_selector("li.wire-story.is-new >> text=Power restored in eastern Ostrel")
    assert monitor.locator("li.wire-story").count() == 1
    assert desk.locator(".desk-notice").count() == 0  # two outlets are not spreading

    # The third outlet within minutes: spreading, and every desk tab hears.
    add(outlets[2], OUTLETS[2][0])
    notice = desk.wait_for_selector(".desk-notice", timeout=15000)
    told = notice.inner_text()
    assert "Spreading on the wire:" in told and "Power restored in eastern Ostrel" in told
    assert "3 outlets" in told and "Harbour Courier, Valley Post, Coast Daily" in told
    monitor.wait_for_selector("li.wire-story.is-spreading .flag-spreading")

    # Read afresh: one story, its outlets, its spread, side by side.
    monitor.reload()
    card = monitor.locator("li.wire-story")
    assert card.count() == 1
    flags = card.locator(".story-flags").inner_text()
    assert "spreading" in flags.lower()  # shown in capitals
    assert re.search(r"3 outlets in (7|8) min", flags), flags
    assert "Harbour Courier, Valley Post, Coast Daily" in card.inner_text()
    card.locator("summary").click()
    assert card.locator(".compare li.report").count() == 3
    story = Story.objects.get()
    assert story.spreading_at is not None

    # Keys: j focuses the story, d drafts from it.
    monitor.keyboard.press("j")
    monitor.keyboard.press("d")
    monitor.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
    assert monitor.input_value("#id_headline") == "Power restored in eastern Ostrel"
    outlets_named = [monitor.input_value(f"#id_source_{n}_outlet") for n in range(3)]
    assert outlets_named == ["Harbour Courier", "Valley Post", "Coast Daily"]
    context.close()
    assert errors == []
