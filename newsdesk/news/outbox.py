"""The outbox: every change is an Event row written in the change's own
transaction, announced to this process only after that transaction commits.

Consumers (the live stream, caches, webhooks, alerts) read events by id from
the table; the ``events_committed`` signal is just a wake-up, so a consumer
that misses one loses nothing but a little latency.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from newsdesk.ops import logs

from .models import Article, Event, OutboxHorizon

#: Sent after commit with ``event_ids``: the ids written by that transaction.
events_committed = Signal()

#: Readers that must move with the data itself, inside the change's own
#: transaction (the search index), registered from their AppConfig.ready():
#: news imports none of them, and no caller writes their tables.
_in_step: list[Callable[[Event], None]] = []

#: PostgreSQL channel notified (transactionally) for every event.
PG_CHANNEL = "newsdesk_events"
#: Advisory lock that orders event ids by commit on PostgreSQL.
PG_LOCK_KEY = 0x6E657773  # "news"


def emit(event_type: str, article: Article | None, payload: dict[str, Any]) -> Event:
    """Write one event; must be called inside the change's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("outbox.emit() must run inside the transaction of the change.")
    postgres = connection.vendor == "postgresql"
    if postgres:
        # Sequence values are handed out at insert but become visible at
        # commit, so two writers could commit ids out of order and a reader
        # resuming "after id N" would skip one. Holding this lock from the
        # insert to the commit makes ids commit in order. (SQLite writers are
        # already serialised by BEGIN IMMEDIATE.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_LOCK_KEY])
    event = Event.objects.create(
        type=event_type,
        article=article,
        public=event_type in Event.PUBLIC_TYPES,
        payload=payload,
        created_at=timezone.now(),
        request_id=logs.request_id() or None,
    )
    for reader in _in_step:
        reader(event)
    if postgres:
        # Delivered to listeners when (and only if) the transaction commits.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [PG_CHANNEL, str(event.id)])
    transaction.on_commit(
        lambda: events_committed.send(sender=Event, event_ids=[event.id]), robust=True
    )
    return event


def keep_in_step(reader: Callable[[Event], None]) -> None:
    """Call ``reader`` with every event, inside the transaction that writes it."""
    if reader not in _in_step:
        _in_step.append(reader)


def pruned_through() -> int:
    """The highest event id removed by :func:`prune` (0 when none was)."""
    value = OutboxHorizon.objects.filter(pk=1).values_list("pruned_through", flat=True).first()
    return int(value or 0)


def prune(older_than: datetime) -> int:
    """Delete events created before ``older_than``; returns how many went.

    Ids only grow, so everything up to the newest old event goes, and the
    horizon remembers where the gap ends.
    """
    with transaction.atomic():
        last = (
            Event.objects.filter(created_at__lt=older_than)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        if last is None:
            return 0
        deleted, _ = Event.objects.filter(id__lte=last).delete()
        horizon, _ = OutboxHorizon.objects.select_for_update().get_or_create(pk=1)
        horizon.pruned_through = max(horizon.pruned_through, last)
        horizon.save()
    return deleted
