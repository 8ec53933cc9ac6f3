"""A story reported by enough outlets within the window is flagged once, and
the desk (only the desk) hears of it and of new items through /live/desk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsdesk.news.models import Event
from newsdesk.wire import spreading
from newsdesk.wire.ingest import ingest
from newsdesk.wire.models import Source, Story, WireItem
from newsdesk.wire.parse import ParsedFeed, ParsedItem

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
BODY = (
    "Emergency crews restored power to the eastern districts of Ostrel early on Monday after "
    "overnight strikes damaged two substations, the regional administration said. Water pumping "
    "stations were running again by dawn and schools will open as usual, officials added, while "
    "engineers inspect the remaining lines along the river."
)


def outlet(name: str, n: int = 0) -> Source:
    return Source.objects.create(
        url=f"https://{name.lower().replace(' ', '')}{n}.example/feed", outlet=name
    )


def report(
    source: Source, guid: str, at: datetime, title: str = "Power restored in Ostrel"
) -> list[int]:
    item = ParsedItem(external_id=guid, url=f"https://courier.example/{guid}", title=title,
                      summary=BODY[:160], text=BODY, published_at=at)  # fmt: skip
    return ingest(source, ParsedFeed(kind="rss", items=[item]), at).new_ids


def spreading_events() -> list[dict[str, Any]]:
    return list(
        Event.objects.filter(type=spreading.STORY_SPREADING).values_list("payload", flat=True)
    )


def test_the_third_outlet_within_the_window_flags_the_story_once(settings: Any) -> None:
    settings.NEWSDESK_WIRE_SPREAD_OUTLETS = 3
    settings.NEWSDESK_WIRE_SPREAD_MINUTES = 30
    harbour, valley, coast = outlet("Harbour Courier"), outlet("Valley Post"), outlet("Coast Daily")
    report(harbour, "a1", NOW)
    # The same outlet's second feed is not a second outlet.
    report(outlet("Harbour Courier", 2), "a2", NOW + timedelta(minutes=2))
    report(valley, "b1", NOW + timedelta(minutes=5))
    story = Story.objects.get()
    assert story.spreading_at is None and spreading_events() == []
    report(coast, "c1", NOW + timedelta(minutes=12))
    story.refresh_from_db()
    assert story.spreading_at == NOW + timedelta(minutes=12)
    (payload,) = spreading_events()
    assert payload["story"] == story.pk and payload["count"] == 3
    assert payload["outlets"] == ["Harbour Courier", "Valley Post", "Coast Daily"]
    assert payload["url"] == f"/desk/wire/?story={story.pk}"
    report(outlet("Ridge Herald"), "d1", NOW + timedelta(minutes=14))
    assert len(spreading_events()) == 1  # once per story
    # Private: never on the readers' stream, webhooks or feeds.
    assert not Event.objects.filter(type__startswith="desk.", public=True).exists()


def test_reports_spread_over_more_than_the_window_are_not_spreading(settings: Any) -> None:
    settings.NEWSDESK_WIRE_SPREAD_OUTLETS = 3
    settings.NEWSDESK_WIRE_SPREAD_MINUTES = 30
    report(outlet("Harbour Courier"), "a1", NOW)
    report(outlet("Valley Post"), "b1", NOW + timedelta(minutes=40))
    report(outlet("Coast Daily"), "c1", NOW + timedelta(minutes=80))
    assert WireItem.objects.values("story").distinct().count() == 1
    assert Story.objects.get().spreading_at is None
    assert spreading_events() == []


def test_every_ingest_with_new_items_tells_the_desk() -> None:
    source = outlet("Harbour Courier")
    ids = report(source, "a1", NOW)
    event = Event.objects.get(type=spreading.WIRE_ITEMS)
    assert event.payload["items"] == ids and event.public is False
    assert event.payload["stories"] == [WireItem.objects.get().story_id]
    report(source, "a1", NOW + timedelta(minutes=1))  # nothing new: nothing said
    assert Event.objects.filter(type=spreading.WIRE_ITEMS).count() == 1
