"""``?q=`` on the API's article lists: published only for the Content API,
everything the caller may see for the Admin API; hostile text is a page or a
400 problem, never a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


def ids(response: object) -> list[int]:
    assert response.status_code == 200, response.content  # type: ignore[attr-defined]
    return [item["id"] for item in response.json()["items"]]  # type: ignore[attr-defined]


def test_content_api_searches_published_articles_only(
    api: Api, make_article: Callable[..., Article]
) -> None:
    found = make_article(headline="Ferry resumes", body="The harbour master said so.")
    make_article(publish=False, headline="Ferry strike (draft)")
    withdrawn = make_article(headline="Ferry timetable")
    actions.unpublish(withdrawn)
    assert ids(api.get("/api/content/articles?q=ferry")) == [found.pk]
    assert ids(api.get("/api/content/articles?q=harbour+master")) == [found.pk]
    assert ids(api.get("/api/content/articles?q=%22%22")) == []


def test_admin_api_searches_what_the_caller_may_see(
    api: Api,
    make_token: Callable[[str], Credential],
    make_article: Callable[..., Article],
) -> None:
    editor = make_token("editor")
    contributor = make_token("contributor")
    published = make_article(headline="Ferry resumes")
    draft = make_article(publish=False, headline="Ferry strike")
    own = actions.create_draft(headline="Ferry notes", user=contributor.user)
    assert sorted(ids(api.get("/api/admin/articles?q=ferry", editor))) == sorted(
        [published.pk, draft.pk, own.pk]
    )
    assert ids(api.get("/api/admin/articles?q=ferry", contributor)) == [own.pk]


@pytest.mark.parametrize(
    "text", ["a", '"unbalanced', "NEAR(a b)", "* OR *", "-", "a:*", "`x`", "x" * 1000]
)
def test_odd_queries_are_answered(
    api: Api, make_article: Callable[..., Article], text: str
) -> None:
    make_article(headline="Ferry resumes")
    response = api.client.get("/api/content/articles", {"q": text})
    assert response.status_code == 200


def test_a_query_over_1000_characters_is_a_400(api: Api) -> None:
    response = api.client.get("/api/content/articles", {"q": "x" * 1001})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
