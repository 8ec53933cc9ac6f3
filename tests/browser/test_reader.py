"""A reader in a real browser: the feed, Show More in place, an update's page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(browser: Any) -> list[Article]:
    author = Author.objects.create(
        name="Mira Castell",
        slug="mira-castell",
        bio="Mira covers the front line and the talks that try to end it.",
        contact="Signal +00 555 0100",
    )
    articles = []
    for n in range(45):
        draft = actions.create_draft(
            headline=f"Update {n}: crews repair the northern line",
            lede=f"Lede {n}.",
            body=f"Body of update {n}.",
            tags=["Energy" if n % 2 else "Transport"],
            authors=[author],
        )
        articles.append(actions.publish(draft))
    return articles


def card_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )


def test_show_more_in_place_then_read_an_update(
    page: Any, site: Server, newsroom: list[Article], tmp_path: Path
) -> None:
    page.goto(site.url + "/")
    assert len(card_ids(page)) == 20
    page.get_by_role("link", name="Show More").click()
    page.locator("[data-feed-list] > article.card").nth(39).wait_for()
    ids = card_ids(page)
    assert len(ids) == 40 and len(set(ids)) == 40
    assert ids == [str(a.pk) for a in newsroom[::-1][:40]]
    assert "?before=" in page.url  # the address follows the reader
    page.screenshot(path=str(tmp_path / "feed.png"), full_page=False)

    page.get_by_role("link", name="Update 30: crews repair the northern line").click()
    page.wait_for_url("**/news/update-30-crews-repair-the-northern-line/")
    assert page.locator("h1").inner_text() == "Update 30: crews repair the northern line"
    assert "min read" in page.locator(".story-header .reading-time").inner_text()
    card = page.locator(".author-card").first
    assert "Mira covers the front line" in card.inner_text()
    assert "Signal +00 555 0100" in card.inner_text()
    related = page.locator("section.related article.card")
    assert related.count() in (3, 4)
    assert page.get_by_role("heading", name="Read more").is_visible()


def test_show_more_works_without_javascript(
    browser: Any, site: Server, newsroom: list[Article]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/")
    first = card_ids(page)
    page.get_by_role("link", name="Show More").click()
    page.wait_for_url("**/?before=*")
    second = card_ids(page)
    assert len(first) == len(second) == 20 and not set(first) & set(second)
    context.close()


def test_readable_at_360_pixels(browser: Any, site: Server, newsroom: list[Article]) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/", newsroom[0].get_absolute_url()):
        page.goto(site.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 360, f"{path} scrolls sideways at 360 px ({overflow} px wide)"
    context.close()


def test_keyboard_focus_is_visible(page: Any, site: Server, newsroom: list[Article]) -> None:
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
