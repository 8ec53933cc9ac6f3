"""The ASGI entry point: a thin async front in front of Django.

The front answers the hot paths itself and hands every other HTTP request to
Django's WSGI handler in a small thread pool (a2wsgi). Measured on this kind
of machine, a request costs about a tenth of the CPU through Django's WSGI
handler that it costs through Django's ASGI handler, which hops between
threads many times per request.

- ``/live`` is answered here (``newsdesk.live.stream``): an open stream is a
  coroutine, not a thread; so is the desk's own ``/live/desk``
  (``newsdesk.live.desk``).
- ``/healthz``, ``/readyz`` and ``/metrics`` are answered here too
  (``health.py``, ``metrics.py``): a probe never waits for a Django thread.
- Lifespan start-up starts the live hub and its broker listener, then runs a
  full collection and ``gc.freeze()`` so that the objects loaded at start-up
  stay out of later full collections (at thousands of open streams those
  grew to half a second and stalled broadcasts).
"""

from __future__ import annotations

import gc
import logging
import os
import time
from typing import Any

from a2wsgi import WSGIMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.core.wsgi import get_wsgi_application

from newsdesk.cache.front import PageFront
from newsdesk.cache.http import header, request_key, strip_deps
from newsdesk.cache.store import PAGES, ROUTE_HEADER
from newsdesk.ops.logs import may_log_address, new_request_id

from .health import Readiness, healthz

log = logging.getLogger(__name__)
access_log = logging.getLogger("newsdesk.access")
Scope = dict[str, Any]


class Front:
    def __init__(self) -> None:
        wsgi = get_wsgi_application()
        from django.conf import settings

        from newsdesk.live.brokers import Listener, listener_for
        from newsdesk.live.freshness import for_default_database
        from newsdesk.live.hub import Hub

        self.django = WSGIMiddleware(wsgi, workers=settings.NEWSDESK_THREADS)  # type: ignore[arg-type]
        self.pages = PageFront(self.django, warm=settings.NEWSDESK_PAGE_CACHE_WARM)
        self.hub = Hub(
            poll_seconds=settings.NEWSDESK_LIVE_POLL_SECONDS,
            safety_poll_seconds=settings.NEWSDESK_LIVE_SAFETY_POLL_SECONDS,
            heartbeat_seconds=settings.NEWSDESK_LIVE_HEARTBEAT_SECONDS,
            watch=for_default_database(),
        )
        self.listener: Listener | None = listener_for(self.hub)
        self.started = False
        global ACCESS_LOG, LOG_ADDRESSES
        ACCESS_LOG = settings.NEWSDESK_ACCESS_LOG
        LOG_ADDRESSES = settings.NEWSDESK_LOG_ADDRESSES
        self.readyz = Readiness()
        from .metrics import Tally

        self.tally = Tally(self.hub)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "http":
            path = scope["path"]
            if path == "/live" and self.started:
                from newsdesk.live.stream import live

                await live(self.hub, scope, receive, send)
                return
            if path == "/live/desk" and self.started:
                from newsdesk.live.desk import desk_live

                await desk_live(self.hub, scope, receive, send)
                return
            if path in PROBES:
                await self._probe(path, scope, send)
                return
            started = time.perf_counter()
            send = _count(send, scope, started)
            key = None
            if PAGES.max_bytes:
                key = request_key(
                    scope["method"].encode(),
                    scope.get("raw_path") or scope["path"].encode(),
                    scope.get("query_string", b""),
                    scope.get("headers", []),
                )
            if key is not None:
                if self.started:  # another process may have committed (SQLite)
                    await self.hub.fresh()
                await self.pages.serve(key, scope, receive, send)
                return
            await self.django(scope, receive, _strip_deps(send, started))  # type: ignore[arg-type]
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        else:  # websockets are not part of newsdesk
            await send({"type": "websocket.close", "code": 1000})

    async def _probe(self, path: str, scope: Scope, send: Any) -> None:
        if path == "/healthz":
            await healthz(send)
        elif path == "/readyz":
            await self.readyz(send)
        else:
            from .metrics import metrics

            await metrics(scope, send, self.tally)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.hub.start()
                if self.listener is not None:
                    await self.listener.start()
                self.started = True
                from newsdesk.live import protocol

                protocol.ACTIVE_HUB = self.hub
                self.pages.start()
                self.tally.start()
                gc.collect()
                gc.freeze()
                # Thousands of open streams make every full collection long;
                # collect the young generation less eagerly.
                gc.set_threshold(10_000, 50, 100)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                from newsdesk.live import protocol

                protocol.ACTIVE_HUB = None
                self.pages.stop()
                self.tally.stop()
                if self.listener is not None:
                    await self.listener.stop()
                await self.hub.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


PROBES = frozenset({"/healthz", "/readyz", "/metrics"})
ACCESS_LOG = False
LOG_ADDRESSES = False
#: Django's 503 says the database failed (``unavailable.py``); never sent on.
UNAVAILABLE = b"x-newsdesk-unavailable"


def _count(send: Any, scope: Scope, started: float) -> Any:
    """Give the request its id (``X-Request-ID``, passed on to Django), count
    the response by route and status and time it (``newsdesk.ops.metrics``;
    hits from the page cache are counted by the cache itself, in a plain
    integer), and write the access log line when it is on."""
    from newsdesk.ops import metrics

    rid = new_request_id(header(scope.get("headers", []), b"x-request-id"))
    scope["headers"] = [
        *(h for h in scope.get("headers", []) if h[0] != b"x-request-id"),
        (b"x-request-id", rid.encode()),
    ]

    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = message.get("headers", [])
            route = header(headers, ROUTE_HEADER)
            cached = header(headers, b"x-cache")
            if header(headers, UNAVAILABLE):
                PAGES.failing()
            headers = [
                (n, v) for n, v in headers if n not in (ROUTE_HEADER, UNAVAILABLE, b"x-request-id")
            ]
            headers.append((b"x-request-id", rid.encode()))
            message = {**message, "headers": headers}
            took = time.perf_counter() - started
            label = (route or scope.get("newsdesk.route") or b"unmatched").decode("latin-1")
            if cached in (b"hit", b"stale"):
                label = "page-cache"
            else:
                metrics.REQUESTS.labels(label, str(message["status"])).inc()
                metrics.LATENCY.labels(label).observe(took)
            if ACCESS_LOG:
                _access(scope, message["status"], label, took, cached, rid)
        await send(message)

    return wrapped


def _access(scope: Scope, status: int, route: str, took: float, cached: bytes, rid: str) -> None:
    """One line per request: no query string (search words, cursors), no
    cookies or credentials, the client's address only when configured."""
    fields: dict[str, Any] = {
        "method": scope["method"],
        "path": scope["path"],
        "status": status,
        "route": route,
        "duration_ms": round(took * 1000, 1),
        "cache": cached.decode("latin-1") or "-",
        "request_id": rid,
    }
    if LOG_ADDRESSES and scope.get("client") and may_log_address(scope["path"]):
        fields["client"] = scope["client"][0]
    access_log.info(
        "%s %s %s %.1fms", scope["method"], scope["path"], status, took * 1000, extra=fields
    )


def _strip_deps(send: Any, started: float) -> Any:
    """Drop the internal dependency header, and say how long the server took
    to produce the response (``Server-Timing: app;dur=`` in milliseconds,
    from the request's arrival here to its headers: Django's thread hand-off
    and render, not the network)."""

    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = strip_deps(list(message.get("headers", [])))[0]
            took = (time.perf_counter() - started) * 1000
            headers.append((b"server-timing", f"app;dur={took:.1f}".encode()))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


application = Front()
