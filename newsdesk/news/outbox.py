"""The outbox: every change is an Event row written in the change's own
transaction, announced to this process only after that transaction commits.

Consumers (the live stream, caches, webhooks, alerts) read events by id from
the table; the ``events_committed`` signal is just a wake-up, so a consumer
that misses one loses nothing but a little latency.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .models import Article, Event

#: Sent after commit with ``event_ids``: the ids written by that transaction.
events_committed = Signal()


def emit(event_type: str, article: Article | None, payload: dict[str, Any]) -> Event:
    """Write one event; must be called inside the change's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("outbox.emit() must run inside the transaction of the change.")
    event = Event.objects.create(
        type=event_type,
        article=article,
        public=event_type in Event.PUBLIC_TYPES,
        payload=payload,
        created_at=timezone.now(),
    )
    transaction.on_commit(
        lambda: events_committed.send(sender=Event, event_ids=[event.id]), robust=True
    )
    return event
