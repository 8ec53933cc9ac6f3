"""Send due deliveries, log every attempt, retry with capped exponential backoff.

A worker claims a few due deliveries in a short transaction by pushing their
``next_attempt_at`` a lease ahead (``SKIP LOCKED`` on PostgreSQL), sends them
with no transaction open, then records the outcome. A worker that dies while
sending leaves the lease to expire and another one tries again: delivery is
at least once, and the body's event id lets receivers make it once in effect.

Outcomes:

- 2xx: delivered.
- 408, 425, 429, 5xx, timeouts and connection errors: tried again after
  30 s, 1 min, 2 min... capped at 6 h (plus up to 10% jitter), or after a
  ``Retry-After`` within that cap, until ``NEWSDESK_DELIVERY_MAX_ATTEMPTS``.
- redirects (never followed), other 4xx and refused targets (SSRF guard): failed
  at once; the log says why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.net.guard import GuardedTransport, Refused, Resolver, system_resolver
from newsdesk.news.models import Event
from newsdesk.ops import logs

from . import consumers
from .models import Attempt, Delivery

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5.0
RESPONSE_CAP = 64 * 1024
EXCERPT = 500
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=6)
LEASE = timedelta(seconds=60)
CLAIM = 5  # x 5 s at worst, well inside the lease
RETRY_STATUSES = frozenset({408, 425, 429})
USER_AGENT = "newsdesk-webhooks/1"


@dataclass
class Clients:
    """One client for targets people typed (guarded), one for targets from settings."""

    guarded: httpx.Client
    trusted: httpx.Client

    def close(self) -> None:
        self.guarded.close()
        self.trusted.close()


def _client(transport: httpx.BaseTransport) -> httpx.Client:
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(TIMEOUT_SECONDS),
        follow_redirects=False,
        trust_env=False,  # a proxy from the environment would bypass the guard
        headers={"User-Agent": USER_AGENT},
    )


def make_clients(
    resolve: Resolver = system_resolver, transport: httpx.BaseTransport | None = None
) -> Clients:
    """``transport`` replaces the network (tests); the guard stays in front of it."""
    return Clients(
        guarded=_client(GuardedTransport(transport, resolve)),
        trusted=_client(transport or httpx.HTTPTransport(retries=0)),
    )


@dataclass
class Outcome:
    status: int | None = None
    error: str = ""
    response: str = ""
    retry_after: timedelta | None = None
    permanent: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _retry_after(value: str | None, now: datetime) -> timedelta | None:
    if not value:
        return None
    if value.strip().isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - now, timedelta(0))
    except (TypeError, ValueError):
        return None


def send(
    client: httpx.Client,
    delivery: Delivery,
    headers: dict[str, str],
    now: datetime,
    request: tuple[str, bytes] | None = None,
) -> Outcome:
    """One attempt: POST the stored body (or the consumer's ``request``: method
    and body), read at most RESPONSE_CAP within the deadline."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    method, content = request or ("POST", delivery.body.encode())
    try:
        with client.stream(
            method,
            delivery.url,
            content=content,
            headers={"Content-Type": delivery.content_type, **headers},
        ) as response:
            received = bytearray()
            for chunk in response.iter_bytes():
                received += chunk
                if len(received) >= RESPONSE_CAP or time.monotonic() > deadline:
                    break
            text = received[:EXCERPT].decode("utf-8", "replace")
            status = response.status_code
    except Refused as exc:
        return Outcome(error=str(exc), permanent=True)
    except httpx.InvalidURL as exc:
        return Outcome(error=f"Refused: {exc}.", permanent=True)
    except httpx.TimeoutException:
        return Outcome(error=f"No answer within {TIMEOUT_SECONDS:g} s.")
    except httpx.HTTPError as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}")
    outcome = Outcome(status=status, response=text)
    if 300 <= status < 400:
        outcome.permanent = True
        location = response.headers.get("Location", "")
        outcome.error = f"Redirects are not followed (to {location}); register the final URL."
    elif status >= 500 or status in RETRY_STATUSES:
        outcome.retry_after = _retry_after(response.headers.get("Retry-After"), now)
    elif status >= 400:
        outcome.permanent = True
        outcome.error = f"The receiver refused the delivery ({status})."
    return outcome


def backoff(delivery: Delivery, attempts: int) -> timedelta:
    """30 s doubling per attempt, capped at 6 h, plus up to 10% jitter fixed per delivery."""
    delay = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)
    jitter = ((delivery.pk * 2654435761 + attempts) % 1000) / 10_000
    return delay * (1 + jitter)


def claim(now: datetime, limit: int = CLAIM) -> list[Delivery]:
    """Lease up to ``limit`` due deliveries to this worker."""
    with transaction.atomic():
        due = Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        claimed = list(due[:limit])
        if claimed:
            Delivery.objects.filter(pk__in=[d.pk for d in claimed]).update(
                next_attempt_at=now + LEASE
            )
    return claimed


def record(delivery: Delivery, outcome: Outcome, started: datetime, duration_ms: int) -> None:
    with transaction.atomic():
        current = Delivery.objects.select_for_update().get(pk=delivery.pk)
        current.attempts += 1
        Attempt.objects.create(
            delivery=current,
            number=current.attempts,
            started_at=started,
            duration_ms=duration_ms,
            status_code=outcome.status,
            error=outcome.error,
            response=outcome.response,
        )
        current.last_status = outcome.status
        current.last_error = outcome.error
        if outcome.ok:
            current.status = Delivery.Status.DELIVERED
            current.delivered_at = started
        elif outcome.permanent or current.attempts >= settings.NEWSDESK_DELIVERY_MAX_ATTEMPTS:
            current.status = Delivery.Status.FAILED
        else:
            wait = backoff(current, current.attempts)
            if outcome.retry_after is not None:
                wait = min(max(outcome.retry_after, wait), BACKOFF_CAP)
            current.next_attempt_at = started + wait
        current.save()
    log.info(
        "delivery %s attempt %s to %s: %s",
        delivery.pk,
        current.attempts,
        delivery.url,
        outcome.status or outcome.error,
        extra={"delivery_id": delivery.pk, "event_id": delivery.event_id},
    )


def deliver_due(clients: Clients, clock: Callable[[], datetime] = timezone.now) -> int:
    """Send every delivery that is due; returns how many attempts were made."""
    made = 0
    while batch := claim(clock()):
        # Log under the id of the request that caused each event.
        causes = dict(
            Event.objects.filter(
                id__in={d.event_id for d in batch}, request_id__isnull=False
            ).values_list("id", "request_id")
        )
        for delivery in batch:
            with logs.bound(causes.get(delivery.event_id) or ""):
                made += _deliver(clients, delivery, clock)
    return made


def _deliver(clients: Clients, delivery: Delivery, clock: Callable[[], datetime]) -> int:
    consumer = consumers.get(delivery.consumer)
    client = clients.guarded if consumer.guarded else clients.trusted
    started = clock()
    timer = time.monotonic()
    outcome = send(
        client,
        delivery,
        consumer.headers(delivery, started),
        started,
        consumer.request(delivery),
    )
    record(delivery, outcome, started, int((time.monotonic() - timer) * 1000))
    return 1
