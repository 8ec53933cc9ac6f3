"""The purge consumer: tell the caches in front which pages an event moved.

Pages carry their dependency keys (``newsdesk.cache.surrogate``); for each
batch of public outbox events this consumer works out the keys the events
move (``invalidation.deps_for_events``, what the page cache drops too) and
plans one purge per target and chunk of keys, through the purger
``NEWSDESK_PURGE`` names:

- ``varnish``: ``PURGE`` with an ``xkey`` header to each of
  ``NEWSDESK_PURGE_VARNISH_URLS`` (``deploy/varnish/newsdesk.vcl`` answers it
  from its allowlist with ``xkey.purge``);
- ``fastly``: ``POST /service/{id}/purge`` with a ``Surrogate-Key`` batch (at
  most 256 keys) and the ``Fastly-Key`` token;
- ``cloudflare``: ``POST /client/v4/zones/{zone}/purge_cache`` with
  ``{"tags": [...]}`` (at most 100) and a bearer token.

Purges are deliveries: retried with backoff, each attempt in the log, the
keys kept in the delivery's body, the record of what was purged. Tokens are
read when sending, never stored. Events older than :data:`RECENT` (a purger
switched on, a worker long down) are passed over: what they moved has long
expired from any cache that keeps pages for less.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings

from newsdesk.cache import surrogate
from newsdesk.cache.invalidation import deps_for_events
from newsdesk.news.models import Event

from .consumers import Consumer, Planned
from .models import Delivery

NAME = "purge"
RECENT = timedelta(days=1)
#: Most keys one request may name, per purger (Fastly's and Cloudflare's limits).
CHUNK = {"varnish": 100, "fastly": 256, "cloudflare": 100}


def targets(purger: str) -> list[str]:
    if purger == "varnish":
        return list(settings.NEWSDESK_PURGE_VARNISH_URLS)
    if purger == "fastly":
        api = settings.NEWSDESK_PURGE_FASTLY_API.rstrip("/")
        return [f"{api}/service/{settings.NEWSDESK_PURGE_FASTLY_SERVICE}/purge"]
    if purger == "cloudflare":
        api = settings.NEWSDESK_PURGE_CLOUDFLARE_API.rstrip("/")
        return [f"{api}/client/v4/zones/{settings.NEWSDESK_PURGE_CLOUDFLARE_ZONE}/purge_cache"]
    return []


def plan(events: Sequence[Event], now: datetime) -> list[Planned]:
    """One purge per target and chunk of keys, carried by the batch's last event."""
    purger = settings.NEWSDESK_PURGE
    urls = targets(purger)
    recent = [e for e in events if now - e.created_at <= RECENT]
    if not urls or not recent:
        return []
    keys = surrogate.keys(deps_for_events(e.id for e in recent))
    size = CHUNK[purger]
    chunks = [keys[n : n + size] for n in range(0, len(keys), size)]
    planned = []
    for t, url in enumerate(urls):
        for n, chunk in enumerate(chunks):
            if purger == "cloudflare":
                body, content_type = json.dumps({"tags": chunk}), "application/json"
            else:
                body, content_type = " ".join(chunk), "text/plain"
            planned.append(Planned(recent[-1], f"{purger}:{t}:{n}", url, body, content_type))
    return planned


def purger_of(delivery: Delivery) -> str:
    return delivery.key.partition(":")[0]


def request(delivery: Delivery) -> tuple[str, bytes]:
    purger = purger_of(delivery)
    if purger == "varnish":
        return "PURGE", b""
    if purger == "fastly":
        return "POST", b""
    return "POST", delivery.body.encode()


def headers(delivery: Delivery, now: datetime) -> dict[str, str]:
    purger = purger_of(delivery)
    if purger == "varnish":
        return {"xkey": delivery.body}
    if purger == "fastly":
        return {
            "Fastly-Key": settings.NEWSDESK_PURGE_FASTLY_TOKEN,
            "Surrogate-Key": delivery.body,
            "Accept": "application/json",
        }
    return {"Authorization": f"Bearer {settings.NEWSDESK_PURGE_CLOUDFLARE_TOKEN}"}


#: Targets come from the operator's settings, not from the desk: not guarded.
consumer = Consumer(NAME, plan, headers, guarded=False, request=request)
