"""A live coverage in a real browser: an editor opens one in the desk and adds
three updates through the composer; a reader on a 360 px phone, on the
coverage's page, sees each arrive live, and the page asks nothing of any
host but the site's own."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage
from tests.live.support import Server

from .test_desk import make_user, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPDATES = [
    ("Delegations arrive in Aubrel for a third day", "Both teams came by train before nine."),
    ("Mediators circulate a revised text", "The draft adds a clause on prisoner lists."),
    ("Talks break for the night, resume at ten", "No statement was issued after the session."),
]


def test_an_editor_runs_a_coverage_and_a_phone_reader_sees_it_live(
    browser: Any, site: Server
) -> None:
    make_user("eden", "editor")
    actions.publish(actions.create_draft(headline="Unrelated news", lede="Elsewhere."))

    # The editor opens the coverage in the desk.
    desk = browser.new_context().new_page()
    sign_in(desk, site, "eden")
    desk.click("nav >> text=Live coverages")
    desk.click("text=Open a live coverage")
    desk.fill("#id_title", "Ceasefire talks, day 3")
    desk.fill("#id_key_points", "- Delegations meet in Aubrel\n- A draft text is on the table")
    desk.click("button[value=preview]")
    assert desk.inner_text(".preview li >> nth=0") == "Delegations meet in Aubrel"
    desk.click("button.primary")
    desk.wait_for_selector("text=Saved.")
    coverage = Coverage.objects.get()
    assert coverage.slug == "ceasefire-talks-day-3"

    # A reader on a phone opens the coverage's page; every request is noted.
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    reader = phone.new_page()
    hosts: list[str] = []
    reader.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or ""))
    reader.goto(site.url + "/")  # the News Feed names the open coverage at the top
    strip = reader.locator(".coverage-strip a")
    assert strip.count() == 1 and "Ceasefire talks, day 3" in strip.inner_text()
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    strip.click()
    reader.wait_for_url(site.url + coverage.get_absolute_url())
    assert "Ceasefire talks, day 3" in reader.inner_text("h1")
    assert reader.text_content(".badge--live") == "Live"  # shown in capitals by the CSS
    assert "Delegations meet in Aubrel" in reader.inner_text(".key-points")
    assert reader.locator("[data-feed-list] > article.card").count() == 0
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360

    # Three updates through the composer, each published into the coverage.
    for headline, lede in UPDATES:
        desk.goto(site.url + "/desk/new/")
        desk.fill("#id_headline", headline)
        desk.fill("#id_lede", lede)
        desk.check(f"input[name=coverages][value='{coverage.pk}']")
        desk.click("button[value=publish]")
        desk.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
        article = Article.objects.get(headline=headline)
        assert article.is_published and list(article.coverages.all()) == [coverage]
        card = reader.locator(f'[data-feed-list] > [data-article-id="{article.pk}"]')
        card.wait_for(timeout=5000)
        assert headline in card.inner_text()

    ids = reader.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )
    expected = [Article.objects.get(headline=h).pk for h, _lede in reversed(UPDATES)]
    assert ids == [str(pk) for pk in expected]  # newest first, nothing from elsewhere
    assert "Unrelated news" not in reader.inner_text("main")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360

    # Ending the coverage reaches the open page too.
    actions.end_coverage(coverage)
    reader.wait_for_selector(".coverage-ended", timeout=5000)
    assert reader.inner_text(".coverage-ended") == "This coverage has ended"
    assert set(hosts) == {"127.0.0.1"}, hosts
