"""Reader pages: the News Feed, an article, tag and author pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from newsdesk.cache import deps
from newsdesk.cache.deps import depends_on
from newsdesk.feeds.conditional import conditional, state_of
from newsdesk.news import actions, embeds, languages
from newsdesk.news.models import (
    Article,
    ArticleAuthor,
    Author,
    Coverage,
    LegacyUrl,
    OldSlug,
    Tag,
)
from newsdesk.news.pagination import BadCursor, Cursor, page
from newsdesk.search import find
from newsdesk.site import current as site_settings

from .middleware import allow_frames

CARD_FIELDS = (
    "id",
    "headline",
    "slug",
    "lede",
    "status",
    "published_at",
    "updated_at",
    "reading_time",
    "is_breaking",
    "is_pinned",
    "language",
    "version",
    "image",  # the featured image, joined (select_related) where cards are read
    "image_alt",
)
RELATED_COUNT = 4
#: How many open live coverages the News Feed's strip names.
COVERAGE_STRIP = 6
RELATED_WINDOW = 500


def card_tags() -> Prefetch:
    """The tags a card shows, fetched for a whole page in one query."""
    return Prefetch("tags", queryset=Tag.objects.only("id", "name", "slug").order_by("name"))


def cards() -> QuerySet[Article]:
    """Published articles with what a card shows, in a constant number of queries."""
    return (
        Article.published.only(*CARD_FIELDS).select_related("image").prefetch_related(card_tags())
    )


def pinned_card() -> Article | None:
    """The pinned update, if any.

    ``pinned_at`` is set exactly while an article is pinned, and only
    published articles can be (``actions.pin``; unpublishing unpins). The
    query walks the ``pinned_at`` index alone: with the status condition
    too, SQLite prefers the status index and sorts every published row.
    """
    found = (
        Article.objects.only(*CARD_FIELDS)
        .select_related("image")
        .prefetch_related(card_tags())
        .filter(pinned_at__isnull=False)
        .order_by("-pinned_at")
        .first()
    )
    return found if found is not None and found.is_published else None


def open_coverages() -> list[Coverage]:
    """The open live coverages, newest first, for the strip at the top of the
    News Feed (one query on ``coverage_open_idx``)."""
    return list(
        Coverage.objects.filter(ended_at__isnull=True)
        .only("id", "slug", "title", "started_at", "language")
        .order_by("-started_at", "-id")[:COVERAGE_STRIP]
    )


def live_position(request: HttpRequest) -> int:
    """Where the page's live stream resumes: the newest public outbox id, read
    with the page's validators before any of its own queries. An update
    published while the page renders is then sent by the stream too (the
    page skips one it already shows), never lost between the two."""
    return state_of(request).last_event


def _cursor(request: HttpRequest) -> Cursor | None:
    raw = request.GET.get("before")
    if raw is None:
        return None
    try:
        return Cursor.decode(raw)
    except BadCursor:
        return None


def _bad_cursor(request: HttpRequest) -> bool:
    return "before" in request.GET and _cursor(request) is None


def _bad_request(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/bad_request.html",
        {"message": _("That link to older updates is not valid. Start from the newest.")},
        status=400,
    )


def listed_language(language: str | None) -> str | None:
    """Which language a News Feed lists: the one in its address (``/uk/``);
    at ``/``, the default language when the site has several, else every
    update. Raises 404 for a language the site does not publish in."""
    site = languages.site_languages()
    if language is None:
        return site[0] if len(site) > 1 else None
    found = languages.in_site(language, site)
    if found is None or found.lower() != language:
        raise Http404
    return found


def language_pages() -> list[dict[str, str]]:
    """Each language's News Feed, for the ``hreflang`` links of a site with several."""
    site = languages.site_languages()
    if len(site) < 2:
        return []
    return [
        {"code": code, "name": languages.name_local(code), "url": feed_url(code)} for code in site
    ]


def feed_url(code: str) -> str:
    """``/`` for the default language, ``/uk/`` for the others."""
    return "/" if code == languages.default_language() else f"/{code.lower()}/"


def home(request: HttpRequest) -> HttpResponseBase:
    """The News Feed at ``/``; ``/?p=ID``, an imported WordPress post's old
    address, answers 301 to its page here."""
    if "p" in request.GET:
        moved = _legacy(request)
        if moved is not None:
            return HttpResponsePermanentRedirect(moved)
    return feed(request)


