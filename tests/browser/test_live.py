"""Live updates in a real browser, against the real ASGI server."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom(browser: Any) -> list[Article]:
    author = Author.objects.create(name="Mira Castell", slug="mira-castell")
    return [
        actions.publish(
            actions.create_draft(
                headline=f"Earlier update {n}",
                lede="A lede long enough to take some room on the page. " * 3,
                tags=["Energy"],
                authors=[author],
            )
        )
        for n in range(30)
    ]


def card_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )


def publish(headline: str) -> Article:
    return actions.publish(
        actions.create_draft(headline=headline, lede="Just in.", tags=["Energy"])
    )


def test_new_updates_wait_behind_a_banner_while_reading(
    page: Any, site: Server, newsroom: list[Article]
) -> None:
    page.goto(site.url + "/")
    title = page.title()
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => window.scrollY > 1000")
    before = card_ids(page)
    fresh = [publish(f"Breaking development {n}") for n in range(3)]
    banner = page.locator(".live-banner")
    banner.wait_for(state="visible", timeout=5000)
    page.wait_for_function("() => document.title.startsWith('(3) ')", timeout=5000)
    assert banner.inner_text() == "3 new updates"
    assert page.title() == f"(3) {title}"
    assert card_ids(page) == before  # nothing moved under the reader
    assert page.evaluate("window.scrollY") > 1000

    banner.click()
    page.locator(f'[data-feed-list] > [data-article-id="{fresh[0].pk}"]').wait_for(timeout=5000)
    ids = card_ids(page)
    assert ids[:3] == [str(a.pk) for a in fresh[::-1]]
    assert ids[3:] == before
    assert page.title() == title
    assert banner.is_hidden()


def test_at_the_top_new_updates_appear_directly(
    page: Any, site: Server, newsroom: list[Article]
) -> None:
    page.goto(site.url + "/")
    fresh = publish("Straight to the top")
    page.locator(f'[data-feed-list] > [data-article-id="{fresh.pk}"]').wait_for(timeout=5000)
    assert card_ids(page)[0] == str(fresh.pk)
    assert page.locator(".live-banner").is_hidden()


def test_corrections_and_unpublishes_change_the_page_in_place(
    page: Any, site: Server, newsroom: list[Article], expected_console_errors: list[str]
) -> None:
    expected_console_errors.append("status of 410 (Gone)")  # the withdrawn page, fetched
    page.goto(site.url + "/")
    target, doomed = newsroom[-1], newsroom[-2]
    actions.correct(target, note="We had the wrong district.", headline="Corrected headline")
    card = page.locator(f'[data-feed-list] > [data-article-id="{target.pk}"]')
    card.locator(".badge--corrected").wait_for(timeout=5000)
    assert card.locator(".card-headline a").inner_text() == "Corrected headline"
    actions.unpublish(doomed)
    page.locator(f'[data-feed-list] > [data-article-id="{doomed.pk}"]').wait_for(
        state="detached", timeout=5000
    )

    page.goto(site.url + target.get_absolute_url())
    actions.correct(target, note="And the wrong date.")
    page.get_by_text("And the wrong date.").wait_for(timeout=5000)
    assert page.locator(".live-message").inner_text() == "This update has been corrected."
    actions.unpublish(target)
    page.get_by_role("heading", name="This update has been withdrawn").wait_for(timeout=5000)


def test_the_banner_is_in_view_wherever_the_reader_is(
    page: Any, site: Server, newsroom: list[Article]
) -> None:
    page.goto(site.url + "/")
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => window.scrollY > 1000")
    before = card_ids(page)
    fresh = publish("While you were reading")
    banner = page.locator(".live-banner")
    banner.wait_for(state="visible", timeout=5000)
    box = banner.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] <= viewport["height"] - box["height"], box
    assert 0 <= box["x"] <= viewport["width"] - box["width"], box
    # Announced politely, and reachable from the keyboard.
    live = banner.locator("xpath=ancestor::*[@aria-live][1]")
    assert live.get_attribute("aria-live") == "polite"
    banner.focus()
    assert page.evaluate("document.activeElement.className") == "live-banner"

    page.keyboard.press("Enter")
    page.locator(f'[data-feed-list] > [data-article-id="{fresh.pk}"]').wait_for(timeout=5000)
    assert card_ids(page) == [str(fresh.pk), *before]
    page.wait_for_function("() => window.scrollY < 150")
    assert banner.is_hidden()
