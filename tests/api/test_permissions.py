"""Who may do what: every operation, every kind of caller, with and without
a trailing slash (the same view either way), and HEAD for every GET.

Row 12 of RELIABILITY.md: authorisation must not be lost on an alternate path.
The target articles are an editor's: a contributor's token may neither read
nor change them (row 14: another person's draft is a 404, not a 403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Event

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "content", "contributor", "editor", "admin"]


@dataclass(frozen=True)
class Op:
    name: str
    method: str
    path: str  # {id} and {slug} are filled from the target article
    target: str  # "draft", "published" or "pinned"
    allowed: frozenset[str]  # roles that succeed; the rest get 401 or 403
    body: Callable[[Article], Any] | None = None
    writes: bool = True
    hidden: bool = False  # refused as 404: an article the caller may not see is not there


EVERYONE = frozenset(ROLES)
TOKENS = frozenset({"contributor", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})

OPS = [
    Op("content list", "GET", "/api/content/articles", "published", EVERYONE, writes=False),
    Op("content get", "GET", "/api/content/articles/{id}", "published", EVERYONE, writes=False),
    Op(
        "content slug",
        "GET",
        "/api/content/articles/slug/{slug}",
        "published",
        EVERYONE,
        writes=False,
    ),
    Op("content tags", "GET", "/api/content/tags", "published", EVERYONE, writes=False),
    Op("content authors", "GET", "/api/content/authors", "published", EVERYONE, writes=False),
    Op("me", "GET", "/api/admin/me", "draft", TOKENS, writes=False),
    Op("admin list", "GET", "/api/admin/articles", "draft", TOKENS, writes=False),
    Op(
        "admin get draft",
        "GET",
        "/api/admin/articles/{id}",
        "draft",
        EDITORS,
        writes=False,
        hidden=True,
    ),
    Op(
        "admin get published",
        "GET",
        "/api/admin/articles/{id}",
        "published",
        EDITORS,
        writes=False,
        hidden=True,
    ),
    Op(
        "create",
        "POST",
        "/api/admin/articles",
        "draft",
        TOKENS,
        body=lambda a: {"headline": "Ferry service resumes", "lede": "Boats run again."},
    ),
    Op(
        "create breaking",
        "POST",
        "/api/admin/articles",
        "draft",
        EDITORS,
        body=lambda a: {"headline": "Dam breaks", "lede": "Evacuate.", "is_breaking": True},
    ),
    Op(
        "update",
        "PATCH",
        "/api/admin/articles/{id}",
        "draft",
        EDITORS,
        body=lambda a: {"version": a.version, "lede": "A sharper lede."},
    ),
    Op(
        "update published",
        "PATCH",
        "/api/admin/articles/{id}",
        "published",
        EDITORS,
        body=lambda a: {"version": a.version, "lede": "A sharper lede."},
    ),
    Op("submit", "POST", "/api/admin/articles/{id}/submit", "draft", EDITORS),
    Op(
        "restore",
        "POST",
        "/api/admin/articles/{id}/restore",
        "draft",
        EDITORS,
        body=lambda a: {"revision": 1},
    ),
    Op("publish", "POST", "/api/admin/articles/{id}/publish", "draft", EDITORS),
    Op(
        "schedule",
        "POST",
        "/api/admin/articles/{id}/schedule",
        "draft",
        EDITORS,
        body=lambda a: {"publish_at": (timezone.now() + timedelta(hours=3)).isoformat()},
    ),
    Op(
        "correct",
        "POST",
        "/api/admin/articles/{id}/correct",
        "published",
        EDITORS,
        body=lambda a: {"version": a.version, "note": "We misspelt the minister's name."},
    ),
    Op("unpublish", "POST", "/api/admin/articles/{id}/unpublish", "published", EDITORS),
    Op("pin", "POST", "/api/admin/articles/{id}/pin", "published", EDITORS),
    Op("unpin", "POST", "/api/admin/articles/{id}/unpin", "pinned", EDITORS),
]


def expected_status(op: Op, role: str) -> int:
    if role in op.allowed:
        return 201 if op.name.startswith("create") else 200
    if role == "anonymous":
        return 401
    if op.hidden and role != "content":
        return 404
    return 403


@pytest.fixture
def target(
    make_article: Callable[..., Article], make_token: Callable[[str], Credential]
) -> Callable[[str], Article]:
    """An editor's article in the state ``kind``."""
    owner = make_token("editor").user

    def make(kind: str) -> Article:
        article = make_article(publish=False, tags=["Harbour"], user=owner)
        if kind != "draft":
            article = actions.publish(article, user=owner)
        if kind == "pinned":
            article = actions.pin(article, user=owner)
        return article

    return make


