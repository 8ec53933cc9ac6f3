"""Add a source by URL: find what it is, or the feed a page announces.

:func:`add_source` fetches the URL through the same guarded, bounded
:func:`fetch.fetch` as every poll. A feed, JSON Feed or news sitemap is added
as it is. An HTML page is searched for ``<link rel="alternate">`` feeds, then
the usual paths on its site (:data:`COMMON_PATHS`) are tried; the first that
answers with a feed wins. A page with no feed becomes an HTML source itself
(an article, or a section page whose article links are the items).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.news.permissions import check

from .fetch import (
    ARTICLES_PER_REFRESH,
    LEASE_SECONDS,
    Fetched,
    FetchProblem,
    apply_fetched,
    fetch,
    fill_articles,
    make_client,
)
from .models import Source
from .parse import ParseError, clean_url, feed_links, is_empty, page_tree, sniff

COMMON_PATHS = (
    "/feed",
    "/rss.xml",
    "/atom.xml",
    "/feed.json",
    "/feed.xml",
    "/index.xml",
    "/rss",
    "/sitemap_news.xml",
    "/news-sitemap.xml",
)
FEED_KINDS = ("rss", "atom", "jsonfeed", "sitemap")


class DiscoveryError(Exception):
    """The URL cannot be added; the message says why."""


def _kind_of(fetched: Fetched) -> str:
    return sniff(fetched.body, fetched.headers.get("content-type", ""))


def _try(url: str, client: httpx.Client, now: datetime) -> tuple[str, str, Fetched] | None:
    """(url, kind, answer) when ``url`` answers 200 with a feed, else None."""
    try:
        fetched = fetch(url, client=client, now=now)
    except FetchProblem:
        return None
    if fetched.status != 200:
        return None
    kind = _kind_of(fetched)
    if kind not in FEED_KINDS:
        return None
    return (fetched.permanent_target or url), kind, fetched


def discover(url: str, client: httpx.Client, now: datetime) -> tuple[str, str, Fetched]:
    """The URL and kind to poll for what ``url`` points at, and its answer."""
    try:
        fetched = fetch(url, client=client, now=now)
    except FetchProblem as exc:
        raise DiscoveryError(str(exc)) from exc
    if fetched.status != 200:
        raise DiscoveryError(f"{url} answered HTTP {fetched.status}.")
    if is_empty(fetched.body):
        raise DiscoveryError(_("%(url)s answered with an empty body.") % {"url": url})
    final = fetched.permanent_target or url
    kind = _kind_of(fetched)
    if kind in FEED_KINDS:
        return final, kind, fetched
    if kind != "html":
        raise DiscoveryError(
            f"{url} is neither a feed (RSS, Atom, JSON Feed), a news sitemap nor an HTML page."
        )
    try:
        tree = page_tree(fetched.body, fetched.headers.get("content-type", ""))
        announced = feed_links(tree, fetched.url)
    except ParseError as exc:
        raise DiscoveryError(str(exc)) from exc
    parts = urlsplit(fetched.url)
    guesses = [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in COMMON_PATHS]
    for candidate in [*announced, *guesses]:
        found = _try(candidate, client, now)
        if found:
            return found
    return final, "html", fetched


def add_source(
    url: str,
    user: Any = None,
    *,
    client: httpx.Client | None = None,
    clock: Callable[[], datetime] = timezone.now,
    outlet: str = "",
) -> tuple[Source, bool]:
    """Add the source ``url`` leads to and read it once; (source, created).

    A URL already added (itself or the feed it leads to) returns that source.
    The actor needs ``wire.manage`` (``news.permissions``), from any door."""
    check(user, "wire.manage")
    clean = clean_url(url.strip())
    if not clean:
        raise DiscoveryError(f"{url[:200]!r} is not an http(s) URL.")
    try:
        httpx.URL(clean)
    except (httpx.InvalidURL, ValueError) as exc:  # e.g. 0177.0.0.1, which httpx refuses
        raise DiscoveryError(
            _("%(url)s is not a URL that can be fetched (%(why)s).") % {"url": clean, "why": exc}
        ) from exc
    existing = Source.objects.filter(url=clean).first()
    if existing:
        return existing, False
    own_client = client is None
    active = client or make_client()
    try:
        now = clock()
        feed_url, kind, fetched = discover(clean, active, now)
        source, created = Source.objects.get_or_create(
            url=feed_url,
            defaults={
                "kind": kind,
                "created_by": user if getattr(user, "pk", None) else None,
                "created_at": now,
                # Claimed, as the worker claims a source, until the first read
                # below sets the real next check: no worker reads it meanwhile.
                "next_check_at": now + timedelta(seconds=LEASE_SECONDS),
                "outlet": outlet[:200],
            },
        )
        if created:
            # The first read uses the answer discovery already has.
            result = apply_fetched(source, fetched, now)
            fill_articles(result.unread_ids[:ARTICLES_PER_REFRESH], active, now)
            source.refresh_from_db()
        return source, created
    finally:
        if own_client:
            active.close()
