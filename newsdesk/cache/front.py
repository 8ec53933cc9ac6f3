"""The page cache in the ASGI front: what happens to a cacheable request that
the connection-level fast path could not answer from memory, and the pages
the front renders by itself.

1. This process's copy, else the shared one in Redis (``PageCache.alookup``).
2. If another request for the same page is being rendered and began after
   the latest invalidation, wait for it and answer with its page instead of
   rendering the same page again (a publish drops the feed page while dozens
   of readers ask for it).
3. Otherwise Django renders; a response that names its dependencies is
   stored and answered from the entry (with its ETag, 304 and compression).

When the live hub reads new events, the most requested pages they change
(``NEWSDESK_PAGE_CACHE_WARM`` of them) are rendered first and take the old
pages' place in the same step as the invalidation (``PageCache.refresh``):
readers go from the old page to the new one without a miss. Pages dropped
otherwise (a commit in this process, an edit) are rendered again right after.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any
from urllib.parse import unquote

from .http import cacheable, response_headers, strip_deps
from .store import PAGES, ROUTE_HEADER, Entry, Token, make_entry

log = logging.getLogger(__name__)
Scope = dict[str, Any]
#: The client of the front's own renders (warming, refresh): port 0, which no
#: real connection has. newsdesk/server/replica.py reads them from the primary.
OWN_CLIENT = ("127.0.0.1", 0)


class PageFront:
    def __init__(self, django: Any, warm: int = 4) -> None:
        self.django = django
        self.warm_limit = warm
        #: Renders in progress: key -> (local generation when it began, page).
        self.inflight: dict[str, tuple[int, asyncio.Future[Entry | None]]] = {}
        #: Host header and server of the latest request rendered here, for
        #: renders this front starts itself.
        self.origin: tuple[bytes, Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._warming: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Render pages again for invalidations from now on (call on the
        event loop)."""
        self._loop = asyncio.get_running_loop()
        if self.warm_limit:
            PAGES.dropped_listeners.append(self._dropped)
            PAGES.renderer = self.render
            PAGES.refresh_limit = self.warm_limit

    def stop(self) -> None:
        if self._dropped in PAGES.dropped_listeners:
            PAGES.dropped_listeners.remove(self._dropped)
        if PAGES.renderer == self.render:
            PAGES.renderer = None
        for task in list(self._warming):
            task.cancel()

    async def serve(self, key: str, scope: Scope, receive: Any, send: Any) -> None:
        entry, token = await PAGES.alookup(key)
        if entry is not None:
            if PAGES.degraded:
                PAGES.stale += 1
                await send_entry(entry, scope, send, b"stale")
                return
            await send_entry(entry, scope, send)
            return
        flight = self.inflight.get(key)
        if flight is not None and flight[0] == token.local:
            entry = await asyncio.shield(flight[1])
            if entry is not None:
                await send_entry(entry, scope, send, b"miss")
                return
        host = next((v for n, v in scope.get("headers", []) if n == b"host"), None)
        if host is not None:
            self.origin = (host, scope.get("server"))
        page: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        mine = (token.local, page)
        if scope["method"] == "GET":
            self.inflight[key] = mine
        try:
            await self.django(scope, receive, Capture(key, scope, send, token, page))
        finally:
            if self.inflight.get(key) is mine:
                del self.inflight[key]
            if not page.done():
                page.set_result(None)

    # Warming -------------------------------------------------------------------

    def _dropped(self, keys: list[str]) -> None:
        """``PageCache`` dropped these pages, most requested first (any thread)."""
        loop = self._loop
        if loop is None or loop.is_closed() or self.origin is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._warm, keys[: self.warm_limit])

    def _warm(self, keys: list[str]) -> None:
        for key in keys:
            if key in self.inflight:
                continue  # a reader's request is rendering it already
            task = asyncio.get_running_loop().create_task(self._render(key))
            self._warming.add(task)
            task.add_done_callback(self._warming.discard)

    async def render(self, keys: list[str]) -> dict[str, Entry]:
        """Render these pages now, without storing them (``PageCache.refresh``
        swaps them in)."""
        if self.origin is None:
            return {}
        found = await asyncio.gather(*(self._render_entry(k) for k in keys))
        return {key: entry for key, entry in zip(keys, found, strict=True) if entry is not None}

    async def _render_entry(self, key: str) -> Entry | None:
        scope, receive = self._request(key)
        page: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        await self.django(scope, receive, Capture(key, scope, _discard, None, page))
        return page.result() if page.done() else None

    async def _render(self, key: str) -> None:
        scope, receive = self._request(key)
        try:
            await self.serve(key, scope, receive, _discard)
        except Exception:
            log.warning("page cache: could not render %s again", key, exc_info=True)

    def _request(self, key: str) -> tuple[Scope, Any]:
        """A plain anonymous GET of ``key``, as the front's own request."""
        assert self.origin is not None
        host, server = self.origin
        raw_path = key.encode("latin-1")
        scope: Scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": unquote(key),
            "raw_path": raw_path,
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", host)],
            "server": server,
            "client": OWN_CLIENT,
        }
        sent = asyncio.Event()

        async def receive() -> dict[str, Any]:
            if sent.is_set():
                await asyncio.Event().wait()  # never disconnects
            sent.set()
            return {"type": "http.request", "body": b"", "more_body": False}

        return scope, receive


async def _discard(message: dict[str, Any]) -> None:
    pass


async def send_entry(entry: Entry, scope: Scope, send: Any, source: bytes = b"hit") -> None:
    status, headers, body = response_headers(
        entry, scope["method"].encode(), scope.get("headers", []), source
    )
    if status == 304 and source == b"hit":
        PAGES.not_modified += 1
    if source == b"stale":  # RFC 7234's warning: shown while the database fails
        headers.append((b"warning", b'110 - "Response is Stale"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Capture:
    """Wraps ``send`` for a cacheable request Django answers: a response that
    names its dependencies is stored, then answered from the entry (with its
    ETag, 304 and compression); anything else passes through unchanged."""

    def __init__(
        self,
        key: str,
        scope: Scope,
        send: Any,
        token: Token | None,
        page: asyncio.Future[Entry | None],
    ) -> None:
        self.key = key
        self.scope = scope
        self.send = send
        self.token = token
        self.page = page
        self.start: dict[str, Any] | None = None
        self.deps: str | None = None
        self.body: list[bytes] = []

    async def __call__(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers, deps = strip_deps(list(message.get("headers", [])))
            if deps is None or not cacheable(message["status"], headers):
                await self.send({**message, "headers": headers})
                return
            self.start = {**message, "headers": headers}
            self.deps = deps
            route = next((v for n, v in headers if n == ROUTE_HEADER), None)
            if route is not None:  # the entry drops it; the metrics read it here
                self.scope["newsdesk.route"] = route
            return
        if self.start is None:
            await self.send(message)
            return
        self.body.append(message.get("body", b""))
        if message.get("more_body"):
            return
        entry = make_entry(
            self.start["status"],
            self.start["headers"],
            b"".join(self.body),
            frozenset(self.deps.split()) if self.deps else frozenset(),
        )
        if self.scope["method"] == "GET":
            if self.token is not None:  # else the caller stores it
                PAGES.put(self.key, entry, self.token, background=True)
            if not self.page.done():
                self.page.set_result(entry)
        await send_entry(entry, self.scope, self.send, b"miss")
