"""A reader searches from the header box, reads marked results, and pages
with Show More in place; on a 360 px phone nothing scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(browser: Any) -> list[Article]:
    made = []
    for n in range(25):
        draft = actions.create_draft(
            headline=f"Reservoir report {n}: levels in Ostrél",
            lede=f"Reading {n} from the water board.",
            body="The reservoir is being watched.",
        )
        made.append(actions.publish(draft))
    actions.publish(actions.create_draft(headline="Transport strike", lede="Trains stop."))
    return made


def card_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )


def test_header_box_results_and_show_more(page: Any, site: Server, archive: list[Article]) -> None:
    page.goto(site.url + "/")
    box = page.get_by_label("Search updates")
    box.fill("ostrel reservoir")
    box.press("Enter")
    page.wait_for_url("**/search?q=ostrel+reservoir")
    assert page.locator("h1").inner_text() == "Search"
    assert len(card_ids(page)) == 20
    assert page.locator("article.card mark").first.inner_text() in ("Reservoir", "Ostrél")
    page.get_by_role("link", name="Show More").click()
    page.locator("[data-feed-list] > article.card").nth(24).wait_for()
    ids = card_ids(page)
    assert sorted(int(i) for i in ids) == sorted(a.pk for a in archive)
    assert page.get_by_role("link", name="Show More").count() == 0
    assert "after=" in page.url


def test_search_page_fits_a_phone(browser: Any, site: Server, archive: list[Article]) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(site.url + "/search?q=reservoir")
    assert len(card_ids(phone)) == 20
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(site.url + "/")  # the header box beside the site's name
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.get_by_label("Search updates").is_visible()
    context.close()
