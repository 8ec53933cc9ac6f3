"""Push ingest: the wire subscribes to the WebSub hubs its sources advertise.

Polling notices a new item at the source's next check, a minute or more
after it was published. Many outlets' feeds name a WebSub hub
(``<link rel="hub">`` in the feed, or a ``Link`` header), which pushes each
new version of the feed to its subscribers within seconds. So:

1. A fetch that finds a hub notes it (``note_hub``): one
   ``PushSubscription`` per source, with an unguessable callback token and
   a secret of its own, due to be requested at once.
2. The worker (``pushed.renew_due``) asks the hub: ``hub.mode=subscribe`` with the
   topic, the callback URL under ``NEWSDESK_SITE_URL``, the secret and the
   lease it would like, through the same SSRF guard as every wire fetch.
   It asks again before the lease runs out (at 80% of it), backs off when
   the hub fails, and asks ``hub.mode=unsubscribe`` for a source that was
   removed.
3. The hub verifies intent with a GET to the callback (``verify``): the
   challenge is echoed only for a subscription this site asked for, for
   that topic and mode. The lease starts then.
4. Deliveries are POSTs to the callback (``pushed.receive``). A delivery counts
   only when ``X-Hub-Signature`` is the HMAC of the body with the
   subscription's secret (sha1, sha256, sha384 or sha512). Then the body
   goes through the same parser, ingest, dedup and story steps as a fetch.
   A forged delivery (a bad or missing signature), an unknown callback or
   an expired lease stores nothing and is logged, without the body.
5. While a subscription is active, polling goes on as a safety net at a
   slower pace (``SAFETY_FACTOR`` times the usual interval).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsdesk.net.guard import Refused

from .models import ERROR_MAX, PushSubscription, Source
from .parse import clean_url

log = logging.getLogger(__name__)

#: The lease asked of hubs (they may grant another).
LEASE_SECONDS = 10 * 24 * 3600
#: A lease is renewed once this share of it has passed.
RENEW_AT = 0.8
#: Waiting for a hub's verification before asking again.
VERIFY_WAIT = timedelta(minutes=10)
#: Polling while pushed to: this many times the usual interval.
SAFETY_FACTOR = 4
#: Hubs asked per worker pass.
BATCH = 20
SIGNATURES = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}

_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[a-zA-Z*]+\s*=\s*(?:"[^"]*"|[^;,]*)\s*)*)')
_REL = re.compile(r';\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))', re.IGNORECASE)


def link_header(value: str, base_url: str) -> tuple[str, str]:
    """The hub and self URLs of an HTTP ``Link`` header (RFC 8288)."""
    hub = topic = ""
    for match in _LINK.finditer(value[:8000]):
        target, params = match.group(1), match.group(2)
        for rel_match in _REL.finditer(params):
            rels = (rel_match.group(1) or rel_match.group(2) or "").lower().split()
            if "hub" in rels and not hub:
                hub = clean_url(target, base_url)
            if "self" in rels and not topic:
                topic = clean_url(target, base_url)
    return hub, topic


# Noting a hub (from a fetch) -----------------------------------------------


def note_hub(source: Source, hub_url: str, topic_url: str, now: datetime) -> None:
    """Called after a successful fetch: subscribe to a hub the feed names,
    move to a new one, or leave things as they are."""
    topic_url = topic_url or source.url
    found = PushSubscription.objects.filter(source=source).first()
    if not hub_url:
        return  # a hub that disappears from a feed lets its lease run out
    if found is not None:
        if found.hub_url == hub_url and found.topic_url == topic_url:
            return
        # Another hub or topic: tell the old hub to stop, then start again.
        found.source = None
        found.state = PushSubscription.State.UNSUBSCRIBING
        found.next_request_at = now
        found.attempts = 0
        found.save()
    PushSubscription.objects.create(
        source=source,
        hub_url=hub_url,
        topic_url=topic_url,
        token=secrets.token_urlsafe(32),
        secret=secrets.token_hex(32),
        next_request_at=now,
    )
    log.info("wire source %s: hub found, subscribing", source.pk)


def forget(source: Source, now: datetime) -> None:
    """The source is being removed: ask its hub to stop (inside the removal's
    transaction; the worker sends the request)."""
    PushSubscription.objects.filter(source=source).update(
        source=None,
        state=PushSubscription.State.UNSUBSCRIBING,
        next_request_at=now,
        attempts=0,
    )


def polling_interval(source: Source, seconds: int) -> int:
    """The interval to poll ``source`` at: slower while a hub pushes to it."""
    active = PushSubscription.objects.filter(
        source=source, state=PushSubscription.State.ACTIVE, expires_at__gt=timezone.now()
    ).exists()
    return seconds * SAFETY_FACTOR if active else seconds


# Asking hubs (the worker) ------------------------------------------------------


def callback_url(subscription: PushSubscription) -> str:
    path = reverse("wire_push", args=[subscription.token])
    return settings.NEWSDESK_SITE_URL.rstrip("/") + path


def ask(subscription: PushSubscription, client: httpx.Client, now: datetime) -> None:
    mode = (
        "unsubscribe" if subscription.state == PushSubscription.State.UNSUBSCRIBING else "subscribe"
    )
    form = {
        "hub.mode": mode,
        "hub.topic": subscription.topic_url,
        "hub.callback": callback_url(subscription),
    }
    if mode == "subscribe":
        form["hub.secret"] = subscription.secret
        form["hub.lease_seconds"] = str(LEASE_SECONDS)
    problem = ""
    try:
        response = client.post(subscription.hub_url, data=form, follow_redirects=False)
        if response.status_code not in (202, 204):
            problem = f"The hub answered {response.status_code}."
    except Refused as exc:
        problem = f"The hub's address is refused: {exc}."
    except httpx.HTTPError as exc:
        problem = f"The hub could not be reached ({type(exc).__name__})."
    fields: dict[str, Any] = {"requested_at": now}
    if problem:
        attempts = subscription.attempts + 1
        wait = min(timedelta(hours=24), timedelta(minutes=2) * 2 ** min(attempts, 12))
        fields.update(attempts=attempts, last_error=problem[:ERROR_MAX], next_request_at=now + wait)
        log.warning("wire push %s: %s request failed: %s", subscription.pk, mode, problem)
    else:
        # The hub verifies intent next; without it, ask again later.
        fields.update(next_request_at=now + VERIFY_WAIT)
    # An unsubscription's row goes when the hub verifies it (``verify``).
    PushSubscription.objects.filter(pk=subscription.pk).update(**fields)


# The callback (the hub's requests) --------------------------------------------


@dataclass
class Answer:
    status: int
    body: str = ""


def verify(token: str, params: Any, now: datetime) -> Answer:
    """A hub's verification of intent (GET on the callback)."""
    mode = str(params.get("hub.mode", ""))
    topic = str(params.get("hub.topic", ""))
    challenge = str(params.get("hub.challenge", ""))
    with transaction.atomic():
        subscription = PushSubscription.objects.select_for_update().filter(token=token).first()
        if subscription is None:
            log.warning("wire push: verification for an unknown callback refused")
            return Answer(404)
        if topic != subscription.topic_url:
            log.warning("wire push %s: verification for another topic refused", subscription.pk)
            return Answer(404)
        if mode == "denied":
            subscription.state = PushSubscription.State.DENIED
            subscription.last_error = str(params.get("hub.reason", ""))[:ERROR_MAX]
            subscription.next_request_at = None
            subscription.save()
            log.warning("wire push %s: the hub refused the subscription", subscription.pk)
            return Answer(200)
        if not challenge or len(challenge) > 1000:
            return Answer(400)
        if mode == "subscribe" and subscription.state in (
            PushSubscription.State.SUBSCRIBING,
            PushSubscription.State.ACTIVE,
        ):
            lease = _lease(params.get("hub.lease_seconds"))
            subscription.state = PushSubscription.State.ACTIVE
            subscription.lease_seconds = lease
            subscription.verified_at = now
            subscription.expires_at = now + timedelta(seconds=lease)
            subscription.next_request_at = now + timedelta(seconds=lease * RENEW_AT)
            subscription.attempts = 0
            subscription.last_error = ""
            subscription.save()
            log.info("wire push %s: subscribed for %s s", subscription.pk, lease)
            return Answer(200, challenge)
        if mode == "unsubscribe" and subscription.state == PushSubscription.State.UNSUBSCRIBING:
            subscription.delete()
            log.info("wire push: unsubscribed from a hub")
            return Answer(200, challenge)
    log.warning("wire push %s: verification of %r not expected, refused", subscription.pk, mode)
    return Answer(404)


def _lease(value: Any) -> int:
    try:
        lease = int(str(value))
    except ValueError:
        return LEASE_SECONDS
    return max(60, min(lease, 365 * 24 * 3600))


def signature_ok(secret: str, body: bytes, header: str) -> bool:
    method, _sep, given = header.strip().partition("=")
    digest = SIGNATURES.get(method.strip().lower())
    if digest is None or not given:
        return False
    expected = hmac.new(secret.encode(), body, digest).hexdigest()
    return hmac.compare_digest(expected, given.strip().lower())
