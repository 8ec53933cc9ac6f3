"""WebSub (W3C Recommendation): advertise the hub, and tell it what changed.

When ``NEWSDESK_WEBSUB_HUB`` is set, every feed names the hub (``rel="hub"``)
in the document and in the HTTP ``Link`` header, next to ``rel="self"``.
After a publish, update, correction or unpublish, the worker pings the hub
for each feed the article appears in (see :func:`topics`); the pings are
deliveries of the outbox consumer in ``newsdesk.hooks``, so a hub that is
down is retried with backoff rather than forgotten.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings

from newsdesk.hooks.consumers import Consumer, Planned
from newsdesk.news.models import Article, Event

from .entries import FORMATS, Scope, absolute

NAME = "websub"
#: A hub fetches the feed as it is now, so pinging about old changes is pointless.
RECENT = timedelta(hours=1)

#: The changes that alter what a feed lists or says. An author, tag or site
#: change names no article: it pings the site's feeds.
PING_TYPES = frozenset(
    {Event.Type.PUBLISHED, Event.Type.UPDATED, Event.Type.CORRECTED, Event.Type.UNPUBLISHED}
    | {Event.Type.AUTHOR_UPDATED, Event.Type.TAG_UPDATED, Event.Type.TAG_MERGED}
    | {Event.Type.SITE_UPDATED}
)


def hub() -> str | None:
    return settings.NEWSDESK_WEBSUB_HUB or None


def link_header(self_url: str) -> str:
    links = [f'<{self_url}>; rel="self"']
    if hub():
        links.insert(0, f'<{hub()}>; rel="hub"')
    return ", ".join(links)


def topics(article: Article | None) -> list[str]:
    """Every feed URL (first page, all formats) an article appears in."""
    scopes = [Scope.site()]
    if article is not None:
        scopes += [Scope.for_tag(t) for t in article.tags.order_by("slug")]
        scopes += [
            Scope.for_author(b.author)
            for b in article.bylines.select_related("author").order_by("position", "id")
        ]
        scopes += [Scope.for_coverage(c) for c in article.coverages.order_by("slug")]
    return [absolute(scope.feed_path(fmt)) for scope in scopes for fmt in FORMATS]


def plan(events: Sequence[Event], now: datetime) -> list[Planned]:
    """One ping per feed touched by the batch, carried by the newest event touching it."""
    target = hub()
    if not target:
        return []
    latest: dict[str, Event] = {}
    for event in events:
        if event.type in PING_TYPES and now - event.created_at <= RECENT:
            for topic in topics(event.article):
                latest[topic] = event
    return [
        Planned(
            event,
            f"websub:{topic}",
            target,
            urlencode({"hub.mode": "publish", "hub.url": topic}),
            "application/x-www-form-urlencoded",
        )
        for topic, event in latest.items()
    ]


#: The hub comes from the operator's settings, not from the desk: not guarded.
consumer = Consumer(NAME, plan, guarded=False)
