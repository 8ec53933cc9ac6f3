"""A language's News Feed in a real browser: only its own updates arrive live."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.site.actions import update_settings
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def card_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )


def publish(headline: str, language: str) -> Article:
    return actions.publish(
        actions.create_draft(
            headline=headline, lede="Новина, що займає місце на сторінці. " * 3, language=language
        )
    )


def test_uk_counts_and_shows_only_ukrainian_updates_live(page: Any, site: Server) -> None:
    update_settings(language="en", languages="en, uk")
    earlier = [publish(f"Раніше {n}", "uk") for n in range(25)]
    page.goto(site.url + "/uk/")
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => window.scrollY > 1000")
    english = publish("Ferries run again", "en")
    page.wait_for_timeout(1500)  # the stream has brought it, and the page let it pass
    assert page.locator(".live-banner").is_hidden()
    ukrainian = publish("Мости відкрито", "uk")
    banner = page.locator(".live-banner")
    banner.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(500)
    assert page.title().startswith("(1) ")
    banner.click()
    page.locator(f'[data-feed-list] > [data-article-id="{ukrainian.pk}"]').wait_for(timeout=5000)
    ids = card_ids(page)
    assert ids[0] == str(ukrainian.pk) and str(english.pk) not in ids
    assert ids[1] == str(earlier[-1].pk)
    assert page.locator("html").get_attribute("lang") == "uk"
