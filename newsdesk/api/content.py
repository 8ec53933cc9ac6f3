"""The Content API: published articles, tags and authors, read-only.

Open to anyone, or only to content keys and admin tokens when
``NEWSDESK_API_CONTENT_KEYS_REQUIRED`` is set. Drafts, scheduled and
withdrawn articles do not exist here.
"""

from __future__ import annotations

from typing import Annotated

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils.http import urlencode
from ninja import Path, Query, Router
from pydantic import Field

from newsdesk.news.models import Article, Author, Event, Tag
from newsdesk.news.pagination import BadCursor, Cursor, page
from newsdesk.search import find
from newsdesk.search.query import MAX_LENGTH, parse

from . import present
from .auth import ContentKey
from .problems import Problem, ProblemOut, only_query
from .schemas import (
    CURSOR_PATTERN,
    LANGUAGE_PATTERN,
    MAX_ID,
    ArticleOut,
    ArticlePage,
    AuthorPage,
    Input,
    Moment,
    Slug,
    TagPage,
)

router = Router(auth=ContentKey(), tags=["content"])

ERRORS = {code: ProblemOut for code in (400, 401, 403, 404, 429)}
Limit = Annotated[int, Field(ge=1, le=100)]


class ArticleFilters(Input):
    q: str | None = Field(
        default=None,
        max_length=MAX_LENGTH,
        description=(
            "Only articles matching these words (headline, lede, body, tags, authors, "
            'outlets): `"a phrase"`, `-word` to leave out, `a OR b`; the last word also '
            "matches longer words. Still newest first."
        ),
    )
    tag: Slug | None = Field(default=None, description="Only articles with this tag (slug).")
    author: Slug | None = Field(default=None, description="Only articles by this author (slug).")
    coverage: Slug | None = Field(
        default=None, description="Only the updates of this live coverage (slug)."
    )
    language: str | None = Field(default=None, max_length=16, pattern=LANGUAGE_PATTERN)
    breaking: bool | None = Field(default=None, description="Only breaking (or other) news.")
    since: Moment | None = Field(default=None, description="Published at or after this time.")
    after_event: int | None = Field(
        default=None,
        ge=0,
        le=MAX_ID,
        description="Only articles changed by a public outbox event after this id.",
    )
    before: str | None = Field(
        default=None, pattern=CURSOR_PATTERN, description="`next_cursor` of the previous page."
    )
    limit: Limit | None = Field(default=None, description="Articles per page, 1-100.")


class ListFilters(Input):
    after: Slug | None = Field(default=None, description="`next_cursor` of the previous page.")
    limit: Limit | None = None


def _published() -> QuerySet[Article]:
    return present.with_relations(Article.published.all())


def _last_public_event() -> int:
    found = Event.objects.filter(public=True).order_by("-id").values_list("id", flat=True).first()
    return int(found or 0)


@router.get("/articles", response={200: ArticlePage, **ERRORS}, summary="List articles")
def content_list_articles(
    request: HttpRequest, filters: Query[ArticleFilters]
) -> dict[str, object]:
    """Published articles, newest first, a page at a time (keyset on publication time)."""
    only_query(request, ArticleFilters)
    last_event = _last_public_event()  # read first: a change after it is never missed
    articles = _published()
    if filters.tag is not None:
        articles = articles.filter(tags__slug=filters.tag)
    if filters.author is not None:
        articles = articles.filter(bylines__author__slug=filters.author)
    if filters.coverage is not None:
        articles = articles.filter(coverages__slug=filters.coverage)
    if filters.language is not None:
        articles = articles.filter(language=filters.language)
    if filters.breaking is not None:
        articles = articles.filter(is_breaking=filters.breaking)
    if filters.since is not None:
        articles = articles.filter(published_at__gte=filters.since)
    if filters.q is not None:
        parsed = parse(filters.q)
        articles = (
            articles.filter(pk__in=find.matching(parsed, public_only=True))
            if parsed
            else articles.none()
        )
    if filters.after_event is not None:
        changed = Event.objects.filter(
            public=True, id__gt=filters.after_event, article_id=OuterRef("pk")
        )
        articles = articles.filter(Exists(changed))
    cursor = None
    if filters.before is not None:
        try:
            cursor = Cursor.decode(filters.before)
        except BadCursor as exc:
            raise Problem(
                400,
                "That cursor is not valid; start from the first page.",
                errors=[{"location": "query", "field": "before", "detail": "Not a cursor."}],
            ) from exc
    size = filters.limit or settings.NEWSDESK_PAGE_SIZE
    items, next_cursor = page(articles, cursor, size)
    next_url = None
    if next_cursor is not None:
        params = {k: str(v) for k, v in request.GET.items() if k != "before"}
        params["before"] = next_cursor.encode()
        next_url = present.absolute(request.path + "?" + urlencode(sorted(params.items())))
    return {
        "items": [present.article(a) for a in items],
        "next_cursor": next_cursor.encode() if next_cursor else None,
        "next": next_url,
        "last_event": last_event,
    }


@router.get("/articles/{id}", response={200: ArticleOut, **ERRORS}, summary="Get an article")
def content_get_article(
    request: HttpRequest, id: Path[Annotated[int, Field(ge=1, le=MAX_ID)]]
) -> dict[str, object]:
    only_query(request)
    found = _published().filter(pk=id).first()
    if found is None:
        raise Http404
    return present.article(found)


@router.get(
    "/articles/slug/{slug}",
    response={200: ArticleOut, **ERRORS},
    summary="Get an article by its slug",
)
def content_get_article_by_slug(request: HttpRequest, slug: Path[Slug]) -> dict[str, object]:
    only_query(request)
    found = _published().filter(slug=slug).first()
    if found is None:
        raise Http404
    return present.article(found)


@router.get("/tags", response={200: TagPage, **ERRORS}, summary="List tags")
def content_list_tags(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, object]:
    """Tags of published articles, by slug."""
    only_query(request, ListFilters)
    tags = Tag.objects.filter(Exists(Article.published.filter(tags=OuterRef("pk"))))
    if filters.after is not None:
        tags = tags.filter(slug__gt=filters.after)
    size = filters.limit or settings.NEWSDESK_PAGE_SIZE
    rows = list(tags.order_by("slug")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return {
        "items": [present.tag(t) for t in rows],
        "next_cursor": rows[-1].slug if more else None,
    }


@router.get("/authors", response={200: AuthorPage, **ERRORS}, summary="List authors")
def content_list_authors(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, object]:
    """Authors with at least one published article, by slug."""
    only_query(request, ListFilters)
    bylined = Article.published.filter(bylines__author=OuterRef("pk"))
    authors = Author.objects.filter(Exists(bylined))
    if filters.after is not None:
        authors = authors.filter(slug__gt=filters.after)
    size = filters.limit or settings.NEWSDESK_PAGE_SIZE
    rows = list(authors.order_by("slug")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return {
        "items": [present.author(a) for a in rows],
        "next_cursor": rows[-1].slug if more else None,
    }