@conditional
def feed(request: HttpRequest, language: str | None = None) -> HttpResponse:
    if _bad_cursor(request):
        return _bad_request(request)
    listed = listed_language(language)
    cursor = _cursor(request)
    size = settings.NEWSDESK_PAGE_SIZE
    pinned = None
    if cursor is None:
        pinned = pinned_card()
        if pinned is not None and listed is not None and pinned.language != listed:
            pinned = None
    shown = cards().filter(is_pinned=False)
    if listed is not None:
        shown = shown.filter(language=listed)
    items, next_cursor = page(shown, cursor, size - 1 if pinned else size)
    response = render(
        request,
        "public/feed.html",
        {
            "pinned": pinned,
            "open_coverages": open_coverages() if cursor is None else [],
            "live_insert": True,
            "live_language": listed or "",
            "articles": items,
            "next_cursor": next_cursor,
            "cursor": cursor,
            "live_position": live_position(request),
            "canonical": feed_url(listed) if listed else "/",
            "language_pages": language_pages(),
            **(page_language(listed) if language is not None and listed else {}),
        },
    )
    if cursor is not None:
        return response
    # ``/`` goes with every publication (it may list them all); a language's
    # page with that language's (``deps.language``, see cache.invalidation).
    return depends_on(
        response,
        [deps.ALL if language is None else deps.language(listed or ""), deps.COVERAGES],
    )


def page_language(code: str) -> dict[str, str]:
    """``<html lang dir>`` for a page in one language (an article, a language's feed)."""
    return {"page_language": code, "page_direction": languages.direction(code)}


@conditional
def article(request: HttpRequest, slug: str) -> HttpResponse:
    bylines = ArticleAuthor.objects.select_related("author").order_by("position", "id")
    queryset = (
        Article.objects.exclude(
            status__in=[Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SCHEDULED]
        )
        .select_related("image")
        .prefetch_related(
            Prefetch("bylines", queryset=bylines),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            "sources",
            "corrections",
            Prefetch("coverages", queryset=Coverage.objects.only("id", "slug", "title")),
        )
    )
    item = get_object_or_404(queryset, slug=slug)
    if item.status == Article.Status.UNPUBLISHED:
        return render(request, "public/gone.html", {"article": item}, status=410)
    more, filled = related(item)
    others = list(
        actions.translations(item)
        .filter(status=Article.Status.PUBLISHED)
        .only("id", "slug", "language", "headline", "translation_of_id")
    )
    # An update without a byline shows the desk's own card (site settings).
    desk_author = (
        None if item.bylines.all() else site_settings.default_author(site_settings.of(request))
    )
    body, frames = embeds.page_body(item.body_html)
    response = render(
        request,
        "public/article.html",
        {
            "article": item,
            "body": body,
            "related": more,
            "live_position": live_position(request),
            "desk_author": desk_author,
            "translations": [
                {
                    "article": a,
                    "read_in": languages.read_in(a.language),
                    "dir": languages.direction(a.language),
                }
                for a in others
            ],
            **page_language(item.language),
        },
    )
    allow_frames(response, frames)
    shown = [deps.article(a.pk) for a in [item, *more, *others]]
    lists = [deps.tag(t.slug) for t in item.tags.all()] + ([deps.ALL] if filled else [])
    group = [deps.translations(item.translation_of_id or item.pk)]
    parts = [deps.coverage(c.slug) for c in item.coverages.all()]  # "Part of: <title>"
    return depends_on(response, shown + lists + group + parts)


