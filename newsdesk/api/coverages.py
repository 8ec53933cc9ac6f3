"""Live coverages on the API: read them on the Content API, manage them on the
Admin API.

The Content API lists every coverage (open ones and ended ones) and counts
their published updates; ``/content/articles?coverage=<slug>`` lists those
updates. The Admin API calls ``news.actions`` (``open_coverage``,
``update_coverage``, ``end_coverage``, ``reopen_coverage``,
``add_to_coverage``, ``remove_from_coverage``, ``pin_in_coverage``) as the
token's user, so the actions' rules and messages are the desk's: editors
manage coverages, whoever may edit an update may add it to an open one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from newsdesk.news import actions, permissions
from newsdesk.news.models import Article, Coverage

from . import present
from .admin_api import READ_ERRORS, WRITE_ERRORS, ArticleId
from .auth import AdminToken, Caller, ContentKey
from .problems import Problem, ProblemOut, only_query
from .records import RecordFilters, _desk_member, _nothing_sent
from .schemas import (
    CoverageArticleIn,
    CoverageChangesIn,
    CoverageIn,
    CoverageOut,
    CoveragePage,
    CoveragePinIn,
    Slug,
)

content = Router(auth=ContentKey(), tags=["content"])
admin = Router(auth=AdminToken(), tags=["admin"])

CONTENT_ERRORS = {code: ProblemOut for code in (400, 401, 403, 404, 429)}
PUBLISHED = Q(articles__status=Article.Status.PUBLISHED)


def _coverages(counted: Q | None = None) -> QuerySet[Coverage]:
    return Coverage.objects.select_related("image").annotate(
        article_count=Count("articles", filter=counted)
    )


def _out(item: Coverage) -> dict[str, Any]:
    return present.coverage(item, item.article_count)  # type: ignore[attr-defined]


def _page(rows: QuerySet[Coverage], filters: RecordFilters) -> dict[str, Any]:
    """Keyset pages by id, like the other records."""
    if filters.after is not None:
        rows = rows.filter(pk__gt=filters.after)
    found = list(rows.order_by("pk")[: filters.limit + 1])
    more = len(found) > filters.limit
    found = found[: filters.limit]
    return {"items": [_out(c) for c in found], "next_cursor": found[-1].pk if more else None}


# Content API ----------------------------------------------------------------


@content.get("/coverages", response={200: CoveragePage, **CONTENT_ERRORS}, summary="Coverages")
def content_list_coverages(request: HttpRequest, filters: Query[RecordFilters]) -> dict[str, Any]:
    """Every live coverage, oldest first, with how many published updates each holds."""
    only_query(request, RecordFilters)
    return _page(_coverages(PUBLISHED), filters)


@content.get(
    "/coverages/{slug}",
    response={200: CoverageOut, **CONTENT_ERRORS},
    summary="Get a live coverage",
)
def content_get_coverage(request: HttpRequest, slug: Path[Slug]) -> dict[str, Any]:
    only_query(request)
    found = _coverages(PUBLISHED).filter(slug=slug).first()
    if found is None:
        raise Http404
    return _out(found)


# Admin API ------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    caller: Caller = request.auth  # type: ignore[attr-defined]
    return caller.user


def _coverage(pk: int) -> Coverage:
    found = _coverages().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _fresh(pk: int) -> dict[str, Any]:
    return _out(_coverage(pk))


def _update_of(request: HttpRequest, pk: int) -> Article:
    """An update the caller may see; one they may not answers like a missing one."""
    found = permissions.visible_articles(_user(request), Article.objects.all()).filter(pk=pk)
    article = found.first()
    if article is None:
        raise Problem(
            400,
            "Some fields need attention.",
            errors=[{"location": "body", "field": "article", "detail": f"No update has id {pk}."}],
        )
    return article


@admin.get("/coverages", response={200: CoveragePage, **READ_ERRORS}, summary="List coverages")
def admin_list_coverages(request: HttpRequest, filters: Query[RecordFilters]) -> dict[str, Any]:
    """Every live coverage, oldest first, with how many updates (any state) each holds."""
    only_query(request, RecordFilters)
    _desk_member(request)
    return _page(_coverages(), filters)


@admin.get("/coverages/{id}", response={200: CoverageOut, **READ_ERRORS}, summary="Get one")
def admin_get_coverage(request: HttpRequest, id: ArticleId) -> dict[str, Any]:
    only_query(request)
    _desk_member(request)
    return _fresh(id)


@admin.post("/coverages", response={201: CoverageOut, **WRITE_ERRORS}, summary="Open one")
def admin_open_coverage(request: HttpRequest, payload: CoverageIn) -> Status[dict[str, Any]]:
    """Open a live coverage at `/live/<slug>/` (the slug comes from the title)."""
    only_query(request)
    coverage = actions.open_coverage(
        title=payload.title,
        key_points=payload.key_points,
        language=payload.language,
        started_at=payload.started_at,
        user=_user(request),
    )
    return Status(201, _fresh(coverage.pk))


@admin.patch("/coverages/{id}", response={200: CoverageOut, **WRITE_ERRORS}, summary="Change")
def admin_update_coverage(
    request: HttpRequest, id: ArticleId, payload: CoverageChangesIn
) -> dict[str, Any]:
    """Change the title, key points, language or start; the slug stays."""
    only_query(request)
    names = ("title", "key_points", "language", "started_at")
    changes = {n: getattr(payload, n) for n in names if getattr(payload, n) is not None}
    if not changes:
        raise _nothing_sent()
    coverage = actions.update_coverage(
        _coverage(id), user=_user(request), expected_version=payload.version, **changes
    )
    return _fresh(coverage.pk)


@admin.post("/coverages/{id}/end", response={200: CoverageOut, **WRITE_ERRORS}, summary="End")
def admin_end_coverage(request: HttpRequest, id: ArticleId) -> dict[str, Any]:
    """End the coverage: its page says so, and it takes no new updates."""
    only_query(request)
    actions.end_coverage(_coverage(id), user=_user(request))
    return _fresh(id)


@admin.post("/coverages/{id}/reopen", response={200: CoverageOut, **WRITE_ERRORS}, summary="Reopen")
def admin_reopen_coverage(request: HttpRequest, id: ArticleId) -> dict[str, Any]:
    only_query(request)
    actions.reopen_coverage(_coverage(id), user=_user(request))
    return _fresh(id)


@admin.post(
    "/coverages/{id}/articles",
    response={200: CoverageOut, **WRITE_ERRORS},
    summary="Add an update",
)
def admin_add_to_coverage(
    request: HttpRequest, id: ArticleId, payload: CoverageArticleIn
) -> dict[str, Any]:
    """Add an update (an edit of it: whoever may edit it may); an ended
    coverage refuses."""
    only_query(request)
    coverage = _coverage(id)
    actions.add_to_coverage(_update_of(request, payload.article), coverage, user=_user(request))
    return _fresh(id)


@admin.delete(
    "/coverages/{id}/articles/{article}",
    response={200: CoverageOut, **WRITE_ERRORS},
    summary="Remove an update",
)
def admin_remove_from_coverage(
    request: HttpRequest, id: ArticleId, article: ArticleId
) -> dict[str, Any]:
    only_query(request)
    coverage = _coverage(id)
    actions.remove_from_coverage(_update_of(request, article), coverage, user=_user(request))
    return _fresh(id)


@admin.post("/coverages/{id}/pin", response={200: CoverageOut, **WRITE_ERRORS}, summary="Pin")
def admin_pin_in_coverage(
    request: HttpRequest, id: ArticleId, payload: CoveragePinIn
) -> dict[str, Any]:
    """Pin one of its published updates on its page (`null` unpins)."""
    only_query(request)
    coverage = _coverage(id)
    article = _update_of(request, payload.article) if payload.article is not None else None
    actions.pin_in_coverage(coverage, article, user=_user(request))
    return _fresh(id)
