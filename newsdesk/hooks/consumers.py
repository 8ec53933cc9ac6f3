"""Durable outbox consumers: a cursor per consumer, a delivery per target.

A :class:`Consumer` turns public outbox events into planned deliveries.
:func:`plan` reads the events after the consumer's cursor (locked, so two
workers never plan the same batch), writes the deliveries and moves the
cursor in one transaction: an event is either planned and passed, or
neither. Event ids become visible in increasing order (``BEGIN IMMEDIATE``
on SQLite, the outbox's commit lock on PostgreSQL), so nothing is skipped.
The unique (consumer, event, key) constraint makes a re-plan harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from newsdesk.news.models import Event

from .models import Cursor, Delivery, Webhook

BATCH = 500


@dataclass(frozen=True)
class Planned:
    """One request a consumer wants sent for an event."""

    event: Event
    key: str
    url: str
    body: str
    content_type: str
    webhook: Webhook | None = None


@dataclass(frozen=True)
class Consumer:
    name: str
    #: The deliveries a batch of public events calls for.
    plan: Callable[[Sequence[Event], datetime], list[Planned]]
    #: Extra headers for one attempt (e.g. a signature), given the attempt's time.
    headers: Callable[[Delivery, datetime], dict[str, str]] = field(
        default=lambda delivery, now: {}
    )
    #: Whether targets come from people (checked by the SSRF guard) or from settings.
    guarded: bool = True
    #: The method and body of one attempt (a cache purge is not always a POST).
    request: Callable[[Delivery], tuple[str, bytes]] = field(
        default=lambda delivery: ("POST", delivery.body.encode())
    )


_registry: dict[str, Consumer] = {}


def register(consumer: Consumer) -> None:
    _registry[consumer.name] = consumer


def registered() -> list[Consumer]:
    return list(_registry.values())


def get(name: str) -> Consumer:
    return _registry[name]


def read_next(name: str, batch: int, handle: Callable[[list[Event]], object]) -> int:
    """The durable cursor every outbox reader shares (webhooks, WebSub, alerts,
    push): in one transaction, lock ``name``'s cursor, hand the next ``batch``
    public events to ``handle`` and move the cursor past them. Returns how
    many events were read (0 once caught up)."""
    with transaction.atomic():
        cursor, _created = Cursor.objects.select_for_update().get_or_create(consumer=name)
        events = list(
            Event.objects.filter(id__gt=cursor.last_event_id, public=True).order_by("id")[:batch]
        )
        if not events:
            return 0
        handle(events)
        cursor.last_event_id = events[-1].id
        cursor.save(update_fields=["last_event_id", "updated_at"])
    return len(events)


def plan(consumer: Consumer, now: datetime | None = None, batch: int = BATCH) -> int:
    """Plan deliveries for the next batch of events; returns how many events were read."""
    when = now or timezone.now()

    def deliveries(events: list[Event]) -> None:
        Delivery.objects.bulk_create(
            [
                Delivery(
                    consumer=consumer.name,
                    key=p.key,
                    event_id=p.event.id,
                    event_type=p.event.type,
                    webhook=p.webhook,
                    url=p.url,
                    body=p.body,
                    content_type=p.content_type,
                    next_attempt_at=when,
                    created_at=when,
                )
                for p in consumer.plan(events, when)
            ],
            ignore_conflicts=True,
        )

    return read_next(consumer.name, batch, deliveries)


def plan_all(now: datetime | None = None) -> int:
    """Plan every consumer until each has caught up with the outbox."""
    total = 0
    for consumer in registered():
        while read := plan(consumer, now):
            total += read
    return total
