"""WebSub (W3C Recommendation): advertise the hub, and tell it what changed.

When ``NEWSDESK_WEBSUB_HUB`` is set, every feed names the hub (``rel="hub"``)
in the document and in the HTTP ``Link`` header, next to ``rel="self"``.
After a publish, update, correction or unpublish, the worker pings the hub
for each feed the article appears in (see :func:`topics`); the pings are
deliveries of the outbox consumer in ``newsdesk.hooks``, so a hub that is
down is retried with backoff rather than forgotten.
"""

from __future__ import annotations

from django.conf import settings

from newsdesk.news.models import Article, Event

from .entries import FORMATS, Scope, absolute

#: The changes that alter what a feed lists or says.
PING_TYPES = frozenset(
    {Event.Type.PUBLISHED, Event.Type.UPDATED, Event.Type.CORRECTED, Event.Type.UNPUBLISHED}
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
    return [absolute(scope.feed_path(fmt)) for scope in scopes for fmt in FORMATS]
