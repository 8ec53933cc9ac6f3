"""The desk's list of every article: the person's view of it, filters, and
keyset pages that neither repeat nor skip."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def headlines(html: bytes) -> list[str]:
    rows = find_all(parse(html), "tbody")
    return [text_of(a) for a in find_all(rows[0], "a")] if rows else []


def test_each_person_sees_what_they_may(contributor: User, editor: User) -> None:
    actions.create_draft(headline="Casey's draft", user=contributor)
    actions.create_draft(headline="Eden's draft", user=editor)
    assert headlines(signed_in(contributor).get("/desk/articles/").content) == ["Casey's draft"]
    assert headlines(signed_in(editor).get("/desk/articles/").content) == [
        "Eden's draft",
        "Casey's draft",
    ]


def test_filters(editor: User, author: Author) -> None:
    other = actions.create_author(name="Lena Moor")
    ferry = actions.create_draft(
        headline="Ferry resumes", lede="At noon.", tags=["Ports"], authors=[author]
    )
    actions.publish(ferry)
    actions.create_draft(headline="Ferry strike called", tags=["Labour"], authors=[other])
    actions.create_draft(headline="Power cut", tags=["Energy"], authors=[author])
    client = signed_in(editor)

    def listed(query: str) -> list[str]:
        response = client.get("/desk/articles/?" + query)
        assert response.status_code == 200, query
        return headlines(response.content)

    assert listed("status=published") == ["Ferry resumes"]
    assert listed("author=lena-moor") == ["Ferry strike called"]
    assert listed("tag=energy") == ["Power cut"]
    assert listed("q=ferry") == ["Ferry strike called", "Ferry resumes"]
    assert listed("q=ferry+STRIKE") == ["Ferry strike called"]
    assert listed("q=ferry&author=mira-castell") == ["Ferry resumes"]
    today = timezone.localdate()
    assert len(listed(f"since={today:%Y-%m-%d}&until={today:%Y-%m-%d}")) == 3
    assert listed(f"until={today - timedelta(days=2):%Y-%m-%d}") == []
    for bad, message in (
        ("status=gone", "Unknown status."),
        ("author=nobody", "No such author."),
        ("tag=nothing", "No such tag."),
        ("since=yesterday", "From must be a date such as 2026-12-07."),
        ("q=" + "x" * 201, "Search for at most 200 characters."),
        ("before=not-a-cursor", "That page link is broken; start again."),
    ):
        response = client.get("/desk/articles/?" + bad)
        assert (response.status_code, response.content.decode()) == (400, message), bad


def test_pages_by_keyset_without_repeats(editor: User) -> None:
    for n in range(120):
        actions.create_draft(headline=f"Update {n:03d}", user=editor)
    client = signed_in(editor)
    seen: list[str] = []
    url = "/desk/articles/?status=draft"
    pages = 0
    while url:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(queries) < 15  # the same few queries, whatever the page
        page = parse(response.content)
        seen += headlines(response.content)
        more = find_all(page, "a", rel="next")
        url = "/desk/articles/" + more[0].attrs["href"].replace("&amp;", "&") if more else ""
        pages += 1
    assert pages == 3
    assert seen == [f"Update {n:03d}" for n in reversed(range(120))]
    assert Article.objects.count() == 120
