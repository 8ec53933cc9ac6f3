"""A live coverage's page: its cards, key points, state, pinned update, Show
More, feeds, JSON-LD, cache dependencies and a constant number of queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage
from tests.helpers import Element, find_all, parse, text_of

pytestmark = pytest.mark.django_db
SITE = settings.NEWSDESK_SITE_URL


def card_ids(root: Element) -> list[int]:
    return [int(c.attrs["data-article-id"]) for c in find_all(root, "article", class_="card")]


@pytest.fixture
def talks(db: None) -> Coverage:
    return actions.open_coverage(
        title="Ceasefire talks, day 3",
        key_points="- Delegations met at nine\n- [Map](javascript:alert(1)) <b>x</b>",
    )


def test_the_page_shows_its_own_updates_newest_first(
    client: Client, talks: Coverage, make_article: Callable[..., Article]
) -> None:
    alerts = actions.open_coverage(title="Air raid alerts")
    ours = [make_article(coverages=[talks]) for _ in range(3)]
    make_article(coverages=[alerts])
    make_article()
    both = make_article(coverages=[talks, alerts])
    response = client.get("/live/ceasefire-talks-day-3/")
    assert response.status_code == 200
    tree = parse(response.content)
    assert card_ids(tree) == [both.pk, *(a.pk for a in reversed(ours))]
    [title] = find_all(tree, "h1")
    assert text_of(title) == "Live coverage Ceasefire talks, day 3"
    assert text_of(find_all(tree, "span", class_="badge--live")[0]) == "Live"
    [points] = find_all(tree, "aside", class_="key-points")
    assert text_of(find_all(points, "li")[0]) == "Delegations met at nine"
    assert not [a for a in find_all(points, "a") if "javascript" in a.attrs.get("href", "")]
    assert not find_all(points, "b")
    [body] = find_all(tree, "body")
    assert body.attrs["data-live-coverage"] == "ceasefire-talks-day-3"
    assert find_all(tree, "div", data_live_feed=True)
    article = parse(client.get(both.get_absolute_url()).content)
    [part] = find_all(article, "p", class_="part-of")
    assert text_of(part).startswith("Part of:")
    assert {a.attrs["href"] for a in find_all(part, "a")} == {
        "/live/ceasefire-talks-day-3/",
        alerts.get_absolute_url(),
    }


def test_unknown_and_reserved_paths(client: Client, talks: Coverage) -> None:
    assert client.get("/live/no-such-coverage/").status_code == 404
    assert client.get("/live/ceasefire-talks-day-3/?before=garbage").status_code == 400
    assert client.get("/live/no-such-coverage/atom.xml").status_code == 404


def test_an_ended_coverage_says_so_and_stops_inserting(
    client: Client, talks: Coverage, make_article: Callable[..., Article]
) -> None:
    make_article(coverages=[talks])
    actions.end_coverage(talks)
    tree = parse(client.get("/live/ceasefire-talks-day-3/").content)
    assert text_of(find_all(tree, "span", class_="coverage-ended")[0]) == (
        "This coverage has ended"
    )
    assert not find_all(tree, "span", class_="badge--live")
    assert not find_all(tree, "div", data_live_feed=True)
    assert len(card_ids(tree)) == 1


def test_pinned_first_then_show_more_pages_without_repeats(
    client: Client,
    talks: Coverage,
    make_article: Callable[..., Article],
    settings: Any,
) -> None:
    settings.NEWSDESK_PAGE_SIZE = 4
    updates = [make_article(coverages=[talks]) for _ in range(9)]
    actions.pin_in_coverage(talks, updates[0])
    tree = parse(client.get("/live/ceasefire-talks-day-3/").content)
    [pinned] = find_all(tree, "section", class_="pinned")
    assert card_ids(pinned) == [updates[0].pk]
    seen = card_ids(tree)
    link = find_all(tree, "a", data_show_more=True)[0].attrs["href"]
    while link:
        page = parse(client.get("/live/ceasefire-talks-day-3/" + link).content)
        seen += card_ids(page)
        more = find_all(page, "a", data_show_more=True)
        link = more[0].attrs["href"] if more else ""
    assert sorted(seen) == sorted(a.pk for a in updates)
    assert len(seen) == len(set(seen))


def test_query_count_does_not_grow_with_the_page(
    client: Client,
    talks: Coverage,
    make_article: Callable[..., Article],
    settings: Any,
) -> None:
    counts = []
    for size in (3, 8):
        settings.NEWSDESK_PAGE_SIZE = size
        while talks.articles.count() < size + 1:
            make_article(coverages=[talks], tags=["Talks", "Diplomacy"])
        pinned = talks.articles.order_by("id").first()
        assert pinned is not None
        actions.pin_in_coverage(talks, pinned)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/live/ceasefire-talks-day-3/")
        assert len(card_ids(parse(response.content))) == size
        counts.append(len(queries))
    # validators and live position, the coverage, pinned + its tags, the page + its tags
    assert counts[0] == counts[1] == 7


def test_json_ld_is_a_live_blog_of_the_coverage(
    client: Client, talks: Coverage, make_article: Callable[..., Article]
) -> None:
    first, second = make_article(coverages=[talks]), make_article(coverages=[talks])
    tree = parse(client.get("/live/ceasefire-talks-day-3/").content)
    [data] = [json.loads(s.text) for s in find_all(tree, "script", type="application/ld+json")]
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "Ceasefire talks, day 3"
    assert data["url"] == f"{SITE}/live/ceasefire-talks-day-3/"
    assert data["coverageStartTime"] == talks.started_at.isoformat()
    assert "coverageEndTime" not in data
    assert [u["url"] for u in data["liveBlogUpdate"]] == [
        f"{SITE}{second.get_absolute_url()}",
        f"{SITE}{first.get_absolute_url()}",
    ]
    actions.end_coverage(talks)
    talks.refresh_from_db()
    tree = parse(client.get("/live/ceasefire-talks-day-3/").content)
    [data] = [json.loads(s.text) for s in find_all(tree, "script", type="application/ld+json")]
    assert talks.ended_at is not None
    assert data["coverageEndTime"] == talks.ended_at.isoformat()


def test_the_news_feed_lists_open_coverages_at_the_top(
    client: Client, talks: Coverage, make_article: Callable[..., Article]
) -> None:
    make_article()
    alerts = actions.open_coverage(title="Air raid alerts")
    actions.end_coverage(actions.open_coverage(title="Yesterday's floods"))
    tree = parse(client.get("/").content)
    [strip] = find_all(tree, "nav", class_="coverage-strip")
    links = find_all(strip, "a")
    assert [a.attrs["href"] for a in links] == [
        alerts.get_absolute_url(),
        "/live/ceasefire-talks-day-3/",
    ]
    assert text_of(links[0]) == "Live Air raid alerts"


def test_coverage_events_drop_its_cached_pages(talks: Coverage) -> None:
    from newsdesk.cache import deps
    from newsdesk.cache.invalidation import deps_for_events
    from newsdesk.news.models import Event

    actions.update_coverage(talks, key_points="- New")
    event = Event.objects.filter(type="coverage.updated").get()
    assert deps_for_events([event.pk]) == {deps.coverage(talks.slug), deps.COVERAGES}
    story = actions.create_draft(
        headline="Delegations arrive", lede="They came by train.", coverages=[talks]
    )
    actions.publish(story)
    published = Event.objects.filter(type="article.published").get()
    assert deps.coverage(talks.slug) in deps_for_events([published.pk])
    actions.remove_from_coverage(story, talks)
    left = Event.objects.filter(type="article.updated").last()
    assert left is not None
    assert deps.coverage(talks.slug) in deps_for_events([left.pk])  # the list it left


def test_conditional_get_and_hostile_titles(client: Client) -> None:
    hostile = actions.open_coverage(title='Talks </script><script>alert(1)</script> "x"')
    path = hostile.get_absolute_url()
    first = client.get(path)
    assert first.status_code == 200
    html = first.content.decode()
    assert "<script>alert(1)" not in html
    assert "\\u003c/script\\u003e" in html  # intact as data in the JSON-LD, never markup
    again = client.get(path, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    actions.update_coverage(hostile, key_points="- New point")
    assert client.get(path, headers={"If-None-Match": first["ETag"]}).status_code == 200
