"""``GET /live`` at the connection level, for ``newsdesk serve``.

uvicorn spends about 9 KiB per open request on its HTTP protocol object,
parser, request cycle, scope and task, and an ASGI streaming response needs a
second task to notice the client leaving: about 12 KiB per reader, where a
minimal asyncio SSE server needs about 5. So ``newsdesk serve`` runs uvicorn
with :class:`NewsdeskHttpProtocol`, which lets uvicorn parse the request line
and headers as usual and, for ``GET /live``, hands the socket to a
:class:`LiveStream` (a few slots), the way uvicorn hands a socket to its
WebSocket protocol. Everything else, and ``/live`` under any other ASGI
server, goes through the ASGI handler in ``stream.py``. Both speak the same
protocol from the same hub.

A live stream is written to directly by the hub when events arrive; a reader
too slow to keep its buffer under ``MAX_BUFFER`` is disconnected, and its
browser reconnects with ``Last-Event-ID`` and loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
from urllib.parse import parse_qs

import django
import httptools
from django.apps import apps
from django.conf import settings
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# uvicorn's worker processes import this class before the application.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
if not apps.ready:
    django.setup()

from newsdesk.cache.http import raw_parts, request_key
from newsdesk.cache.store import PAGES

from . import events
from .hub import Hub
from .stream import catch_up_frames, opening

log = logging.getLogger(__name__)

#: Bytes a reader may fall behind before it is disconnected.
MAX_BUFFER = 512 * 1024
RESPONSE_HEAD = (
    b"HTTP/1.1 200 OK\r\n"
    b"content-type: text/event-stream; charset=utf-8\r\n"
    b"cache-control: no-store\r\n"
    b"x-accel-buffering: no\r\n"
    b"x-content-type-options: nosniff\r\n"
    b"transfer-encoding: chunked\r\n"
    b"\r\n"
)

ACCESS_LOG = settings.NEWSDESK_ACCESS_LOG

#: The hub of this process, set by the ASGI front at start-up.
ACTIVE_HUB: Hub | None = None


def chunk(data: bytes) -> bytes:
    """One HTTP/1.1 chunk."""
    return b"%x\r\n%s\r\n" % (len(data), data)


class LiveStream(asyncio.Protocol):
    """An open ``/live`` connection: the hub writes frames to it."""

    __slots__ = ("hub", "tags", "transport")

    def __init__(self, hub: Hub, transport: asyncio.Transport, tags: events.Filter) -> None:
        self.hub = hub
        self.transport = transport
        self.tags = tags

    def data_received(self, data: bytes) -> None:
        pass  # a reader says nothing after its request

    def eof_received(self) -> bool:
        return False  # close

    def connection_lost(self, exc: Exception | None) -> None:
        self.hub.unsubscribe(self)

    def write(self, data: bytes) -> None:
        transport = self.transport
        if transport.is_closing():
            self.hub.unsubscribe(self)
            return
        if transport.get_write_buffer_size() > MAX_BUFFER:
            log.info("live: dropping a reader %d bytes behind", MAX_BUFFER)
            transport.close()
            self.hub.unsubscribe(self)
            return
        transport.write(chunk(data))

    def close(self) -> None:
        self.transport.close()

    async def start(self, last: int | None) -> None:
        try:
            head, cursor = await opening(self.hub, last, self.tags)
            # From here to subscribe() nothing awaits, so no batch can slip by.
            more, cursor = await catch_up_frames(self.hub, cursor, self.tags)
            if self.transport.is_closing():
                return
            self.transport.write(chunk(head + more))
            self.hub.subscribe(self, cursor)
        except Exception:
            log.exception("live: could not open a stream")
            self.transport.close()


class NewsdeskHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol, with two fast paths decided once the headers
    are parsed: ``GET /live`` becomes a :class:`LiveStream`, and an anonymous
    GET or HEAD of a cached page is answered from the page cache right here,
    without a task, a scope or Django."""

    _live = False
    _answered = False

    def on_message_begin(self) -> None:
        self._answered = False
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        if PAGES.max_bytes and self._answer_from_cache():
            return
        hub = ACTIVE_HUB
        if hub is not None and self.url[:5] == b"/live" and self.parser.get_method() == b"GET":
            parsed = httptools.parse_url(self.url)
            if parsed.path == b"/live" and not self.parser.should_upgrade():
                self._take_over(hub, parsed.query or b"")
                return
        super().on_headers_complete()

    def _take_over(self, hub: Hub, query_string: bytes) -> None:
        self._live = True
        query = parse_qs(query_string.decode("latin-1"))
        tags = events.Filter.from_query(query)
        raw_id = None
        for name, value in self.headers:
            if name == b"last-event-id":
                raw_id = value.decode("latin-1")
        if raw_id is None and query.get("last_event_id"):
            raw_id = query["last_event_id"][0]
        transport = self.transport
        stream = LiveStream(hub, transport, tags)
        self.connections.discard(self)
        self._unset_keepalive_if_required()
        transport.set_protocol(stream)
        transport.write(RESPONSE_HEAD)
        task = self.loop.create_task(stream.start(events.parse_id(raw_id)))
        hub.track(task)

    def _answer_from_cache(self) -> bool:
        if PAGES.degraded or ACCESS_LOG:
            # The front marks pages stale while the database fails, and
            # writes the access log (which costs more than a hit here).
            return False
        if self.pipeline or (self.cycle is not None and not self.cycle.response_complete):
            return False  # an earlier request on this connection is still being answered
        hub = ACTIVE_HUB
        if hub is not None and hub.watch is not None and hub.watch.moved():
            return False  # another process committed: the front reads it first
        parsed = httptools.parse_url(self.url)
        method = self.parser.get_method()
        key = request_key(method, parsed.path, parsed.query or b"", self.headers)
        if key is None:
            return False
        entry = PAGES.get(key)
        if entry is None:
            return False
        keep_alive = self.parser.should_keep_alive()
        # Header block and stored body in one vectored write, without a copy.
        self.transport.writelines(raw_parts(entry, method, self.headers, close=not keep_alive))
        self._answered = True
        if keep_alive:
            self.server_state.total_requests += 1
            if self.timeout_keep_alive_task is None:
                self._idle_timer = True
                self.timeout_keep_alive_task = self.loop.call_later(
                    self.timeout_keep_alive, self._idle_check
                )
        else:
            self.transport.close()
        return True

    # Keep-alive. uvicorn cancels its idle timer when data arrives and arms a
    # new one after each response: two timer operations per request, about a
    # tenth of a cached hit's CPU. After a cached hit the connection keeps one
    # timer that, when it fires, checks when data last arrived.

    _idle_timer = False
    _active_at = 0.0

    def _unset_keepalive_if_required(self) -> None:
        self._idle_timer = False
        super()._unset_keepalive_if_required()

    def _idle_check(self) -> None:
        self.timeout_keep_alive_task = None
        self._idle_timer = False
        if self.cycle is not None and not self.cycle.response_complete:
            return  # Django is answering: uvicorn arms its timer when it has
        idle = self.loop.time() - self._active_at
        if idle < self.timeout_keep_alive:
            self._idle_timer = True
            self.timeout_keep_alive_task = self.loop.call_later(
                self.timeout_keep_alive - idle, self._idle_check
            )
        else:
            self.timeout_keep_alive_handler()

    # The parser may still call these for a request already answered.
    def on_body(self, body: bytes) -> None:
        if not (self._live or self._answered):
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not (self._live or self._answered):
            super().on_message_complete()

    def data_received(self, data: bytes) -> None:
        if self._live:
            return
        if not self._idle_timer:
            super().data_received(data)
            return
        # uvicorn's data_received, less cancelling the idle timer.
        self._active_at = self.loop.time()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
