"""Feeds for the site, each tag, author and live coverage, in RSS, Atom and JSON Feed."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.translation import gettext as _

from newsdesk.cache import deps
from newsdesk.cache.deps import depends_on
from newsdesk.news import languages
from newsdesk.news.models import Author, Coverage, Tag
from newsdesk.news.pagination import BadCursor, Cursor
from newsdesk.site import current as site_settings

from . import atom, jsonfeed, rss, websub
from .conditional import conditional, public_cache, read_state
from .entries import FORMATS, Channel, Person, Scope, absolute, read

RENDERERS = {"rss": rss.render, "atom": atom.render, "json": jsonfeed.render}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def icon_url() -> str:
    return absolute(static("feeds/icon.png"))


def _render(request: HttpRequest, scope: Scope, fmt: str) -> HttpResponse:
    raw = request.GET.get("before")
    cursor = None
    if raw is not None:
        try:
            cursor = Cursor.decode(raw)
        except BadCursor:
            return HttpResponseBadRequest(
                _("That link to older updates is not valid. Start from the newest."),
                content_type="text/plain; charset=utf-8",
            )
    entries, next_cursor = read(scope, cursor, settings.NEWSDESK_FEED_SIZE)
    first_page = absolute(scope.feed_path(fmt))
    self_url = f"{first_page}?before={cursor.encode()}" if cursor else first_page
    updated = max((e.updated for e in entries), default=None)
    if updated is None:  # nothing to list: the last change that emptied it
        updated = read_state().last_modified or _EPOCH
    channel = Channel(
        id=absolute(scope.page_path),
        title=scope.title,
        description=scope.description,
        home_url=absolute(scope.page_path),
        self_url=self_url,
        next_url=f"{first_page}?before={next_cursor.encode()}" if next_cursor else None,
        hub=websub.hub(),
        language=scope.language or site_settings.current().language,
        updated=updated,
        publisher=Person(site_settings.current().name, absolute("/")),
        icon=icon_url(),
    )
    response = HttpResponse(
        RENDERERS[fmt](channel, entries), content_type=f"{FORMATS[fmt][1]}; charset=utf-8"
    )
    response.headers["Link"] = websub.link_header(self_url)
    return response


def _cached(request: HttpRequest, response: HttpResponse, dep: str) -> HttpResponse:
    """First pages of feeds are kept by the page cache until ``dep`` changes."""
    if "before" not in request.GET:
        depends_on(response, [dep])
    return response


@conditional
def site_feed(request: HttpRequest, fmt: str) -> HttpResponse:
    return _cached(request, _render(request, Scope.site(), fmt), deps.ALL)


@conditional
def language_feed(request: HttpRequest, language: str, fmt: str) -> HttpResponse:
    """One language's updates (``/uk/rss.xml``), for a language the site publishes in."""
    found = languages.in_site(language)
    if found is None or found.lower() != language:
        raise Http404
    scope = Scope.for_language(found)
    return _cached(request, _render(request, scope, fmt), deps.language(found))


@conditional
def tag_feed(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    found = get_object_or_404(Tag, slug=slug)
    return _cached(request, _render(request, Scope.for_tag(found), fmt), deps.tag(found.slug))


@conditional
def author_feed(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    found = get_object_or_404(Author, slug=slug)
    return _cached(request, _render(request, Scope.for_author(found), fmt), deps.author(found.slug))


@conditional
def coverage_feed(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A live coverage's updates (``/live/<slug>/atom.xml``)."""
    found = get_object_or_404(Coverage, slug=slug)
    scope = Scope.for_coverage(found)
    return _cached(request, _render(request, scope, fmt), deps.coverage(found.slug))


def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute('/sitemap.xml')}",
        f"Sitemap: {absolute('/sitemaps/news.xml')}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    public_cache(response)
    return response
