"""The News Feed: cards, pinned first, keyset "Show More" and its invariant."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.helpers import Element, find_all, parse, text_of

pytestmark = pytest.mark.django_db


def cards(root: Element) -> list[Element]:
    return find_all(root, "article", class_="card")


def card_ids(html: bytes) -> list[int]:
    return [int(c.attrs["data-article-id"]) for c in cards(parse(html))]


def show_more(html: bytes) -> str | None:
    links = find_all(parse(html), "a", data_show_more=True)
    return links[0].attrs["href"] if links else None


def test_feed_shows_twenty_cards_and_show_more(
    client: Client, published: Callable[..., list[Article]]
) -> None:
    articles = published(45, tags=["Energy", "Grid"])
    response = client.get("/")
    assert response.status_code == 200
    tree = parse(response.content)
    page = cards(tree)
    assert len(page) == 20
    newest = articles[::-1]
    assert [int(c.attrs["data-article-id"]) for c in page] == [a.pk for a in newest[:20]]
    first = page[0]
    headline = find_all(first, "a")[0]
    assert headline.attrs["href"] == newest[0].get_absolute_url()
    assert text_of(headline) == newest[0].headline
    assert text_of(find_all(first, "span", class_="reading-time")[0]) == "1 min read"
    time = find_all(first, "time")[0]
    assert time.attrs["datetime"] == newest[0].published_at.isoformat()  # type: ignore[union-attr]
    # Absolute time only: cached pages must not carry a "5 min ago" that goes stale.
    assert find_all(time, "span", class_="rel") == []
    assert text_of(find_all(time, "span", class_="abs")[0]).endswith("UTC")
    assert text_of(find_all(first, "p", class_="card-lede")[0]) == newest[0].lede
    assert [text_of(t) for t in find_all(first, "ul", class_="tags")[0].children] == [
        "Energy",
        "Grid",
    ]
    for card in page:
        assert "min read" in text_of(card)

    link = show_more(response.content)
    assert link is not None and link.startswith("?before=")
    second = client.get("/" + link)
    second_ids = card_ids(second.content)
    assert second_ids == [a.pk for a in newest[20:40]]
    third = client.get("/" + show_more(second.content))  # type: ignore[operator]
    assert card_ids(third.content) == [a.pk for a in newest[40:]]
    assert show_more(third.content) is None


def test_a_page_has_exactly_one_h1_and_landmarks(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article()
    tree = parse(client.get("/").content)
    assert len(find_all(tree, "h1")) == 1
    assert find_all(tree, "header", role="banner") and find_all(tree, "footer", role="contentinfo")
    assert find_all(tree, "main", id="main") and find_all(tree, "a", class_="skip-link")
    assert find_all(tree, "html")[0].attrs["lang"] == "en"


def test_breaking_badge(client: Client, make_article: Callable[..., Article]) -> None:
    make_article(is_breaking=True, headline="Dam breached upstream")
    card = cards(parse(client.get("/").content))[0]
    assert "card--breaking" in card.attrs["class"]
    assert text_of(find_all(card, "span", class_="badge--breaking")[0]) == "Breaking"


def test_pinned_update_comes_first_and_pages_stay_at_twenty(
    client: Client, published: Callable[..., list[Article]]
) -> None:
    articles = published(41)
    pinned = actions.pin(articles[5])
    response = client.get("/")
    ids = card_ids(response.content)
    assert len(ids) == 20
    assert ids[0] == pinned.pk
    chronological = [a.pk for a in articles[::-1] if a.pk != pinned.pk]
    assert ids[1:] == chronological[:19]
    assert find_all(parse(response.content), "section", class_="pinned")
    rest = card_ids(client.get("/" + show_more(response.content)).content)  # type: ignore[operator]
    assert rest == chronological[19:39]
    assert pinned.pk not in rest


def test_unpublished_and_drafts_never_appear(
    client: Client, make_article: Callable[..., Article]
) -> None:
    visible = make_article()
    make_article(publish=False, headline="A draft nobody should see")
    gone = actions.unpublish(make_article(headline="Withdrawn update"))
    html = client.get("/").content
    assert card_ids(html) == [visible.pk]
    assert b"A draft nobody should see" not in html and gone.headline.encode() not in html


def test_publishing_while_paging_never_repeats_or_skips(
    client: Client, published: Callable[..., list[Article]], make_article: Callable[..., Article]
) -> None:
    original = published(50)
    seen: list[int] = []
    response = client.get("/")
    seen += card_ids(response.content)
    while (link := show_more(response.content)) is not None:
        # New updates land while the reader is paging, and another is withdrawn.
        make_article(headline=f"Landed while paging {len(seen)}")
        response = client.get("/" + link)
        seen += card_ids(response.content)
    assert len(seen) == len(set(seen)), "an update was shown twice"
    assert seen == [a.pk for a in original[::-1]], "an update was skipped"


def test_same_second_publications_are_ordered_by_id(
    client: Client, published: Callable[..., list[Article]]
) -> None:
    articles = published(25)
    same = articles[0].published_at
    Article.objects.update(published_at=same)  # a burst within one clock tick
    first = client.get("/")
    second = client.get("/" + show_more(first.content))  # type: ignore[operator]
    assert card_ids(first.content) + card_ids(second.content) == [a.pk for a in articles[::-1]]


@pytest.mark.parametrize("cursor", ["x", "1.2.3", "-5.1", "9" * 18 + ".1", "1." + "9" * 30, ""])
def test_bad_cursor_is_a_clear_400(client: Client, cursor: str) -> None:
    response = client.get("/", {"before": cursor})
    assert response.status_code == 400
    assert b"That link to older updates is not valid" in response.content


def test_constant_queries_whatever_the_page_size(
    client: Client, published: Callable[..., list[Article]], settings: object
) -> None:
    published(30, tags=["Energy", "Grid", "Ceasefire"])
    actions.pin(Article.objects.order_by("id").first())  # type: ignore[arg-type]
    counts = []
    for size in (5, 20):
        settings.NEWSDESK_PAGE_SIZE = size  # type: ignore[attr-defined]
        client.get("/")  # the site settings are read once per edit generation
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        assert len(card_ids(response.content)) == size
        counts.append(len(queries))
    # the page's state (validators, the live stream's position, the live
    # blog's start of coverage), the open live coverages, pinned + its tags,
    # the page + its tags
    assert counts[0] == counts[1] == 6


def test_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response.headers["Content-Security-Policy"].startswith(
        "default-src 'self'; script-src 'self';"
    )
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_carry_no_inline_script(client: Client, make_article: Callable[..., Article]) -> None:
    make_article()
    tree = parse(client.get("/").content)
    data = find_all(tree, "script", type="application/ld+json")
    scripts = [s for s in find_all(tree, "script") if s not in data]
    assert scripts and all(s.attrs.get("src", "").startswith("/static/") for s in scripts)
    assert all(not text_of(s) for s in scripts)
    # JSON-LD is a data block: browsers never run it, so CSP's script-src allows it.
    assert [json.loads(d.text)["@type"] for d in data] == ["LiveBlogPosting"]


def test_the_live_position_is_the_newest_public_event(
    client: Client, published: Callable[..., list[Article]]
) -> None:
    """Read with the validators, before the page's own queries: a draft's
    private event after it changes nothing the stream would send."""
    from newsdesk.news.models import Event

    published(2)
    actions.create_draft(headline="Not public yet")
    newest_public = Event.objects.filter(public=True).order_by("-id").first()
    assert newest_public is not None
    assert Event.objects.order_by("-id").first() != newest_public
    body = parse(client.get("/").content.decode())
    (page,) = find_all(body, "body")
    assert page.attrs["data-last-event-id"] == str(newest_public.id)
