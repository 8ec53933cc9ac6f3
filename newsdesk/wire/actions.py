"""Changing wire sources: edit, pause, delete (adding is ``discover.add_source``).

Each action checks ``wire.manage`` (``news.permissions``; the site can keep it
to editors) before it changes anything, so the desk, the command line and
any other door get the same answer.

Deleting a source deletes the items it brought in, except those already
used in a draft: they stay, detached, with the source's name kept in
``WireItem.outlet``, so the draft's record of where it came from stays whole.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.news.permissions import check

from . import push
from .models import Source, Story, WireItem
from .parse import clean_line, clean_url

log = logging.getLogger(__name__)

OUTLET_MAX = 200


def _valid_url(url: str, source: Source) -> str:
    clean = clean_url(url.strip())
    if not clean:
        raise ValidationError({"url": _("Enter an http(s) URL.")})
    try:
        httpx.URL(clean)
    except (httpx.InvalidURL, ValueError) as exc:
        raise ValidationError(
            {
                "url": _("%(url)s is not a URL that can be fetched (%(why)s).")
                % {"url": clean, "why": exc}
            }
        ) from exc
    if Source.objects.filter(url=clean).exclude(pk=source.pk).exists():
        raise ValidationError({"url": _("Another source already reads %(url)s.") % {"url": clean}})
    return clean


def update_source(source: Source, user: Any = None, *, outlet: str, url: str) -> Source:
    """Rename the outlet (used for "according to ...") and move the source to
    another URL. A new URL is read afresh: no conditional headers, no pending
    redirect, and due now."""
    check(user, "wire.manage", source)
    name = clean_line(outlet, OUTLET_MAX)
    clean = _valid_url(url, source)
    fields = ["outlet"]
    source.outlet = name
    if clean != source.url:
        source.url = clean
        source.etag = source.last_modified = source.pending_url = ""
        source.next_check_at = timezone.now()
        fields += ["url", "etag", "last_modified", "pending_url", "next_check_at"]
    source.save(update_fields=fields)
    log.info("wire source %s changed by %s", source.pk, getattr(user, "pk", None))
    return source


def pause_source(source: Source, user: Any = None, *, paused: bool = True) -> Source:
    """Stop (or resume) polling; a resumed source is due at once."""
    check(user, "wire.manage", source)
    source.paused = paused
    fields = ["paused"]
    if not paused:
        source.next_check_at = timezone.now()
        fields.append("next_check_at")
    source.save(update_fields=fields)
    return source


@dataclass(frozen=True)
class Deleted:
    items: int  # deleted with the source
    kept: int  # used in drafts, kept without it


def _used() -> Q:
    return Q(status=WireItem.Status.USED) | Q(used_article__isnull=False)


def delete_source(source: Source, user: Any = None) -> Deleted:
    """Delete the source and its items, keeping those used in drafts."""
    check(user, "wire.manage", source)
    with transaction.atomic():
        items = WireItem.objects.filter(source=source)
        stories = set(items.exclude(story=None).values_list("story_id", flat=True))
        kept = items.filter(_used()).update(source=None, outlet=source.name[:OUTLET_MAX])
        _total, per_model = items.delete()  # the rest (kept ones no longer match)
        removed = per_model.get(WireItem._meta.label, 0)
        push.forget(source, timezone.now())  # the worker tells its hub to stop
        source.delete()
        _recount(stories)
    log.info(
        "wire source deleted by %s: %s items, %s kept", getattr(user, "pk", None), removed, kept
    )
    return Deleted(items=removed, kept=kept)


def _recount(story_ids: set[int]) -> None:
    """Stories that lost items count again; one left empty goes."""
    if not story_ids:
        return
    counted = Story.objects.filter(pk__in=story_ids).annotate(n=Count("items"))
    for story in counted:
        if story.n == 0:
            story.delete()
        elif story.n != story.item_count:
            Story.objects.filter(pk=story.pk).update(item_count=story.n)
