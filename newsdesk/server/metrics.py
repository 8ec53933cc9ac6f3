"""``/metrics`` for Prometheus, answered by the ASGI front.

Open only to a bearer token (``NEWSDESK_METRICS_TOKEN``) or to addresses in
``NEWSDESK_METRICS_ALLOW``; with neither set it answers 403. Behind a proxy
listed in ``NEWSDESK_TRUSTED_PROXIES`` the address is the client's from
``X-Forwarded-For``, so a proxy on the same host does not open it to everyone.

The page cache and the live hub count in plain integers on their hot paths;
:class:`Tally` moves what changed into the Prometheus counters about once a
second (and before each scrape), so a cached hit pays no lock. Queue depths
and the outbox lag are read from the database when scraped.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from newsdesk.cache.store import PAGES

log = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(values: list[str]) -> list[Network]:
    found = []
    for value in values:
        try:
            found.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            continue  # reported by the system checks
    return found


def client_address(scope: dict[str, Any]) -> Address | None:
    """The connection's address, or behind a trusted proxy the right-most
    ``X-Forwarded-For`` entry that is not a trusted proxy (as the desk reads it)."""
    client = scope.get("client")
    try:
        peer = ipaddress.ip_address(client[0]) if client else None
    except ValueError:
        return None
    if peer is None:
        return None
    proxies = _networks(settings.NEWSDESK_TRUSTED_PROXIES)
    if not any(peer in net for net in proxies):
        return peer
    forwarded = b",".join(v for n, v in scope.get("headers", []) if n == b"x-forwarded-for")
    for hop in reversed(forwarded.decode("latin-1").split(",")):
        try:
            address = ipaddress.ip_address(hop.strip())
        except ValueError:
            return None  # a garbled chain: trust nothing
        if not any(address in net for net in proxies):
            return address
    return None


def allowed(scope: dict[str, Any]) -> bool:
    token = settings.NEWSDESK_METRICS_TOKEN
    if token:
        given = next((v for n, v in scope.get("headers", []) if n == b"authorization"), b"")
        if hmac.compare_digest(given, b"Bearer " + token.encode()):
            return True
    allow = _networks(settings.NEWSDESK_METRICS_ALLOW)
    if allow:
        address = client_address(scope)
        if address is not None and any(address in net for net in allow):
            return True
    return False


class Tally:
    """Moves the hot paths' plain counters into Prometheus, for one process."""

    def __init__(self, hub: Any) -> None:
        self.hub = hub
        self.seen: dict[str, int] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        from newsdesk.ops import metrics as m

        if m.MULTIPROCESS:
            # This process's live readers no longer count in the others' sum.
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(os.getpid())

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            PAGES.tick()
            try:
                self.flush()
            except Exception:
                log.warning("metrics: could not count", exc_info=True)

    def _delta(self, name: str, now: int) -> int:
        before = self.seen.get(name, 0)
        self.seen[name] = now
        return max(0, now - before)

    def flush(self) -> None:
        from newsdesk.ops import metrics as m

        hits = self._delta("hits", PAGES.hits)
        not_modified = self._delta("not_modified", PAGES.not_modified)
        m.add(m.PAGE_CACHE, hits, "hit")
        m.add(m.PAGE_CACHE, self._delta("misses", PAGES.misses), "miss")
        m.add(m.PAGE_CACHE, self._delta("stale", PAGES.stale), "stale")
        m.add(m.PAGE_CACHE, self._delta("invalidated", PAGES.invalidated), "invalidated")
        # Hits are requests the front answered without Django.
        m.add(m.REQUESTS, max(0, hits - not_modified), "page-cache", "200")
        m.add(m.REQUESTS, not_modified, "page-cache", "304")
        hub = self.hub
        m.LIVE_READERS.set(hub.connections + len(hub.subscribers))
        m.add(m.LIVE_DELIVERED, self._delta("delivered", hub.delivered))


class Queues:
    """Read from the database at scrape time (the same for every process)."""

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        up = GaugeMetricFamily("newsdesk_database_up", "Whether the database answered.")
        try:
            depths, lag_events, lag_seconds = _read_queues()
        except DatabaseError:
            connection.close()
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        queue = GaugeMetricFamily(
            "newsdesk_worker_queue_depth",
            "Work waiting for the worker: scheduled articles (all, and due now), "
            "deliveries due, wire sources due.",
            labels=["queue"],
        )
        for name, value in depths.items():
            queue.add_metric([name], value)
        yield queue
        events = GaugeMetricFamily(
            "newsdesk_outbox_lag_events",
            "Public events not yet planned by the slowest delivery consumer.",
        )
        events.add_metric([], lag_events)
        yield events
        seconds = GaugeMetricFamily(
            "newsdesk_outbox_lag_seconds",
            "Age of the oldest public event not yet planned by the slowest consumer (0 when "
            "none waits).",
        )
        seconds.add_metric([], lag_seconds)
        yield seconds


def _read_queues() -> tuple[dict[str, int], int, float]:
    from newsdesk.hooks.models import Cursor, Delivery
    from newsdesk.news.models import Article, Event
    from newsdesk.wire.models import Source

    close_old_connections()
    now = timezone.now()
    scheduled = Article.objects.filter(status="scheduled")
    depths = {
        "scheduled": scheduled.count(),
        "scheduled_due": scheduled.filter(published_at__lte=now).count(),
        "deliveries_due": Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=now
        ).count(),
        "wire_sources_due": Source.objects.filter(paused=False, next_check_at__lte=now).count(),
    }
    cursors = list(Cursor.objects.values_list("last_event_id", flat=True))
    floor = min(cursors) if cursors else 0
    waiting = Event.objects.filter(public=True, id__gt=floor)
    lag_events = waiting.count()
    oldest = waiting.order_by("id").values_list("created_at", flat=True).first()
    lag = (now - oldest) if oldest is not None else timedelta(0)
    return depths, lag_events, max(0.0, lag.total_seconds())


async def metrics(scope: dict[str, Any], send: Any, tally: Tally) -> None:
    from newsdesk.ops import metrics as m

    from .health import answer

    if not allowed(scope):
        await answer(send, 403, {"error": "metrics are open only to NEWSDESK_METRICS_TOKEN "
                                          "or NEWSDESK_METRICS_ALLOW"})  # fmt: skip
        return
    tally.flush()
    body = await asyncio.get_running_loop().run_in_executor(None, m.exposition, [Queues()])
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", m.CONTENT_TYPE.encode()),
                (b"cache-control", b"no-store"),
                (b"content-length", b"%d" % len(body)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
