"""The desk hears of the wire as it happens: new items, and stories spreading.

At the end of each ingest (a fetch or a push), in its transaction, two
private outbox events (``desk.*``: never public, never sent to readers,
webhooks or feeds) tell every open desk page through ``/live/desk``:

- ``desk.wire_items``: new items arrived (their ids and stories), so an open
  monitor fetches them at once instead of at its next poll;
- ``desk.story_spreading``: a story was just reported by
  ``NEWSDESK_WIRE_SPREAD_OUTLETS`` different outlets within
  ``NEWSDESK_WIRE_SPREAD_MINUTES`` (by each item's publication time, or when
  it was first seen when the feed gives none). Once per story: the story
  keeps ``spreading_at``, which the monitor shows as a flag.

Outlets count by name, so two feeds of one outlet are one outlet, and copies
of one agency text carried by several outlets count for each of them: each
chose to run it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from newsdesk.news import outbox

from .models import Story, WireItem

WIRE_ITEMS = "desk.wire_items"
STORY_SPREADING = "desk.story_spreading"
#: Ids listed in one ``desk.wire_items`` event.
LISTED = 200


def reported_at() -> Coalesce:
    return Coalesce(F("published_at"), F("first_seen_at"))


def outlets_within(story: Story, now: datetime) -> list[str]:
    """The story's outlets that reported it within the window, earliest first."""
    window = now - timedelta(minutes=settings.NEWSDESK_WIRE_SPREAD_MINUTES)
    items = (
        WireItem.objects.filter(story=story, is_deleted=False)
        .annotate(reported=reported_at())
        .filter(reported__gte=window)
        .select_related("source")
        .order_by("reported", "id")
    )
    names: dict[str, str] = {}
    for item in items:
        name = item.outlet_name
        names.setdefault(name.casefold(), name)
    return list(names.values())


def note(new_ids: list[int], now: datetime) -> None:
    """Called by ingest, inside its transaction, with the ids it created."""
    if not new_ids:
        return
    story_ids = sorted(
        set(
            WireItem.objects.filter(pk__in=new_ids, story__isnull=False).values_list(
                "story_id", flat=True
            )
        )
    )
    outbox.emit(
        WIRE_ITEMS,
        None,
        {"items": new_ids[:LISTED], "count": len(new_ids), "stories": story_ids[:LISTED]},
    )
    for story in Story.objects.filter(pk__in=story_ids, spreading_at__isnull=True):
        outlets = outlets_within(story, now)
        if len(outlets) < settings.NEWSDESK_WIRE_SPREAD_OUTLETS:
            continue
        story.spreading_at = now
        story.save(update_fields=["spreading_at"])
        first = (
            WireItem.objects.filter(story=story, is_deleted=False)
            .order_by("first_seen_at", "id")
            .values_list("title", flat=True)
            .first()
        )
        outbox.emit(
            STORY_SPREADING,
            None,
            {
                "story": story.pk,
                "title": story.title or first or "",
                "outlets": outlets[:20],
                "count": len(outlets),
                "minutes": settings.NEWSDESK_WIRE_SPREAD_MINUTES,
                "url": reverse("wire:queue") + f"?story={story.pk}",
            },
        )
