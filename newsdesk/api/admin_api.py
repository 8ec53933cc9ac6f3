"""The Admin API: the desk's actions, acting as the token's user.

Every write calls the same function in ``newsdesk.news.actions`` as the desk
does, so the action's own check (``news.permissions``) decides what is
allowed: a refusal is a 403 problem document with the action's message, and
each change writes its revision and outbox event exactly as a desk change
would. Reads show what the same rules let the user see: an article they may
not see answers 404, like one that does not exist. The API has no rule of
its own.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Path, Query, Router, Status
from pydantic import Field

from newsdesk.news import actions, permissions
from newsdesk.news.models import Article, Author
from newsdesk.search import find
from newsdesk.search.query import MAX_LENGTH, parse

from . import present
from .auth import AdminToken, Caller
from .problems import Problem, ProblemOut, only_query
from .schemas import (
    MAX_ID,
    CallerOut,
    CorrectIn,
    DeskArticleOut,
    DeskArticlePage,
    DraftIn,
    Input,
    RestoreIn,
    ScheduleIn,
    SourceIn,
    StepIn,
    TranslateIn,
    UpdateIn,
)

router = Router(auth=AdminToken(), tags=["admin"])

READ_ERRORS = {code: ProblemOut for code in (400, 401, 403, 404, 429)}
WRITE_ERRORS = {code: ProblemOut for code in (400, 401, 403, 404, 409, 429)}
ArticleId = Path[Annotated[int, Field(ge=1, le=MAX_ID)]]


class DeskFilters(Input):
    status: Article.Status | None = Field(default=None, description="Only articles in this state.")
    q: str | None = Field(
        default=None,
        max_length=MAX_LENGTH,
        description="Only articles matching these words, in every state the caller may see.",
    )
    before: int | None = Field(default=None, ge=1, le=MAX_ID, description="`next_cursor`.")
    limit: Annotated[int, Field(ge=1, le=100)] = 20


def _user(request: HttpRequest) -> Any:
    caller: Caller = request.auth  # type: ignore[attr-defined]
    return caller.user


def _article(pk: int) -> Article:
    """The article to act on; the action decides whether the caller may."""
    found = Article.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _visible(request: HttpRequest, pk: int) -> Article:
    """The article to read: one the caller may not see is not there (404)."""
    found = _article(pk)
    if not permissions.can(_user(request), "article.view", found):
        raise Http404
    return found


def _fresh(pk: int, request: HttpRequest) -> dict[str, Any]:
    found = present.with_relations(Article.objects.filter(pk=pk)).get()
    return present.desk_article(found, viewer=_user(request))


def _authors(slugs: list[str]) -> list[Author]:
    found = {a.slug: a for a in Author.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise Problem(
            400,
            _("Some fields need attention."),
            errors=[
                {
                    "location": "body",
                    "field": "authors",
                    "detail": _("No author has the slug “%(slug)s”.") % {"slug": slug},
                }
                for slug in missing
            ],
        )
    return [found[s] for s in slugs]


def _sources(items: list[SourceIn]) -> list[actions.SourceInput]:
    return [
        actions.SourceInput(outlet=s.outlet, url=s.url, quote_style=s.quote_style) for s in items
    ]


def _changes(payload: UpdateIn | CorrectIn) -> dict[str, Any]:
    changes = payload.model_dump(exclude_none=True, exclude={"version", "note"})
    if payload.authors is not None:
        changes["authors"] = _authors(payload.authors)
    if payload.sources is not None:
        changes["sources"] = _sources(payload.sources)
    return changes


@router.get("/me", response={200: CallerOut, **READ_ERRORS}, summary="Who the token acts as")
def admin_me(request: HttpRequest) -> dict[str, Any]:
    only_query(request)
    user = _user(request)
    role = (
        "admin"
        if user.is_superuser
        else ", ".join(sorted(g.name for g in user.groups.all())) or "none"
    )
    permissions = sorted(
        p.removeprefix("news.") for p in user.get_all_permissions() if p.startswith("news.")
    )
    return {"username": user.get_username(), "role": role, "permissions": permissions}


@router.get("/articles", response={200: DeskArticlePage, **READ_ERRORS}, summary="List articles")
def admin_list_articles(request: HttpRequest, filters: Query[DeskFilters]) -> dict[str, Any]:
    """Articles in every state that the token's user may see, newest first: every
    article for an editor, their own for a contributor."""
    only_query(request, DeskFilters)
    rows = present.with_relations(
        permissions.visible_articles(_user(request), Article.objects.all())
    )
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.q is not None:
        parsed = parse(filters.q)
        matching = find.matching(parsed, public_only=False)
        rows = rows.filter(pk__in=matching) if parsed else rows.none()
    if filters.before is not None:
        rows = rows.filter(pk__lt=filters.before)
    found = list(rows.order_by("-id")[: filters.limit + 1])
    more = len(found) > filters.limit
    found = found[: filters.limit]
    return {
        "items": [present.desk_article(a, viewer=_user(request)) for a in found],
        "next_cursor": found[-1].pk if more else None,
    }


@router.get(
    "/articles/{id}", response={200: DeskArticleOut, **READ_ERRORS}, summary="Get an article"
)
def admin_get_article(request: HttpRequest, id: ArticleId) -> dict[str, Any]:
    only_query(request)
    _visible(request, id)
    return _fresh(id, request)


@router.post("/articles", response={201: DeskArticleOut, **WRITE_ERRORS}, summary="Create a draft")
def admin_create_draft(request: HttpRequest, payload: DraftIn) -> Status[dict[str, Any]]:
    only_query(request)
    article = actions.create_draft(
        headline=payload.headline,
        lede=payload.lede,
        body=payload.body,
        tags=payload.tags,
        authors=_authors(payload.authors),
        sources=_sources(payload.sources),
        is_breaking=payload.is_breaking,
        language=payload.language,
        slug=payload.slug,
        user=_user(request),
    )
    return Status(201, _fresh(article.pk, request))


@router.patch("/articles/{id}", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Update")
def admin_update_article(request: HttpRequest, id: ArticleId, payload: UpdateIn) -> dict[str, Any]:
    """Edit a draft, or make a minor edit to a published article ("Updated")."""
    only_query(request)
    changes = _changes(payload)
    if not changes:
        # An empty edit would still mark a published article "Updated".
        raise Problem(400, _("Send at least one field to change besides the version."))
    article = actions.update(
        _article(id), user=_user(request), expected_version=payload.version, **changes
    )
    return _fresh(article.pk, request)


@router.post(
    "/articles/{id}/translate",
    response={201: DeskArticleOut, **WRITE_ERRORS},
    summary="Start a translation",
    description="A new draft in another of the site's languages, linked to this update, "
    "with its text (to be replaced), sources, tags and authors.",
)
def admin_translate_article(
    request: HttpRequest, id: ArticleId, payload: TranslateIn
) -> Status[dict[str, Any]]:
    only_query(request)
    draft = actions.translate(_article(id), language=payload.language, user=_user(request))
    return Status(201, _fresh(draft.pk, request))


@router.post(
    "/articles/{id}/submit",
    response={200: DeskArticleOut, **WRITE_ERRORS},
    summary="Submit for review",
)
def admin_submit_article(
    request: HttpRequest, id: ArticleId, payload: Body[StepIn | None] = None
) -> dict[str, Any]:
    only_query(request)
    actions.submit(
        _article(id), user=_user(request), expected_version=payload.version if payload else None
    )
    return _fresh(id, request)


@router.post(
    "/articles/{id}/publish", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Publish now"
)
def admin_publish_article(
    request: HttpRequest, id: ArticleId, payload: Body[StepIn | None] = None
) -> dict[str, Any]:
    only_query(request)
    actions.publish(
        _article(id), user=_user(request), expected_version=payload.version if payload else None
    )
    return _fresh(id, request)


@router.post(
    "/articles/{id}/schedule", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Schedule"
)
def admin_schedule_article(
    request: HttpRequest, id: ArticleId, payload: ScheduleIn
) -> dict[str, Any]:
    only_query(request)
    actions.schedule(
        _article(id),
        publish_at=payload.publish_at,
        user=_user(request),
        expected_version=payload.version,
    )
    return _fresh(id, request)


@router.post(
    "/articles/{id}/correct", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Correct"
)
def admin_correct_article(
    request: HttpRequest, id: ArticleId, payload: CorrectIn
) -> dict[str, Any]:
    """Publish a correction: a public note, with the fix itself if given."""
    only_query(request)
    actions.correct(
        _article(id),
        note=payload.note,
        user=_user(request),
        expected_version=payload.version,
        **_changes(payload),
    )
    return _fresh(id, request)


@router.post(
    "/articles/{id}/unpublish", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Unpublish"
)
def admin_unpublish_article(
    request: HttpRequest, id: ArticleId, payload: Body[StepIn | None] = None
) -> dict[str, Any]:
    only_query(request)
    article = _article(id)
    _check_version(article, payload)
    actions.unpublish(article, user=_user(request))
    return _fresh(id, request)


@router.post("/articles/{id}/pin", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Pin")
def admin_pin_article(
    request: HttpRequest, id: ArticleId, payload: Body[StepIn | None] = None
) -> dict[str, Any]:
    only_query(request)
    article = _article(id)
    _check_version(article, payload)
    actions.pin(article, user=_user(request))
    return _fresh(id, request)


@router.post(
    "/articles/{id}/unpin", response={200: DeskArticleOut, **WRITE_ERRORS}, summary="Unpin"
)
def admin_unpin_article(
    request: HttpRequest, id: ArticleId, payload: Body[StepIn | None] = None
) -> dict[str, Any]:
    only_query(request)
    article = _article(id)
    _check_version(article, payload)
    actions.unpin(article, user=_user(request))
    return _fresh(id, request)


@router.post(
    "/articles/{id}/restore",
    response={200: DeskArticleOut, **WRITE_ERRORS},
    summary="Restore a revision",
)
def admin_restore_article(
    request: HttpRequest, id: ArticleId, payload: RestoreIn
) -> dict[str, Any]:
    """Make an earlier revision's text current again, as a new revision."""
    only_query(request)
    actions.restore(
        _article(id),
        number=payload.revision,
        user=_user(request),
        expected_version=payload.version,
    )
    return _fresh(id, request)


def _check_version(article: Article, payload: StepIn | None) -> None:
    """unpublish, pin and unpin take no version; check it here when one is given.

    (The action still locks the row; this only refuses a step someone decided on
    from an older version.)
    """
    if payload and payload.version is not None and payload.version != article.version:
        raise Problem(
            409,
            _(
                "Someone else saved this article (version %(current)d) after you opened "
                "version %(opened)d. Reload it to see their changes before saving yours."
            )
            % {"current": article.version, "opened": payload.version},
            kind="stale-version",
        )
