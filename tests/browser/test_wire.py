"""The wire desk in a real browser: a test source's item appears in the
queue, "Draft update from this" opens the composer with the attribution
filled in, the editor publishes it and the article lists the source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk.news.models import Article
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server
from tests.wire.conftest import FeedServer, Reply, sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outlet() -> Iterator[FeedServer]:
    feed = FeedServer()
    feed.routes["/rss.xml"] = Reply(
        200, sample("rss20.xml"), {"Content-Type": "application/rss+xml"}
    )
    yield feed
    feed.close()


def test_draft_from_a_wire_item_and_publish_it(
    browser: Any, wire_site: Server, outlet: FeedServer
) -> None:
    make_user("eden", "editor")
    page = browser.new_context().new_page()
    page.goto(wire_site.url + "/desk/login/")
    page.fill("#id_username", "eden")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(wire_site.url + "/desk/")

    # Add the test outlet's feed as a source.
    page.click("nav >> text=Wire")
    page.click("nav >> text=Wire sources")
    page.fill("input[name=url]", outlet.url("/rss.xml"))
    page.fill("input[name=outlet]", "Northern Wire")
    page.click("text=Add source")
    page.goto(wire_site.url + "/desk/wire/")
    page.wait_for_selector("text=Rail strike called off after late-night talks")

    # Open the item and draft an update from it.
    page.click("text=Rail strike called off after late-night talks")
    assert "Unions and the operator agreed" in page.inner_text("main")
    page.click("text=Draft update from this")
    page.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
    assert page.input_value("#id_headline") == "Rail strike called off after late-night talks"
    assert "Unions and the operator agreed" in page.input_value("#id_lede")
    assert page.input_value("#id_source_0_outlet") == "Northern Wire"
    assert page.input_value("#id_source_0_url") == (
        "https://northern.example/news/rail-strike-called-off"
    )
    assert page.input_value("#id_source_0_style") == "according to"

    # Publish it; the public page lists the source.
    page.click("button[value=publish]")
    page.wait_for_selector("text=Published.")
    article = Article.objects.get(headline="Rail strike called off after late-night talks")
    assert article.status == Article.Status.PUBLISHED
    page.goto(wire_site.url + article.get_absolute_url())
    sources = page.inner_text("main")
    assert "according to" in sources.lower() and "Northern Wire" in sources

    # The item is marked as used in the queue.
    page.goto(wire_site.url + "/desk/wire/")
    row = page.locator("text=Rail strike called off after late-night talks").locator(
        "xpath=ancestor::*[self::tr or self::li or self::article][1]"
    )
    assert "used" in row.inner_text().lower()