def related(item: Article) -> tuple[list[Article], bool]:
    """3-4 other published updates: most shared tags first, then earlier
    updates whose words are like this one's (the search index: its headline,
    tags and lede against theirs), then the newest.

    Candidates are the ``RELATED_WINDOW`` updates published just before and
    just after this one (two index range scans), so the cost stays the same
    however large the archive grows. Also says whether the newest were needed
    to fill the list (then the choice depends on every publication).
    """
    tag_ids = [t.pk for t in item.tags.all()]
    picked: list[Article] = []
    if tag_ids and item.published_at is not None:
        when = item.published_at
        rows = Article.published.values("id")
        # The plain range on published_at lets the index do the work; the OR
        # only settles ties.
        before = rows.filter(published_at__lte=when).filter(
            Q(published_at__lt=when) | Q(id__lt=item.pk)
        )
        after = rows.filter(published_at__gte=when).filter(
            Q(published_at__gt=when) | Q(id__gt=item.pk)
        )
        # Counted in the database: the window's ids never come to Python.
        best = list(
            Article.tags.through.objects.filter(  # type: ignore[misc]  # n: the count below
                Q(article_id__in=before.order_by("-published_at", "-id")[:RELATED_WINDOW])
                | Q(article_id__in=after.order_by("published_at", "id")[:RELATED_WINDOW]),
            )
            .values("article_id")
            # The tag condition inside the count, not in WHERE: there it made
            # SQLite start from every row of the tag (a popular tag has tens
            # of thousands at a million articles) instead of the window.
            .annotate(n=Count("tag_id", filter=Q(tag_id__in=tag_ids)))
            .filter(n__gt=0)
            .order_by("-n", "-article__published_at", "-article_id")
            .values_list("article_id", flat=True)[:RELATED_COUNT]
        )
        # By primary key alone: the window holds published articles only, and
        # with the status condition too SQLite walks the status index instead.
        chosen = (
            Article.objects.only(*CARD_FIELDS).select_related("image").prefetch_related(card_tags())
        )
        found = {a.pk: a for a in chosen.filter(pk__in=best)}
        picked = [found[pk] for pk in best if pk in found]
    if len(picked) < RELATED_COUNT:
        picked += _similar(item, {item.pk, *(a.pk for a in picked)}, RELATED_COUNT - len(picked))
    if len(picked) >= RELATED_COUNT:
        return picked, False
    seen = [item.pk, *(a.pk for a in picked)]
    picked += list(
        cards().exclude(pk__in=seen).order_by("-published_at", "-id")[: RELATED_COUNT - len(picked)]
    )
    return picked, True


def _similar(item: Article, seen: set[int], count: int) -> list[Article]:
    """Up to ``count`` updates like this one in words, in two queries (and
    their tags). Only earlier ones are asked, so the list does not move
    each time something new is published."""
    ids = [pk for pk in find.similar(item, count + len(seen)) if pk not in seen][:count]
    if not ids:
        return []
    chosen = (
        Article.objects.only(*CARD_FIELDS).select_related("image").prefetch_related(card_tags())
    )
    found = chosen.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _listing(
    request: HttpRequest,
    template: str,
    queryset: QuerySet[Article],
    context: dict[str, Any],
    dep: str,
) -> HttpResponse:
    if _bad_cursor(request):
        return _bad_request(request)
    cursor = _cursor(request)
    items, next_cursor = page(queryset, cursor, settings.NEWSDESK_PAGE_SIZE)
    response = render(
        request,
        template,
        {
            **context,
            "articles": items,
            "next_cursor": next_cursor,
            "cursor": cursor,
            "live_position": live_position(request),
        },
    )
    return depends_on(response, [dep]) if cursor is None else response


def _moved(model: type[Tag] | type[Author], kind: str, slug: str) -> HttpResponse:
    """A renamed or merged tag's (or author's) old URL: 301 to where it went."""
    old = OldSlug.objects.filter(kind=kind, slug=slug).values_list("target_id", flat=True).first()
    target = model.objects.filter(pk=old).first() if old is not None else None
    if target is None:
        raise Http404
    return HttpResponsePermanentRedirect(target.get_absolute_url())


@conditional
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    found = Tag.objects.filter(slug=slug).first()
    if found is None:
        return _moved(Tag, OldSlug.Kind.TAG, slug)
    return _listing(
        request,
        "public/tag.html",
        cards().filter(tags=found),
        {"tag": found, "live_tag": found.slug, "live_insert": True},
        deps.tag(found.slug),
    )


@conditional
def author(request: HttpRequest, slug: str) -> HttpResponse:
    found = Author.objects.filter(slug=slug).first()
    if found is None:
        return _moved(Author, OldSlug.Kind.AUTHOR, slug)
    return _listing(
        request,
        "public/author.html",
        cards().filter(authors=found),
        {"author": found},
        deps.author(found.slug),
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    moved = _legacy(request)
    if moved is not None:
        return HttpResponsePermanentRedirect(moved)
    return render(request, "404.html", status=404)


def _legacy(request: HttpRequest) -> str | None:
    """Where an imported article's old address now lives (WordPress's dated
    permalinks and ``?p=ID``; Ghost's ``/<slug>/``), if this is one."""
    if request.method not in ("GET", "HEAD"):
        return None
    candidates = [request.path]
    post = request.GET.get("p", "")
    if post.isdigit() and len(post) < 19:
        candidates.append(f"/?p={post}")
    found = (
        LegacyUrl.objects.filter(path__in=candidates, article__status=Article.Status.PUBLISHED)
        .select_related("article")
        .first()
    )
    return found.article.get_absolute_url() if found else None
