"""Push ingest's two moving parts that read and write like a fetch: the
worker's requests to hubs and the hubs' deliveries (see push.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import httpx
from django.db import DatabaseError
from django.utils import timezone

from . import push
from .fetch import apply_pushed, make_client
from .models import PushSubscription
from .parse import ParseError
from .push import VERIFY_WAIT, Answer, signature_ok

log = logging.getLogger(__name__)

BATCH = push.BATCH


def renew_due(
    *, client: httpx.Client | None = None, clock: Callable[[], datetime] = timezone.now
) -> int:
    """Send the subscribe, renew and unsubscribe requests that are due."""
    now = clock()
    due = list(
        PushSubscription.objects.filter(next_request_at__lte=now)
        .exclude(state=PushSubscription.State.DENIED)
        .order_by("next_request_at", "id")[:BATCH]
    )
    if not due:
        return 0
    own_client = client is None
    active = client or make_client()
    sent = 0
    try:
        for subscription in due:
            # Claimed like wire sources: only one worker asks.
            claimed = PushSubscription.objects.filter(
                pk=subscription.pk, next_request_at=subscription.next_request_at
            ).update(next_request_at=now + VERIFY_WAIT)
            if claimed:
                push.ask(subscription, active, now)
                sent += 1
    finally:
        if own_client:
            active.close()
    return sent


def receive(token: str, body: bytes, signature: str, content_type: str, now: datetime) -> Answer:
    """A hub's delivery (POST on the callback): store it only if it is signed
    by this subscription's secret, for a live lease, for a source we have."""
    subscription = PushSubscription.objects.select_related("source").filter(token=token).first()
    if subscription is None:
        log.warning("wire push: a delivery to an unknown callback was refused; nothing stored")
        return Answer(404)
    if subscription.state != PushSubscription.State.ACTIVE or subscription.source is None:
        log.warning(
            "wire push %s: a delivery for a subscription that is %s; nothing stored",
            subscription.pk,
            subscription.state,
        )
        return Answer(410)
    if subscription.expires_at is None or subscription.expires_at <= now:
        log.warning(
            "wire push %s: a delivery after the lease ended; nothing stored", subscription.pk
        )
        return Answer(410)
    if not signature_ok(subscription.secret, body, signature):
        # WebSub: acknowledge, so a forger learns nothing, and ignore it.
        log.warning(
            "wire push %s: a delivery with a %s signature was ignored; nothing stored",
            subscription.pk,
            "bad" if signature else "missing",
        )
        return Answer(202)
    source = subscription.source
    try:
        outcome = apply_pushed(source, body, subscription.topic_url, content_type, now)
    except ParseError as exc:
        log.warning("wire push %s: the delivery could not be read: %s", subscription.pk, exc)
        return Answer(202)
    except DatabaseError:
        log.exception("wire push %s: storing the delivery failed", subscription.pk)
        return Answer(503)
    PushSubscription.objects.filter(pk=subscription.pk).update(
        last_delivery_at=now, deliveries=subscription.deliveries + 1
    )
    log.info("wire push %s: %s new, %s changed", subscription.pk, outcome.new, outcome.changed)
    return Answer(202)
