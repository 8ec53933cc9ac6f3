"""What to send, read from the outbox and the clock, planned once.

The ``alerts`` consumer reads public events after its cursor (the hooks
app's ``Cursor`` table, locked, so two workers never read the same batch) and
turns them into ``Alert`` rows in the same transaction that moves the cursor:

- ``article.published`` of a breaking update: one breaking alert per article
  (a withdrawn and republished update is not announced twice);
- ``article.corrected`` of a breaking update that was announced: a
  correction, to those who were sent the breaking alert.

Events older than ``MAX_AGE`` are passed over: news an hour old is no longer
breaking (and a newsroom that turns alerts on does not mail its archive).
Daily digests come from the clock: at each hour in the site's time zone, one
digest alert for the subscriptions that chose that hour.

Each alert's messages are then planned in chunks of subscriptions in id
order, each chunk in its own short transaction (``planned_through`` moves
with it), so no write lock is held for long, and the unique
(subscription, alert) pair makes a chunk planned twice harmless.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.hooks.consumers import read_next
from newsdesk.news.models import Event
from newsdesk.site import current

from .models import Alert, Message, Subscription

CONSUMER = "alerts"
EVENTS = 500
CHUNK = 5000
MAX_AGE = timedelta(hours=1)
State = Subscription.State


def read_outbox(now: datetime) -> int:
    """Alerts for the next batch of events; returns how many events were read."""

    def alerts(events: list[Event]) -> None:
        for event in events:
            if event.created_at >= now - MAX_AGE and event.payload.get("is_breaking"):
                _alert_for(event, now)

    return read_next(CONSUMER, EVENTS, alerts)


def _alert_for(event: Event, now: datetime) -> None:
    article_id = event.payload.get("id")
    if event.type == Event.Type.PUBLISHED:
        kind, key = Alert.Kind.BREAKING, f"breaking:{article_id}"
    elif event.type == Event.Type.CORRECTED:
        if not Alert.objects.filter(key=f"breaking:{article_id}").exists():
            return  # never announced, nothing to correct in anyone's inbox
        kind, key = Alert.Kind.CORRECTION, f"correction:{event.id}"
    else:
        return
    Alert.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "event_id": event.id,
            "article_id": article_id,
            "payload": event.payload,
            "created_at": now,
        },
    )


def digest_due(now: datetime) -> Alert | None:
    """This hour's digest, made once, when someone chose this hour."""
    zone = zoneinfo.ZoneInfo(current.load().time_zone)
    local = timezone.localtime(now, zone)
    hour = local.replace(minute=0, second=0, microsecond=0)
    key = f"digest:{hour.date().isoformat()}:{hour.hour:02d}"
    found = Alert.objects.filter(key=key).first()
    if found is not None:
        return found
    if not _digest_subscribers(hour.hour).exists():
        return None
    alert, _created = Alert.objects.get_or_create(
        key=key,
        defaults={
            "kind": Alert.Kind.DIGEST,
            "payload": {
                "hour": hour.hour,
                "until": hour.astimezone(zoneinfo.ZoneInfo("UTC")).isoformat(),
            },
            "created_at": now,
        },
    )
    return alert


def _digest_subscribers(hour: int) -> QuerySet[Subscription]:
    return Subscription.objects.filter(state=State.CONFIRMED, digest=True, digest_hour=hour)


def recipients(alert: Alert) -> QuerySet[Subscription]:
    """Who an alert goes to, whatever has been planned already."""
    confirmed = Subscription.objects.filter(state=State.CONFIRMED)
    if alert.kind == Alert.Kind.DIGEST:
        return _digest_subscribers(int(alert.payload["hour"]))
    if alert.kind == Alert.Kind.CORRECTION:
        announced = Message.objects.filter(
            alert__key=f"breaking:{alert.article_id}", state=Message.State.SENT
        ).values("subscription_id")
        return confirmed.filter(pk__in=announced)
    slugs = [t["slug"] for t in alert.payload.get("tags", [])]
    # No tags chosen: every breaking update; some chosen: updates with one of them.
    return (
        confirmed.filter(breaking=True)
        .filter(Q(tags__isnull=True) | Q(tags__slug__in=slugs))
        .distinct()
    )


def plan_chunk(alert: Alert, now: datetime, size: int = CHUNK) -> int:
    """Messages for the next ``size`` recipients; returns how many were read."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if alert.planned:
            return 0
        ids = list(
            recipients(alert)
            .filter(pk__gt=alert.planned_through)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        Message.objects.bulk_create(
            [
                Message(subscription_id=pk, alert=alert, next_attempt_at=now, created_at=now)
                for pk in ids
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        if ids:
            alert.planned_through = ids[-1]
        alert.planned = len(ids) < size
        alert.save(update_fields=["planned_through", "planned"])
    return len(ids)


def plan(now: datetime) -> int:
    """Read the outbox and the clock; plan one chunk of each unplanned alert.

    Returns how many messages were planned; call again while it is not 0."""
    while read_outbox(now):
        pass
    digest_due(now)
    planned = 0
    for alert in Alert.objects.filter(planned=False).order_by("id"):
        planned += plan_chunk(alert, now)
    return planned
