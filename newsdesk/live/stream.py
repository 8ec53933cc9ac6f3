"""``GET /live``: the public outbox as Server-Sent Events, in plain ASGI.

Answered by the ASGI front before Django, so an open stream costs a
coroutine and a few small objects, not a thread. The protocol:

- ``retry: <ms>`` first, then one frame per public event: ``id`` is the
  outbox id, ``event`` its type, ``data`` a JSON object
  ``{"id", "type", "created_at", "article": {...}}``.
- ``Last-Event-ID`` (header, or ``?last_event_id=`` on the first connection)
  resumes after that id: every public event since, exactly once, in order.
  An id older than the retention horizon, or newer than anything this
  database has written, gets a ``reset`` frame instead (reload the page); a
  garbage id counts as absent and the stream starts from now.
- ``?tag=<slug>`` (repeatable) keeps only events about those tags (and
  unpublishes, which carry no tags and concern everyone).
- ``?coverage=<slug>`` keeps only the events of one live coverage: its own
  (``coverage.*``) and those of the updates in it (and unpublishes).
- A comment at least every heartbeat interval keeps proxies from closing an
  idle stream; ``X-Accel-Buffering: no`` stops nginx from buffering it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings

from . import events
from .hub import HEARTBEAT, Hub

log = logging.getLogger(__name__)

MAX_REPLAY = 5000

Scope = dict[str, Any]


def request_headers(scope: Scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", [])}


async def plain_answer(send: Any, status: int, text: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def start_stream(send: Any, cache_control: bytes = b"no-store") -> None:
    """The response head of an event stream (``/live``, ``/live/desk``)."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"text/event-stream; charset=utf-8"),
                (b"cache-control", cache_control),
                (b"x-accel-buffering", b"no"),
                (b"x-content-type-options", b"nosniff"),
            ],
        }
    )


async def live(hub: Hub, scope: Scope, receive: Any, send: Any) -> None:
    method = scope.get("method", "GET")
    if method not in {"GET", "HEAD"}:
        await plain_answer(send, 405, "Method Not Allowed\n", [(b"allow", b"GET, HEAD")])
        return
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    wanted = events.Filter.from_query(query)
    header_id = request_headers(scope).get(b"last-event-id")
    raw_id = header_id.decode("latin-1") if header_id is not None else None
    if raw_id is None and query.get("last_event_id"):
        raw_id = query["last_event_id"][0]
    last = events.parse_id(raw_id)

    await start_stream(send)
    if method == "HEAD":
        await send({"type": "http.response.body", "body": b""})
        return

    hub.connections += 1
    disconnected = asyncio.ensure_future(until_disconnect(receive))
    try:
        opening_bytes, cursor = await opening(hub, last, wanted)
        await send({"type": "http.response.body", "body": opening_bytes, "more_body": True})
        beat = hub.beat
        while not disconnected.done():
            changed = hub.changed
            chunks, cursor = await catch_up_frames(hub, cursor, wanted)
            if chunks:
                await send({"type": "http.response.body", "body": chunks, "more_body": True})
                hub.delivered += chunks.count(b"\nevent: ")  # one per frame
                beat = hub.beat
            elif hub.beat != beat:
                await send({"type": "http.response.body", "body": HEARTBEAT, "more_body": True})
                beat = hub.beat
            if chunks and hub.changed is not changed:
                continue  # more arrived while we were sending
            await asyncio.wait((disconnected, changed), return_when=asyncio.FIRST_COMPLETED)
    except OSError:
        pass  # the client went away mid-write
    finally:
        hub.connections -= 1
        disconnected.cancel()


async def until_disconnect(receive: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def opening(hub: Hub, last: int | None, wanted: events.Filter) -> tuple[bytes, int]:
    """The first bytes of a stream and the position it continues from."""
    retry = f"retry: {settings.NEWSDESK_LIVE_RETRY_MS}\n\n".encode()
    if last is None:  # from now: whatever was committed before this request
        return retry, await hub.catch_up()
    if last > hub.cursor:
        await hub.catch_up()  # perhaps this hub has not read it yet
    if last > hub.cursor:  # an id this database never wrote
        return retry + events.reset_frame(hub.cursor), hub.cursor
    replay = hub.since(last)
    if replay is None:
        hub.horizon = await hub.db(events.horizon)
        if last < hub.horizon:  # events after it were pruned
            return retry + events.reset_frame(hub.cursor), hub.cursor
        replay = await hub.db(events.public_after, last, MAX_REPLAY + 1)
        if len(replay) > MAX_REPLAY:
            return retry + events.reset_frame(hub.cursor), hub.cursor
    cursor = max(last, replay[-1].id) if replay else last
    return retry + b"".join(e.frame for e in replay if e.wanted_by(wanted)), cursor


async def catch_up_frames(hub: Hub, cursor: int, wanted: events.Filter) -> tuple[bytes, int]:
    """Everything after ``cursor`` up to the hub's position.

    Returns without awaiting after its last look at the hub's memory, so a
    caller that subscribes right away cannot miss a batch in between.
    """
    out: list[bytes] = []
    while True:
        fresh = hub.since(cursor)
        if fresh is not None:
            out.extend(e.frame for e in fresh if e.wanted_by(wanted))
            return b"".join(out), fresh[-1].id if fresh else cursor
        older = await hub.db(events.public_after, cursor, MAX_REPLAY)
        out.extend(e.frame for e in older if e.wanted_by(wanted))
        cursor = older[-1].id if older else max(cursor, hub.log_floor)
