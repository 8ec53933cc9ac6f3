"""The Admin API writes through the desk's actions: same rules, same records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Correction, Event, Revision

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


def test_draft_update_submit_publish_correct(api: Api, editor: Credential, author: Author) -> None:
    created = api.send(
        "POST",
        "/api/admin/articles",
        editor,
        {
            "headline": "Ferry service resumes",
            "lede": "Boats run again after the storm.",
            "body": "The **first** boat left at six.",
            "tags": ["Transport"],
            "authors": ["mira-castell"],
            "sources": [{"outlet": "the Harbour Gazette", "url": "https://gazette.example/f"}],
        },
    )
    assert created.status_code == 201, created.content
    draft = created.json()
    assert (draft["status"], draft["version"]) == ("draft", 1)
    assert draft["body_html"] == "<p>The <strong>first</strong> boat left at six.</p>"
    pk = draft["id"]
    article = Article.objects.get(pk=pk)
    revision = Revision.objects.get(article=article)
    assert (revision.action, revision.created_by) == ("create", editor.user)

    updated = api.send(
        "PATCH", f"/api/admin/articles/{pk}", editor, {"version": 1, "lede": "Boats run."}
    ).json()
    assert (updated["lede"], updated["version"], updated["headline"]) == (
        "Boats run.",
        2,
        "Ferry service resumes",
    )
    submitted = api.send("POST", f"/api/admin/articles/{pk}/submit", editor, {"version": 2})
    assert submitted.json()["status"] == "review"
    published = api.send("POST", f"/api/admin/articles/{pk}/publish", editor).json()
    assert published["status"] == "published"
    assert published["published_at"] is not None
    corrected = api.send(
        "POST",
        f"/api/admin/articles/{pk}/correct",
        editor,
        {
            "version": published["version"],
            "note": "The first boat left at seven.",
            "body": "The first boat left at seven.",
        },
    ).json()
    assert corrected["body"] == "The first boat left at seven."
    assert [c["text"] for c in corrected["corrections"]] == ["The first boat left at seven."]
    assert Correction.objects.get(article_id=pk).created_by == editor.user
    types = list(Event.objects.filter(article_id=pk).order_by("id").values_list("type", flat=True))
    assert types == [
        "article.draft_created",
        "article.draft_updated",
        "article.draft_updated",
        "article.published",
        "article.corrected",
    ]


def test_schedule_through_the_api(
    api: Api, editor: Credential, make_article: Callable[..., Article]
) -> None:
    draft = make_article(publish=False)
    due = timezone.now() + timedelta(hours=2)
    answer = api.send(
        "POST",
        f"/api/admin/articles/{draft.pk}/schedule",
        editor,
        {"publish_at": due.isoformat()},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["status"], body["published_at"]) == ("scheduled", None)
    assert body["publish_at"].startswith(due.strftime("%Y-%m-%dT%H:%M:%S"))
    naive = api.send(
        "POST",
        f"/api/admin/articles/{draft.pk}/schedule",
        editor,
        {"publish_at": "2030-01-01T09:00:00"},
    )
    assert naive.status_code == 400
    assert naive.json()["errors"][0]["field"] == "publish_at"
    past = api.send(
        "POST",
        f"/api/admin/articles/{draft.pk}/schedule",
        editor,
        {"publish_at": "2001-01-01T09:00:00Z"},
    )
    assert past.status_code == 400
    assert past.json()["errors"] == [
        {
            "location": "body",
            "field": "publish_at",
            "detail": "Choose a time in the future, or publish now instead.",
        }
    ]


def test_action_messages_come_back_by_field(api: Api, editor: Credential) -> None:
    answer = api.send(
        "POST",
        "/api/admin/articles",
        editor,
        {
            "headline": "Talks resume",
            "tags": ["???"],
            "sources": [{"outlet": "the Ledger", "url": "ftp://files.example/x"}],
        },
    )
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json() == {
        "type": "urn:newsdesk:problem:invalid",
        "title": "Bad Request",
        "status": 400,
        "detail": "Some fields need attention.",
        "errors": [
            {
                "location": "body",
                "field": "tags",
                "detail": "The tag “???” needs at least one letter or digit.",
            },
            {
                "location": "body",
                "field": "sources",
                "detail": "Source URLs must start with http:// or https://.",
            },
        ],
    }


def test_contract_limits_come_back_by_field(api: Api, editor: Credential) -> None:
    answer = api.send(
        "POST",
        "/api/admin/articles",
        editor,
        {"headline": " ", "language": "English", "lede": "x" * 601},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"location": "body", "field": "headline", "detail": "This cannot be blank."},
        {
            "location": "body",
            "field": "lede",
            "detail": "String should have at most 600 characters",
        },
        {
            "location": "body",
            "field": "language",
            "detail": "String should match pattern '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'",
        },
    ]


def test_unknown_author(api: Api, editor: Credential) -> None:
    answer = api.send(
        "POST", "/api/admin/articles", editor, {"headline": "x", "authors": ["nobody-here"]}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"location": "body", "field": "authors", "detail": "No author has the slug “nobody-here”."}
    ]
    assert not Article.objects.exists()


def test_stale_versions_and_wrong_states_are_409(
    api: Api, editor: Credential, make_article: Callable[..., Article]
) -> None:
    story = make_article()
    stale = api.send(
        "PATCH", f"/api/admin/articles/{story.pk}", editor, {"version": 1, "lede": "Mine."}
    )
    assert stale.status_code == 409
    assert stale.json()["type"] == "urn:newsdesk:problem:stale-version"
    assert "Someone else saved this article (version 2)" in stale.json()["detail"]
    again = api.send("POST", f"/api/admin/articles/{story.pk}/publish", editor)
    assert again.status_code == 409
    assert again.json()["type"] == "urn:newsdesk:problem:state"
    assert again.json()["detail"] == "This article is already published."
    pin_stale = api.send("POST", f"/api/admin/articles/{story.pk}/pin", editor, {"version": 1})
    assert pin_stale.status_code == 409
    assert not Article.objects.get(pk=story.pk).is_pinned


@pytest.mark.parametrize(
    "extra",
    [{"status": "published"}, {"role": "admin"}, {"is_staff": 1}, {"version": 9, "id": 1}],
    ids=["status", "role", "is_staff", "id"],
)
def test_mass_assignment_is_refused(api: Api, editor: Credential, extra: dict[str, object]) -> None:
    answer = api.send("POST", "/api/admin/articles", editor, {"headline": "Hello", **extra})
    assert answer.status_code == 400
    fields = {e["field"] for e in answer.json()["errors"]}
    assert fields == set(extra)
    assert all(e["detail"] == "Unknown field: remove it." for e in answer.json()["errors"])
    assert not Article.objects.exists()


def test_a_contributor_cannot_mark_breaking(
    api: Api, make_token: Callable[[str], Credential], make_article: Callable[..., Article]
) -> None:
    contributor = make_token("contributor")
    draft = make_article(publish=False, user=contributor.user)  # theirs to edit, but not this
    answer = api.send(
        "PATCH",
        f"/api/admin/articles/{draft.pk}",
        contributor,
        {"version": draft.version, "is_breaking": True},
    )
    assert answer.status_code == 403
    assert answer.json()["detail"] == "You do not have permission to mark articles as breaking."


def test_admin_reads_see_drafts_and_are_not_cached(
    api: Api, make_token: Callable[[str], Credential], make_article: Callable[..., Article]
) -> None:
    contributor = make_token("contributor")
    draft = make_article(publish=False, user=contributor.user)
    live = make_article(user=contributor.user)
    make_article(publish=False)  # someone else's: not theirs to read
    listing = api.get("/api/admin/articles", contributor)
    assert [i["id"] for i in listing.json()["items"]] == [live.pk, draft.pk]
    assert listing["Cache-Control"] == "private, no-store"
    only = api.get("/api/admin/articles?status=draft", contributor).json()
    assert [i["id"] for i in only["items"]] == [draft.pk]
    me = api.get("/api/admin/me", contributor).json()
    assert me["role"] == "Contributors"
    assert "publish_article" not in me["permissions"]
    actions.publish(draft)
    assert api.get(f"/api/admin/articles/{draft.pk}", contributor).json()["status"] == "published"


def test_an_empty_edit_is_refused(
    api: Api, editor: Credential, make_article: Callable[..., Article]
) -> None:
    story = make_article()
    answer = api.send("PATCH", f"/api/admin/articles/{story.pk}", editor, {"version": 2})
    assert answer.status_code == 400
    assert answer.json()["detail"] == "Send at least one field to change besides the version."
    story.refresh_from_db()
    assert (story.version, story.updated_at) == (2, None)