def call(api: Api, op: Op, article: Article, cred: Credential, slash: str) -> Any:
    path = op.path.format(id=article.pk, slug=article.slug) + slash
    if op.method == "GET":
        return api.get(path, cred)
    return api.send(op.method, path, cred, op.body(article) if op.body else None)


@pytest.mark.parametrize("slash", ["", "/"], ids=["no-slash", "slash"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_matrix(
    api: Api,
    make_token: Callable[[str], Credential],
    target: Callable[[str], Article],
    op: Op,
    role: str,
    slash: str,
) -> None:
    cred = make_token(role)
    article = target(op.target)
    events_before = Event.objects.count()
    answer = call(api, op, article, cred, slash)
    status = expected_status(op, role)
    assert answer.status_code == status, answer.content
    if status >= 400:
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json()["status"] == status
        # Refused means untouched: no new row, no event, same version.
        assert Event.objects.count() == events_before
        assert Article.objects.get(pk=article.pk).version == article.version
        assert Article.objects.count() == 1
    elif op.writes:
        assert Event.objects.count() > events_before
    if op.name == "admin list" and role == "contributor":
        assert answer.json()["items"] == []  # nothing of the editor's is listed


@pytest.mark.parametrize("slash", ["", "/"], ids=["no-slash", "slash"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", [op for op in OPS if op.method == "GET"], ids=lambda op: op.name)
def test_head_answers_like_get(
    api: Api,
    make_token: Callable[[str], Credential],
    target: Callable[[str], Article],
    op: Op,
    role: str,
    slash: str,
) -> None:
    cred = make_token(role)
    article = target(op.target)
    path = op.path.format(id=article.pk, slug=article.slug) + slash
    answer = api.head(path, cred)
    assert answer.status_code == expected_status(op, role)
    assert answer.content == b""


@pytest.mark.parametrize("role", ROLES)
def test_content_keys_required(
    api: Api,
    settings: Any,
    make_token: Callable[[str], Credential],
    target: Callable[[str], Article],
    role: str,
) -> None:
    settings.NEWSDESK_API_CONTENT_KEYS_REQUIRED = True
    cred = make_token(role)
    article = target("published")
    for op in OPS[:5]:
        for slash in ("", "/"):
            answer = call(api, op, article, cred, slash)
            assert answer.status_code == (401 if role == "anonymous" else 200), op.name
    if role != "anonymous":
        # Behind keys, no shared cache may hand the answer to someone without one.
        answer = api.get("/api/content/articles", cred)
        assert answer["Cache-Control"] == "private, max-age=30"


def test_methods_not_defined_are_405_problems(api: Api, editor: Credential) -> None:
    for path in ("/api/content/articles", "/api/content/articles/"):
        answer = api.send("DELETE", path, editor)
        assert answer.status_code == 405
        assert answer["Content-Type"] == "application/problem+json"


def test_unknown_addresses_are_404_problems(api: Api, editor: Credential) -> None:
    for path in ("/api/", "/api/nothing", "/api/content/nothing/", "/api/admin/articles/1/x"):
        answer = api.get(path, editor)
        assert answer.status_code == 404, path
        assert answer["Content-Type"] == "application/problem+json"


def test_a_contributor_reads_and_changes_their_own_draft(
    api: Api, make_token: Callable[[str], Credential], make_article: Callable[..., Article]
) -> None:
    """The other side of the matrix: what the rules give a contributor, the API gives."""
    contributor = make_token("contributor")
    own = make_article(publish=False, user=contributor.user)
    theirs = make_article(publish=False)
    listing = api.get("/api/admin/articles", contributor).json()
    assert [item["id"] for item in listing["items"]] == [own.pk]
    assert api.get(f"/api/admin/articles/{own.pk}", contributor).status_code == 200
    assert api.get(f"/api/admin/articles/{theirs.pk}", contributor).status_code == 404
    path = f"/api/admin/articles/{own.pk}"
    changed = api.send("PATCH", path, contributor, {"version": own.version, "lede": "Sharper."})
    assert changed.status_code == 200 and changed.json()["lede"] == "Sharper."
    assert api.send("POST", path + "/submit", contributor).json()["status"] == "review"
    # In review it is still theirs to edit; once published it is the editors'.
    actions.publish(Article.objects.get(pk=own.pk))
    refused = api.send("PATCH", path, contributor, {"version": 4, "lede": "Later."})
    assert refused.status_code == 403
    assert refused.json()["detail"] == "You do not have permission to edit this article."
    assert api.get(path, contributor).json()["status"] == "published"
