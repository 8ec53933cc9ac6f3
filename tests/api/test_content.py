"""The Content API: published content only, public fields only, pages and filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Event

from .conftest import Api

pytestmark = pytest.mark.django_db

ARTICLE_FIELDS = {
    "id", "slug", "url", "headline", "lede", "body_html", "language", "published_at",
    "updated_at", "reading_time", "word_count", "is_breaking", "is_pinned", "version",
    "tags", "authors", "sources", "corrections", "image", "translation_of", "translations",
    "coverages",
}  # fmt: skip


def ids(answer: Any) -> list[int]:
    return [item["id"] for item in answer.json()["items"]]


def test_an_article_with_everything_readers_see(
    api: Api, make_article: Callable[..., Article], author: Author
) -> None:
    story = make_article(
        headline="Grid repairs resume in the east",
        tags=["Energy", "Kharkiv"],
        sources=[actions.SourceInput("the Harbour Gazette", "https://gazette.example/a")],
    )
    actions.correct(story, note="The repairs began on Tuesday, not Monday.")
    story.refresh_from_db()
    for path in (f"/api/content/articles/{story.pk}", f"/api/content/articles/slug/{story.slug}"):
        answer = api.get(path)
        assert answer.status_code == 200
        body = answer.json()
        assert set(body) == ARTICLE_FIELDS
        assert body["headline"] == "Grid repairs resume in the east"
        assert body["url"] == f"http://127.0.0.1:8000/news/{story.slug}/"
        assert body["version"] == story.version
        assert [t["slug"] for t in body["tags"]] == ["energy", "kharkiv"]
        assert body["authors"] == [
            {
                "name": "Mira Castell",
                "slug": "mira-castell",
                "url": "http://127.0.0.1:8000/author/mira-castell/",
            }
        ]
        assert body["sources"] == [
            {
                "outlet": "the Harbour Gazette",
                "url": "https://gazette.example/a",
                "quote_style": "as quoted by",
            }
        ]
        assert [c["text"] for c in body["corrections"]] == [
            "The repairs began on Tuesday, not Monday."
        ]
        assert body["image"] is None
    # No field of the author's account or the desk's workings leaks out.
    raw = api.get(f"/api/content/articles/{story.pk}").content.decode()
    for private in ('body":', "status", "revision", "user", "email", "password", "created_by"):
        assert private not in raw


def test_drafts_scheduled_and_withdrawn_articles_do_not_exist(
    api: Api, make_article: Callable[..., Article]
) -> None:
    live = make_article()
    draft = make_article(publish=False)
    scheduled = actions.schedule(
        make_article(publish=False), publish_at=timezone.now() + timedelta(hours=1)
    )
    withdrawn = actions.unpublish(make_article())
    assert ids(api.get("/api/content/articles")) == [live.pk]
    for hidden in (draft, scheduled, withdrawn):
        assert api.get(f"/api/content/articles/{hidden.pk}").status_code == 404
        assert api.get(f"/api/content/articles/slug/{hidden.slug}").status_code == 404
    # A tag or author used only by drafts is not listed either.
    make_article(publish=False, tags=["Secret talks"])
    assert [t["slug"] for t in api.get("/api/content/tags").json()["items"]] == []


def test_pages_follow_the_cursor_without_repeats(
    api: Api, published: Callable[..., list[Article]]
) -> None:
    articles = published(5)
    newest_first = [a.pk for a in reversed(articles)]
    first = api.get("/api/content/articles?limit=2").json()
    assert [i["id"] for i in first["items"]] == newest_first[:2]
    assert first["next"].endswith(f"/api/content/articles?before={first['next_cursor']}&limit=2")
    # A publication between pages neither repeats nor hides anything.
    published(1)
    second = api.get(f"/api/content/articles?limit=2&before={first['next_cursor']}").json()
    assert [i["id"] for i in second["items"]] == newest_first[2:4]
    third = api.get(f"/api/content/articles?limit=2&before={second['next_cursor']}").json()
    assert [i["id"] for i in third["items"]] == newest_first[4:]
    assert third["next_cursor"] is None and third["next"] is None


def test_filters(
    api: Api,
    make_article: Callable[..., Article],
    author: Author,
    site_languages: Callable[[str], None],
) -> None:
    site_languages("en, uk")
    other = Author.objects.create(name="Ostap Lys", slug="ostap-lys")
    energy = make_article(tags=["Energy"], is_breaking=True)
    ukrainian = make_article(tags=["Energy"], language="uk", authors=[other])
    plain = make_article()
    assert ids(api.get("/api/content/articles?tag=energy")) == [ukrainian.pk, energy.pk]
    assert ids(api.get("/api/content/articles?author=ostap-lys")) == [ukrainian.pk]
    assert ids(api.get("/api/content/articles?language=uk")) == [ukrainian.pk]
    assert ids(api.get("/api/content/articles?breaking=true")) == [energy.pk]
    assert ids(api.get("/api/content/articles?breaking=false")) == [plain.pk, ukrainian.pk]
    assert ids(api.get("/api/content/articles?tag=nothing-like-it")) == []
    assert plain.published_at is not None
    since = plain.published_at.isoformat().replace("+00:00", "Z")
    assert ids(api.get(f"/api/content/articles?since={since}")) == [plain.pk]


def test_after_event_lists_what_changed(api: Api, published: Callable[..., list[Article]]) -> None:
    first, _second, third = published(3)
    mark = api.get("/api/content/articles").json()["last_event"]
    assert mark == Event.objects.filter(public=True).order_by("-id").first().id  # type: ignore[union-attr]
    assert ids(api.get(f"/api/content/articles?after_event={mark}")) == []
    actions.correct(first, note="A name was misspelt.")
    actions.update(third, lede="A better lede.")
    assert ids(api.get(f"/api/content/articles?after_event={mark}")) == [third.pk, first.pk]


def test_authors_and_tags_list_public_fields(
    api: Api, make_article: Callable[..., Article], author: Author
) -> None:
    make_article(tags=["Energy", "Weather"])
    authors = api.get("/api/content/authors").json()
    assert authors == {
        "items": [
            {
                "name": "Mira Castell",
                "slug": "mira-castell",
                "url": "http://127.0.0.1:8000/author/mira-castell/",
                "bio": author.bio,
                "contact": author.contact,
                "avatar": None,
            }
        ],
        "next_cursor": None,
    }
    tags = api.get("/api/content/tags?limit=1").json()
    assert [t["slug"] for t in tags["items"]] == ["energy"]
    rest = api.get(f"/api/content/tags?limit=1&after={tags['next_cursor']}").json()
    assert [t["slug"] for t in rest["items"]] == ["weather"]
    assert rest["next_cursor"] is None


def test_a_page_runs_a_constant_number_of_queries(
    api: Api, published: Callable[..., list[Article]]
) -> None:
    published(2, tags=["Energy"])
    with CaptureQueriesContext(connection) as small:
        api.get("/api/content/articles")
    published(8, tags=["Energy", "Weather"])
    with CaptureQueriesContext(connection) as large:
        api.get("/api/content/articles")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_etag_and_304(api: Api, make_article: Callable[..., Article]) -> None:
    story = make_article()
    first = api.get("/api/content/articles")
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=30, stale-while-revalidate=60"
    again = api.get("/api/content/articles", None, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert (
        api.get("/api/content/articles", None, **{"If-None-Match": f"W/{etag}"}).status_code == 304
    )
    actions.update(story, lede="Changed.")
    changed = api.get("/api/content/articles", None, **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
