"""Parsed items -> ``WireItem`` rows, idempotently.

An item is known by ``(source, external_id)``: the feed's own id (RSS guid,
Atom id, JSON Feed id), else its canonical URL. Entries with different ids
are different items even when they share a link (a live blog's updates all
link to one page). An entry under an id not seen before is taken for an item
already stored under another id only when it is plainly that item moved: the
same link (fragment included) and headline, the old id gone from the feed,
and no other entry of the fetch with that link (see :func:`_moved`). Seeing an
item again with the same content writes nothing; with changed content its
previous text becomes a ``WireItemVersion`` and ``version`` goes up (never a
second item).

Feeds list only their latest items, so an item missing from a fetch is not
deleted. Only explicit signals leave a tombstone (``is_deleted``): an Atom
``<at:deleted-entry>`` (RFC 6721), or an HTML page (an article source, or an
article a section page links to) that now answers 404 or 410 (see
``fetch``). A tombstoned item seen again in a feed or as its own page is
restored; a section page still linking to it does not restore it.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import DatabaseError, transaction

from . import spreading
from .models import Source, WireItem, WireItemVersion
from .parse import ParsedFeed, ParsedItem, canonical_url

log = logging.getLogger(__name__)

CONTENT_FIELDS = ("title", "summary", "text")


@dataclass
class IngestResult:
    new: int = 0
    changed: int = 0
    deleted: int = 0
    new_ids: list[int] = field(default_factory=list)


def content_hash(title: str, summary: str, text: str) -> str:
    return hashlib.sha256("\x00".join((title, summary, text)).encode("utf-8")).hexdigest()


def similarity_hook() -> Any:
    """``similarity.assign`` once the similarity engine defines it, else None."""
    try:
        from newsdesk.wire import similarity  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return getattr(similarity, "assign", None)


def assign_story(hook: Any, item: WireItem) -> None:
    if hook is None:
        return
    try:
        with transaction.atomic():  # a savepoint: a failure here keeps the item
            hook(item)
    except (DatabaseError, ValueError, TypeError, AttributeError):
        log.exception("similarity could not place wire item %s", item.pk)


def _key(parsed: ParsedItem) -> tuple[str, str]:
    canonical = canonical_url(parsed.url)
    return (parsed.external_id or canonical), canonical


Batch = dict[str, tuple[ParsedItem, str]]


def ingest(source: Source, feed: ParsedFeed, now: datetime) -> IngestResult:
    """Store ``feed``'s items for ``source`` in one transaction."""
    result = IngestResult()
    hook = similarity_hook()
    batch: Batch = {}
    for parsed in feed.items:
        external_id, canonical = _key(parsed)
        if external_id and external_id not in batch:  # the same guid twice: the first wins
            batch[external_id] = (parsed, canonical)
    with transaction.atomic():
        known = {
            item.external_id: item
            for item in WireItem.objects.filter(source=source, external_id__in=list(batch))
        }
        moved = _moved(source, batch, known)
        for external_id, (parsed, canonical) in batch.items():
            item = known.get(external_id) or moved.get(external_id)
            if item is None:
                item = _create(source, parsed, external_id, canonical, now)
                result.new += 1
                result.new_ids.append(item.pk)
                assign_story(hook, item)
            elif _update(item, parsed, now, restore=not feed.links_only):
                result.changed += 1
                assign_story(hook, item)
        result.deleted = tombstone(source, feed.deleted_ids, now)
        refresh_count(source)
        spreading.note(result.new_ids, now)  # the desk hears of it (/live/desk)
    return result


def _fragment(url: str) -> str:
    try:
        return urlsplit(url).fragment
    except ValueError:
        return ""


def _moved(source: Source, batch: Batch, known: dict[str, WireItem]) -> dict[str, WireItem]:
    """Entries under an id not seen before that are items stored under another
    id (a feed that changed how it writes its guids): {new id: stored item}.

    Only when nothing else can be meant: exactly one entry of this fetch has
    the link, exactly one stored item has it and its id is not in this fetch,
    the fragments match, and so do the headlines (where both have one). A live
    blog's updates share a link but never qualify, so none overwrites another.
    """
    per_link = Counter(canonical for _, canonical in batch.values() if canonical)
    unknown = {
        external_id: (parsed, canonical)
        for external_id, (parsed, canonical) in batch.items()
        if external_id not in known and canonical and per_link[canonical] == 1
    }
    if not unknown:
        return {}
    stored: dict[str, list[WireItem]] = {}
    links = {canonical for _, canonical in unknown.values()}
    for item in WireItem.objects.filter(source=source, canonical_url__in=list(links)):
        stored.setdefault(item.canonical_url, []).append(item)
    moved = {}
    for external_id, (parsed, canonical) in unknown.items():
        candidates = stored.get(canonical, [])
        if len(candidates) != 1:
            continue
        item = candidates[0]
        same_title = not (item.title and parsed.title) or item.title == parsed.title
        if (
            item.external_id not in batch
            and _fragment(item.url) == _fragment(parsed.url)
            and same_title
        ):
            moved[external_id] = item
    return moved


def _create(
    source: Source, parsed: ParsedItem, external_id: str, canonical: str, now: datetime
) -> WireItem:
    return WireItem.objects.create(
        source=source,
        external_id=external_id,
        url=parsed.url,
        canonical_url=canonical,
        title=parsed.title,
        summary=parsed.summary,
        text=parsed.text,
        author=parsed.author,
        published_at=parsed.published_at,
        fetched_at=now,
        first_seen_at=now,
        content_hash=content_hash(parsed.title, parsed.summary, parsed.text),
    )


def _update(item: WireItem, parsed: ParsedItem, now: datetime, *, restore: bool = True) -> bool:
    """Apply a new sighting; True when the content changed (a new version).

    A field the new sighting leaves empty keeps its stored value, so a section
    page's bare link does not erase text fetched earlier. A tombstone stays one
    unless ``restore``: a section page still linking to an article whose own
    page answered 404 or 410 says nothing about that page."""
    if item.is_deleted and not restore:
        return False
    new = {name: getattr(parsed, name) or getattr(item, name) for name in CONTENT_FIELDS}
    digest = content_hash(new["title"], new["summary"], new["text"])
    restored = item.is_deleted
    if digest == item.content_hash and not restored:
        return False
    fields = ["fetched_at", "is_deleted", "deleted_at"]
    if digest != item.content_hash:
        WireItemVersion.objects.create(
            item=item,
            version=item.version,
            title=item.title,
            summary=item.summary,
            text=item.text,
            content_hash=item.content_hash,
            fetched_at=item.fetched_at,
        )
        for name, value in new.items():
            setattr(item, name, value)
        item.version += 1
        item.content_hash = digest
        item.author = parsed.author or item.author
        item.published_at = item.published_at or parsed.published_at
        item.url = parsed.url or item.url
        fields += [*CONTENT_FIELDS, "version", "content_hash", "author", "published_at", "url"]
    item.fetched_at = now
    item.is_deleted = False
    item.deleted_at = None
    item.save(update_fields=fields)
    return True


def tombstone(source: Source, external_ids: list[str], now: datetime) -> int:
    """Mark the named items deleted; their rows and text stay."""
    if not external_ids:
        return 0
    return WireItem.objects.filter(
        source=source, external_id__in=external_ids, is_deleted=False
    ).update(is_deleted=True, deleted_at=now)


def refresh_count(source: Source) -> None:
    source.item_count = WireItem.objects.filter(source=source, is_deleted=False).count()
    Source.objects.filter(pk=source.pk).update(item_count=source.item_count)
