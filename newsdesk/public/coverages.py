"""Live coverage pages: ``/live/<slug>/``, one running story.

The same cards, "Show More" pages and live insertion as the News Feed, for
the updates added to one coverage; above them the coverage's state ("Live"
or "This coverage has ended"), its key points and lead image, and its own
pinned update. ``live.js`` follows ``/live?coverage=<slug>``, which sends
only this coverage's updates and its own events. The ASGI front answers
``/live`` and ``/live/desk`` itself; every other path under ``/live/``
reaches Django (and no coverage is called ``desk``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.cache import deps
from newsdesk.cache.deps import depends_on
from newsdesk.feeds.conditional import conditional
from newsdesk.news.models import Article, Coverage
from newsdesk.news.pagination import page

from .views import _bad_cursor, _bad_request, _cursor, cards, live_position, page_language


def _pinned(coverage: Coverage) -> Article | None:
    if coverage.pinned_id is None:
        return None
    return cards().filter(pk=coverage.pinned_id, coverages=coverage).first()


@conditional
def coverage(request: HttpRequest, slug: str) -> HttpResponse:
    found = Coverage.objects.select_related("image").filter(slug=slug).first()
    if found is None:
        raise Http404
    if _bad_cursor(request):
        return _bad_request(request)
    cursor = _cursor(request)
    pinned = _pinned(found) if cursor is None else None
    shown = cards().filter(coverages=found)
    if found.pinned_id is not None:  # on the first page only, above the list
        shown = shown.exclude(pk=found.pinned_id)
    size = settings.NEWSDESK_PAGE_SIZE
    items, next_cursor = page(shown, cursor, size - 1 if pinned else size)
    response = render(
        request,
        "public/coverage.html",
        {
            "coverage": found,
            "pinned": pinned,
            "articles": items,
            "next_cursor": next_cursor,
            "cursor": cursor,
            "live_position": live_position(request),
            "live_coverage": found.slug,
            # An ended coverage takes no new updates: nothing to insert.
            "live_insert": found.is_open,
            "canonical": found.get_absolute_url(),
            **page_language(found.language),
        },
    )
    if cursor is not None:
        return response
    return depends_on(response, [deps.coverage(found.slug)])
