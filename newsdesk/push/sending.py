"""Browser push from the outbox: plan one message per breaking event, send it
to every subscribed browser, forget browsers whose push service says they
are gone.

Planning is a durable consumer like ``hooks/consumers.py`` (its ``Cursor``
row is named ``push``): in one transaction it locks the cursor, reads the
next public events, keeps a ``PushMessage`` for each breaking publication
and each correction of a breaking update, writes one ``PushDelivery`` per
(subscription, message) and moves the cursor, so an event is planned whole
or not at all, and planning it again adds nothing. A browser subscribed
after the event, or an event older than ``NEWSDESK_PUSH_TTL`` (a worker
that was down), gets nothing: stale breaking news is noise.

Sending is like ``hooks/delivery.py``: the worker claims due deliveries by
moving them a lease ahead, sends them with no transaction open (through the
SSRF guard with ``NEWSDESK_PUSH_ALLOW``, a few at a time), then records
each outcome:

- 2xx (push services answer 201): sent; the subscription's last success.
- 404, 410: the subscription has expired or was revoked; it is deleted with
  everything still planned for it.
- 408, 425, 429, 5xx, timeouts, connection errors: tried again with capped
  exponential backoff (or after ``Retry-After``), until
  ``NEWSDESK_DELIVERY_MAX_ATTEMPTS`` or the message's TTL runs out.
- other answers (400, 401, 403, 413) and refused targets: failed at once.

A planned delivery is sent once in the normal path: only the worker holding
its lease sends it, and its outcome is recorded before the lease ends. A
worker killed between sending and recording leaves the lease to run out and
the message is sent again; its ``Topic`` (one per event) makes the push
service replace a copy it still holds, and the notification's ``tag`` (one
per update) makes the browser replace one it already shows.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from newsdesk.hooks.consumers import read_next
from newsdesk.net.guard import PUSH, GuardedTransport, Refused, Resolver, system_resolver
from newsdesk.news.models import Event

from . import actions, webpush
from .models import PushDelivery, PushMessage, PushSubscription

log = logging.getLogger(__name__)

CONSUMER = "push"
BATCH = 500
CHUNK = 2000
CLAIM = 64
THREADS = 8
TIMEOUT_SECONDS = 10.0
LEASE = timedelta(seconds=180)  # a claim of 64, 8 at a time, 10 s each at worst: 80 s
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
RETRY_STATUSES = frozenset({408, 425, 429})
GONE_STATUSES = frozenset({404, 410})
HEADLINE_CHARS = 200
TEXT_CHARS = 400
USER_AGENT = "newsdesk-push/1"
PASS_SECONDS = 10.0


# Planning -------------------------------------------------------------------


def message_for(event: Event) -> dict[str, Any] | None:
    """The notification an event calls for: a breaking update's publication
    or its correction; None for everything else."""
    data = event.payload
    if not data.get("is_breaking"):
        return None
    language = str(data.get("language") or settings.LANGUAGE_CODE)
    with translation.override(language):
        if event.type == Event.Type.PUBLISHED:
            title = str(data.get("headline", ""))
            text = str(data.get("lede", ""))
        elif event.type == Event.Type.CORRECTED:
            title = _("Correction: %(headline)s") % {"headline": data.get("headline", "")}
            text = str((data.get("correction") or {}).get("text", ""))
        else:
            return None
    return {
        "title": Truncator(title).chars(HEADLINE_CHARS),
        "body": Truncator(text).chars(TEXT_CHARS),
        "url": settings.NEWSDESK_SITE_URL + str(data.get("url", "/")),
        "tag": f"article-{data.get('id', event.article_id)}",
        "lang": language,
        "timestamp": int(event.created_at.timestamp() * 1000),
    }


def encode(message: dict[str, Any]) -> str:
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    if len(body.encode()) > webpush.MAX_PLAINTEXT:  # only a very long URL could do this
        message = {**message, "body": ""}
        body = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    return body


def _plan_event(event: Event, body: str, now: datetime) -> int:
    subscribers = (
        PushSubscription.objects.filter(created_at__lte=event.created_at)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not subscribers.exists():
        return 0
    message, _created = PushMessage.objects.get_or_create(
        event_id=event.id, defaults={"body": body, "created_at": now}
    )
    planned = 0
    for chunk in _chunks(subscribers.iterator(chunk_size=CHUNK), CHUNK):
        PushDelivery.objects.bulk_create(
            [
                PushDelivery(
                    subscription_id=pk, message=message, next_attempt_at=now, created_at=now
                )
                for pk in chunk
            ],
            ignore_conflicts=True,
        )
        planned += len(chunk)
    return planned


def _chunks(ids: Iterable[int], size: int) -> Iterable[list[int]]:
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def plan(now: datetime | None = None, batch: int = BATCH) -> int:
    """Plan deliveries for the next batch of events; returns how many events were read."""
    now = now or timezone.now()
    oldest = now - timedelta(seconds=settings.NEWSDESK_PUSH_TTL)

    def messages(events: list[Event]) -> None:
        for event in events:
            message = message_for(event) if event.created_at >= oldest else None
            if message is not None:
                planned = _plan_event(event, encode(message), now)
                log.info(
                    "push message for event %s planned for %s browsers",
                    event.id,
                    planned,
                    extra={"event_id": event.id},
                )

    return read_next(CONSUMER, batch, messages)


def plan_all(now: datetime | None = None) -> int:
    """Plan up to the newest event, after forgetting messages past the retention."""
    prune(now or timezone.now())
    total = 0
    while read := plan(now):
        total += read
    return total


def prune(now: datetime) -> int:
    """Delete messages older than the outbox keeps its events
    (``NEWSDESK_EVENT_RETENTION_DAYS``), with their deliveries; a read
    first, so a pass with nothing to forget takes no write lock."""
    old = PushMessage.objects.filter(
        created_at__lt=now - timedelta(days=settings.NEWSDESK_EVENT_RETENTION_DAYS)
    )
    if not old.exists():
        return 0
    deleted, _by_model = old.delete()
    return deleted


# Sending --------------------------------------------------------------------


def make_client(
    resolve: Resolver = system_resolver, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """An httpx client behind the SSRF guard with the push allowlist."""
    return httpx.Client(
        transport=GuardedTransport(transport, resolve, allow=PUSH),
        timeout=httpx.Timeout(TIMEOUT_SECONDS),
        follow_redirects=False,
        trust_env=False,  # a proxy from the environment would bypass the guard
        headers={"User-Agent": USER_AGENT},
    )


@dataclass
class Outcome:
    status: int | None = None
    error: str = ""
    retry_after: timedelta | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        return self.status in GONE_STATUSES

    @property
    def retry(self) -> bool:
        if self.status is None:
            return not self.error.startswith("Refused")
        return self.status >= 500 or self.status in RETRY_STATUSES


def _retry_after(value: str | None, now: datetime) -> timedelta | None:
    if not value:
        return None
    if value.strip().isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - now, timedelta(0))
    except (TypeError, ValueError):
        return None


def send(client: httpx.Client, delivery: PushDelivery, now: datetime) -> Outcome:
    """One attempt; touches no database (the delivery and its rows are loaded)."""
    subscription = delivery.subscription
    try:
        request = webpush.build(
            subscription.endpoint,
            subscription.p256dh,
            subscription.auth,
            delivery.message.body.encode(),
            topic=f"event-{delivery.message.event_id}",
        )
        response = client.post(request.url, content=request.body, headers=request.headers)
    except Refused as exc:
        return Outcome(error=str(exc))
    except httpx.InvalidURL as exc:
        return Outcome(error=f"Refused: {exc}.")
    except httpx.TimeoutException:
        return Outcome(error=f"No answer within {TIMEOUT_SECONDS:g} s.")
    except httpx.HTTPError as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}")
    return Outcome(
        status=response.status_code,
        retry_after=_retry_after(response.headers.get("Retry-After"), now),
    )


def backoff(delivery: PushDelivery, attempts: int) -> timedelta:
    """30 s doubling per attempt, capped at an hour, plus up to 10% jitter fixed per delivery."""
    delay = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)
    jitter = ((delivery.pk * 2654435761 + attempts) % 1000) / 10_000
    return delay * (1 + jitter)


def claim(now: datetime, limit: int = CLAIM) -> list[PushDelivery]:
    """Lease up to ``limit`` due deliveries to this worker, with their subscription and message."""
    with transaction.atomic():
        due = PushDelivery.objects.filter(
            status=PushDelivery.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        claimed = list(due.select_related("subscription", "message")[:limit])
        if claimed:
            PushDelivery.objects.filter(pk__in=[d.pk for d in claimed]).update(
                next_attempt_at=now + LEASE
            )
    return claimed


def record(batch: Sequence[PushDelivery], outcomes: Sequence[Outcome], started: datetime) -> None:
    """Write a batch's outcomes in one transaction (404/410 each in its own:
    the subscription goes with everything planned for it)."""
    kept = []
    for delivery, outcome in zip(batch, outcomes, strict=True):
        if outcome.gone:
            assert outcome.status is not None
            actions.expire(delivery.subscription_id, outcome.status)
        else:
            kept.append((delivery, outcome))
    if not kept:
        return
    with transaction.atomic():
        locked = PushDelivery.objects.select_for_update(
            of=("self",) if connection.features.has_select_for_update_of else ()
        )
        current = {
            d.pk: d for d in locked.select_related("message").filter(pk__in=[d.pk for d, _ in kept])
        }
        sent: dict[int, list[PushDelivery]] = {}
        for delivery, outcome in kept:
            row = current.get(delivery.pk)
            if row is None:  # its browser unsubscribed meanwhile
                continue
            if outcome.ok:
                assert outcome.status is not None
                sent.setdefault(outcome.status, []).append(row)
            else:
                _failed(row, outcome, started)
        for status, rows in sent.items():
            PushDelivery.objects.filter(pk__in=[r.pk for r in rows]).update(
                status=PushDelivery.Status.SENT,
                sent_at=started,
                attempts=F("attempts") + 1,
                last_status=status,
                last_error="",
            )
            PushSubscription.objects.filter(pk__in=[r.subscription_id for r in rows]).update(
                last_success_at=started, failures=0
            )
    delivered = sum(len(rows) for rows in sent.values())
    log.info(
        "push: %s of %s sent",
        delivered,
        len(batch),
        extra={"event_ids": sorted({d.message.event_id for d in batch})},
    )


def _failed(row: PushDelivery, outcome: Outcome, started: datetime) -> None:
    """Try again later with backoff, or give up: not retryable, too many
    attempts, or past the message's TTL."""
    row.attempts += 1
    row.last_status = outcome.status
    row.last_error = outcome.error[:300]
    expires = row.message.created_at + timedelta(seconds=settings.NEWSDESK_PUSH_TTL)
    wait = backoff(row, row.attempts)
    if outcome.retry_after is not None:
        wait = min(max(outcome.retry_after, wait), BACKOFF_CAP)
    again = started + wait
    if (
        not outcome.retry
        or row.attempts >= settings.NEWSDESK_DELIVERY_MAX_ATTEMPTS
        or again > expires
    ):
        row.status = PushDelivery.Status.FAILED
    else:
        row.next_attempt_at = again
    row.save(update_fields=["attempts", "last_status", "last_error", "status", "next_attempt_at"])
    PushSubscription.objects.filter(pk=row.subscription_id).update(failures=F("failures") + 1)
    log.info(
        "push delivery %s attempt %s: %s",
        row.pk,
        row.attempts,
        outcome.status or outcome.error,
        extra={"push_delivery_id": row.pk, "event_id": row.message.event_id},
    )


def deliver_due(
    clock: Callable[[], datetime] = timezone.now,
    client: httpx.Client | None = None,
    budget: float = PASS_SECONDS,
) -> int:
    """Send push deliveries that are due for up to ``budget`` seconds (a big
    alert goes on in the next pass, so scheduled publishing and webhooks keep
    their turn); returns how many attempts were made.

    The client is made only when something is due (and closed after), unless
    one is given."""
    made = 0
    own = None
    until = time.monotonic() + budget
    try:
        while time.monotonic() < until and (batch := claim(clock())):
            if client is None:
                client = own = make_client()
            made += _send_batch(client, batch, clock)
    finally:
        if own is not None:
            own.close()
    return made


def _send_batch(
    client: httpx.Client, batch: Sequence[PushDelivery], clock: Callable[[], datetime]
) -> int:
    started = clock()
    with ThreadPoolExecutor(max_workers=min(THREADS, len(batch))) as pool:
        outcomes = list(pool.map(lambda d: send(client, d, started), batch))
    record(batch, outcomes, started)
    return len(batch)
