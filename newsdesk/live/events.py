"""Outbox events as Server-Sent Events frames (synchronous, database side)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsdesk.news import outbox
from newsdesk.news.models import Event

_ID = re.compile(r"^\d{1,18}$")


MAX_TAGS = 20


@dataclass(frozen=True, slots=True)
class Filter:
    """What one stream asked for: ``?tag=`` (any of them) and ``?coverage=``
    (one live coverage's slug). Hashable: the hub renders each filter once."""

    tags: frozenset[str] = frozenset()
    coverage: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, list[str]]) -> Filter:
        tags = frozenset(t for t in query.get("tag", [])[:MAX_TAGS] if 0 < len(t) <= 60)
        coverage = next((c for c in query.get("coverage", []) if 0 < len(c) <= 100), "")
        return cls(tags, coverage)


EVERYTHING = Filter()


@dataclass(frozen=True, slots=True)
class LiveEvent:
    id: int
    type: str
    #: Tag slugs of the article; ``None`` means every stream gets it (an
    #: unpublished article's event carries no tags, and must reach everyone).
    tags: frozenset[str] | None
    frame: bytes
    #: Slugs of the live coverages the event concerns (an article's, or the
    #: coverage's own); ``None``: every coverage's stream gets it.
    coverages: frozenset[str] | None = None

    def wanted_by(self, wanted: Filter) -> bool:
        if wanted.tags and self.tags is not None and not self.tags & wanted.tags:
            return False
        return not wanted.coverage or self.coverages is None or wanted.coverage in self.coverages


def parse_id(raw: str | None) -> int | None:
    """A client's last event id, or ``None`` when absent or garbage."""
    if raw is None:
        return None
    raw = raw.strip()
    return int(raw) if _ID.match(raw) else None


def frame(event_id: int, event_type: str, data: dict[str, Any]) -> bytes:
    body = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return f"id: {event_id}\nevent: {event_type}\ndata: {body}\n\n".encode("ascii")


def reset_frame(latest_id: int) -> bytes:
    """Tell the client its position is gone: reload, then resume from ``latest_id``."""
    return frame(latest_id, "reset", {"type": "reset", "id": latest_id})


def to_live(row: Mapping[str, Any]) -> LiveEvent:
    payload = row["payload"]
    tags = payload.get("tags")
    slugs = frozenset(t["slug"] for t in tags) if isinstance(tags, list) else None
    coverages = _coverages(row["type"], payload)
    # ``article``, ``author``, ``tag`` or ``site``: what the event is about.
    subject = row["type"].split(".", 1)[0]
    data = {
        "id": row["id"],
        "type": row["type"],
        "created_at": row["created_at"].isoformat(),
        subject: payload,
    }
    return LiveEvent(row["id"], row["type"], slugs, frame(row["id"], row["type"], data), coverages)


def _coverages(event_type: str, payload: Mapping[str, Any]) -> frozenset[str] | None:
    """A coverage's own event concerns that coverage; a published article's,
    the coverages it belongs to (none: no coverage's stream). Everything else
    (an unpublished article's, an author's, the site's) reaches every stream."""
    if event_type.startswith("coverage."):
        return frozenset([str(payload.get("slug", ""))])
    found = payload.get("coverages")
    if isinstance(found, list):
        return frozenset(str(c.get("slug", "")) for c in found if isinstance(c, dict))
    return None


def public_after(after_id: int, limit: int) -> list[LiveEvent]:
    """Public events with ids above ``after_id``, oldest first."""
    rows = (
        Event.objects.filter(public=True, id__gt=after_id)
        .order_by("id")
        .values("id", "type", "payload", "created_at")[:limit]
    )
    return [to_live(row) for row in rows]


def desk_after(after_id: int, limit: int) -> list[LiveEvent]:
    """The desk's own events (``desk.*``, never public) after ``after_id``."""
    rows = (
        Event.objects.filter(public=False, type__startswith="desk.", id__gt=after_id)
        .order_by("id")
        .values("id", "type", "payload", "created_at")[:limit]
    )
    return [
        LiveEvent(
            row["id"],
            row["type"],
            None,
            frame(
                row["id"],
                row["type"],
                {"id": row["id"], "type": row["type"], "created_at": row["created_at"].isoformat(),
                 "desk": row["payload"]},
            ),
        )
        for row in rows
    ]  # fmt: skip


def latest_id() -> int:
    value = Event.objects.order_by("-id").values_list("id", flat=True).first()
    return int(value or 0)


def horizon() -> int:
    return outbox.pruned_through()
