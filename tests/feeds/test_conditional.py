"""Conditional GET on pages and feeds, through a real server as curl would send it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.feeds.conditional import read_state
from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Tag
from newsdesk.site.actions import update_settings

pytestmark = pytest.mark.django_db

FEEDS = ("/rss.xml", "/atom.xml", "/feed.json")


def paths(story: Article) -> list[str]:
    tag, author = "/tag/energy/", "/author/mira-castell/"
    return [
        "/",
        story.get_absolute_url(),
        tag,
        author,
        *FEEDS,
        *(tag + f.lstrip("/") for f in FEEDS),
        *(author + f.lstrip("/") for f in FEEDS),
        "/sitemap.xml",
    ]


@pytest.mark.django_db(transaction=True)  # the live server reads what the test wrote
def test_304_then_200_with_a_new_etag_after_a_publish(
    live_server: Any, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Energy"])
    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        for path in paths(story):
            first = http.get(path)
            assert first.status_code == 200, path
            etag = first.headers["ETag"]
            assert etag.startswith('W/"')
            assert "max-age=30" in first.headers["Cache-Control"]
            assert "stale-while-revalidate=60" in first.headers["Cache-Control"]
            assert "public" in first.headers["Cache-Control"]
            again = http.get(path, headers={"If-None-Match": etag})
            assert again.status_code == 304, path
            assert again.content == b""
            for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
                assert again.headers.get(header) == first.headers.get(header), (path, header)
            since = http.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
            assert since.status_code == 304, path

        before = {path: http.get(path).headers["ETag"] for path in paths(story)}
        make_article(tags=["Energy"])  # a publish changes every listing and feed
        for path in paths(story):
            after = http.get(path, headers={"If-None-Match": before[path]})
            assert after.status_code == 200, path
            assert after.headers["ETag"] != before[path], path


def test_each_kind_of_change_changes_the_validators(
    client: Client, make_article: Callable[..., Article], author: Author
) -> None:
    story = make_article(tags=["Energy"])
    seen = {client.get("/rss.xml")["ETag"]}

    def changed() -> bool:
        etag = client.get("/rss.xml")["ETag"]
        fresh = etag not in seen
        seen.add(etag)
        return fresh

    actions.update(story, lede="A new lede.")
    assert changed()
    actions.correct(story, note="Fixed the lede.")
    assert changed()
    actions.unpublish(story)
    assert changed()
    actions.update_author(author, name="Mira Castell-Ortiz")
    assert changed()
    actions.update_tag(Tag.objects.get(name="Energy"), description="Power, fuel and the grid.")
    assert changed()
    update_settings(site_name="The Averre Desk")
    assert changed()
    draft = make_article(publish=False)
    assert not changed()  # drafts are not public: nothing readers see changed
    actions.update(draft, headline="Still a draft")
    assert not changed()


def test_validators_differ_by_url_and_language(client: Client, make_article: Any) -> None:
    make_article()
    assert client.get("/rss.xml")["ETag"] != client.get("/atom.xml")["ETag"]
    english = client.get("/")
    update_settings(language="uk")
    ukrainian = client.get("/")
    assert english["ETag"] != ukrainian["ETag"]
    assert (english["Content-Language"], ukrainian["Content-Language"]) == ("en", "uk")


def test_the_browser_does_not_choose_the_language(client: Client, make_article: Any) -> None:
    """One URL is one page for every cache: the site settings say the language."""
    make_article()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    asked = client.get("/", HTTP_ACCEPT_LANGUAGE="uk", HTTP_COOKIE="django_language=uk")
    assert english["ETag"] == asked["ETag"]
    assert asked["Content-Language"] == "en"
    assert "Accept-Language" not in english.get("Vary", "")


def test_errors_carry_no_validators(client: Client, make_article: Any) -> None:
    gone = make_article()
    actions.unpublish(gone)
    for path, status in (
        (gone.get_absolute_url(), 410),
        ("/news/never-was/", 404),
        ("/?before=garbage", 400),
    ):
        response = client.get(path)
        assert response.status_code == status
        assert not response.has_header("ETag")
        assert not response.has_header("Cache-Control")


def test_validators_cost_one_query(client: Client, make_article: Any) -> None:
    make_article()
    with CaptureQueriesContext(connection) as queries:
        state = read_state()
    assert len(queries) == 1
    assert state.last_event > 0 and state.event_at is not None
