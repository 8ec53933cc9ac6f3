"""Hostile parameters: a 400 problem document, never a 500, and never a
different query (RELIABILITY.md row 22)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.news.models import Article

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db

LONG = "a" * 100_000
HOSTILE = [
    ("tag", "energy' OR '1'='1"),
    ("tag", 'energy"; DROP TABLE news_article; --'),
    ("author", "`whoami`"),
    ("author", "mira-castell)|(1=1"),
    ("language", "en' --"),
    ("tag", LONG),
    ("author", LONG),
    ("language", LONG),
    ("before", LONG),
    ("before", "1.1' OR 1=1"),
    ("since", "yesterday"),
    ("since", "2026-01-01T00:00:00"),  # no zone: ambiguous, refused
    ("since", "0001-01-01T00:00:00+14:00"),
    ("after_event", "99999999999999999999999"),
    ("after_event", "-1"),
    ("breaking", "maybe"),
    ("limit", "0"),
    ("limit", "1000000"),
    ("tag", "\x00"),
    # Filters on private fields or filter syntax: unknown parameters.
    ("email", "mira@newsdesk.example"),
    ("password", "x"),
    ("author__user__password__startswith", "argon2"),
    ("status", "draft"),
    ("filter", "status:draft"),
    ("tags__slug", "energy"),
    ("body__contains", "x"),
]


@pytest.mark.parametrize(
    ("name", "value"), HOSTILE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(HOSTILE)]
)
def test_hostile_filters_are_400_and_run_no_query(
    api: Api, make_article: Callable[..., Article], name: str, value: str
) -> None:
    make_article(tags=["Energy"])
    with CaptureQueriesContext(connection) as queries:
        answer = api.get(f"/api/content/articles?{name}={quote(value)}")
    assert answer.status_code == 400, answer.content[:300]
    assert answer["Content-Type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == 400
    assert [e["field"] for e in problem["errors"]] == [name]
    # Refused before the article query ran: its shape cannot have changed.
    assert not any("news_article" in q["sql"] for q in queries.captured_queries)


def test_the_query_shape_is_the_same_for_any_valid_value(
    api: Api, make_article: Callable[..., Article]
) -> None:
    make_article(tags=["Energy"])

    def article_sql(tag: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(f"/api/content/articles?tag={quote(tag)}").status_code == 200
        main = [q["sql"] for q in queries.captured_queries if tag in q["sql"]]
        assert len(main) == 1  # the value reaches one query, as a bound parameter
        return [main[0].replace(f"'{tag}'", "?")]

    assert article_sql("energy") == article_sql("київ-нічна-атака")
    # A value that matches nothing runs the very same statement.
    assert article_sql("energy") == article_sql("no-such-tag")


@pytest.mark.parametrize(
    "path",
    [
        "/api/content/articles/0",
        "/api/content/articles/99999999999999999999999",
        "/api/content/articles/abc",
        f"/api/content/articles/slug/{'x' * 100_000}",
        "/api/content/articles/slug/a'b",
    ],
)
def test_hostile_paths(api: Api, path: str) -> None:
    answer = api.get(path)
    assert answer.status_code in (400, 404)
    assert answer["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"headline": "\\ud800"}',
        b'{"headline": "a\\u0000b"}',
        b'{"headline": ' + b'"x' * 1 + b"a" * 100_000 + b'"}',
        b"\xff\xfe",
        b'{"headline": "ok", "tags": "not-a-list"}',
        b'{"headline": "ok", "authors": ["a\'b"]}',
    ],
    ids=["garbage", "list", "surrogate", "nul", "long", "bytes", "tags-type", "author-quote"],
)
def test_hostile_bodies(api: Api, editor: Credential, body: bytes) -> None:
    answer = api.client.post(
        "/api/admin/articles", data=body, content_type="application/json", headers=editor.headers()
    )
    assert answer.status_code == 400, answer.content[:300]
    assert answer["Content-Type"] == "application/problem+json"
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "status=draft' OR '1'='1",
        "status=`published`",
        "before=1 OR 1=1",
        f"before={LONG}",
        "limit=-5",
        "user__password__startswith=argon2",
        "author__user__email=mira@newsdesk.example",
    ],
)
def test_hostile_admin_filters(
    api: Api, editor: Credential, make_article: Callable[..., Article], query: str
) -> None:
    make_article(publish=False)
    with CaptureQueriesContext(connection) as queries:
        answer = api.get(f"/api/admin/articles?{query}", editor)
    assert answer.status_code == 400, answer.content[:300]
    assert answer["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in answer.json()["errors"]] == [query.split("=")[0]]
    assert not any("news_article" in q["sql"] for q in queries.captured_queries)
