"""Which cached pages an outbox event changes."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify

from newsdesk.news.models import Article, Event, Revision

from . import deps
from .store import PAGES


def deps_for_events(event_ids: Iterable[int]) -> set[str]:
    """Dependency keys touched by these events (runs queries: call off the loop)."""
    ids = list(event_ids)
    if not ids:
        return set()
    found: set[str] = set()
    rows = Event.objects.filter(id__in=ids, public=True).values_list(
        "type", "article_id", "payload"
    )
    for kind, _article, payload in rows:
        if kind.startswith("coverage."):
            # A coverage's page, feeds and the pages naming it; the strip of
            # open coverages on the News Feed.
            found.update({deps.coverage(payload["slug"]), deps.COVERAGES})
    if any(not kind.startswith(("article.", "coverage.")) for kind, _a, _p in rows):
        # An author, a tag or the site settings: names, bios and tag lists
        # show on nearly every page and feed, so every page goes.
        return {deps.SITE}
    article_ids = {a for _kind, a, _payload in rows if a is not None}
    if not article_ids:
        return found
    found.add(deps.ALL)
    for article in Article.objects.filter(pk__in=article_ids).prefetch_related(
        "tags", "bylines__author", "coverages"
    ):
        found.add(deps.article(article.pk))
        found.add(deps.language(article.language))
        found.add(deps.translations(article.translation_of_id or article.pk))
        found.update(deps.tag(t.slug) for t in article.tags.all())
        found.update(deps.author(b.author.slug) for b in article.bylines.all())
        found.update(deps.coverage(c.slug) for c in article.coverages.all())
    # The lists the article left: tags and bylines of its earlier revisions.
    for snapshot in Revision.objects.filter(article_id__in=article_ids).values_list(
        "snapshot", flat=True
    ):
        found.update(deps.tag(slugify(name, allow_unicode=True)[:60]) for name in snapshot["tags"])
        found.update(deps.author(slug) for slug in snapshot["authors"])
        if "language" in snapshot:  # the language list it left
            found.add(deps.language(snapshot["language"]))
        found.update(deps.coverage(slug) for slug in snapshot.get("coverages", []))
    return found


def on_commit(sender: object, event_ids: list[int], **kwargs: object) -> None:
    """``events_committed`` receiver: drop what a commit in this process changed,
    before the request that made it returns."""
    PAGES.invalidate(deps_for_events(event_ids))
