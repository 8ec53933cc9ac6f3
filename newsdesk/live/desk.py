"""``GET /live/desk``: the desk's own events, for signed-in desk people only.

Readers' ``/live`` carries public events. The desk also wants to hear of
things readers must never see: a wire story spreading across outlets, new
wire items for an open monitor. Those are outbox events of type ``desk.*``
(never public), read by the same hub after the public ones
(``Hub.desk_log``), and streamed here in the same frame format.

The session cookie is checked once, when the stream opens, the way Django
checks it for a page (``auth.get_user``: the session, the user's session
hash, the user still active) and the user must have the desk's permission.
Anyone else gets a 403 and no stream. ``Last-Event-ID`` resumes from memory
(the last ``DESK_LOG`` desk events); older positions start from now.
"""

from __future__ import annotations

import asyncio
from importlib import import_module
from typing import Any

from django.conf import settings

from . import events
from .hub import HEARTBEAT, Hub
from .stream import plain_answer, request_headers, start_stream, until_disconnect

Scope = dict[str, Any]
#: The permission every desk page asks for (contributors, editors, admins).
DESK_PERMISSION = "news.add_article"


class _Request:
    """What ``django.contrib.auth.get_user`` reads of a request."""

    def __init__(self, session: Any) -> None:
        self.session = session


def desk_user_id(session_key: str) -> int | None:
    """The signed-in desk person's id for this session key, or ``None``."""
    from django.contrib.auth import get_user

    if not session_key or len(session_key) > 64:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    user = get_user(_Request(store))  # type: ignore[arg-type]
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.has_perm(DESK_PERMISSION):
        return None
    return int(user.pk)


def _cookie(scope: Scope, name: str) -> str:
    raw = request_headers(scope).get(b"cookie", b"").decode("latin-1")
    for part in raw.split(";"):
        key, _sep, value = part.strip().partition("=")
        if key == name:
            return value.strip()
    return ""


async def desk_live(hub: Hub, scope: Scope, receive: Any, send: Any) -> None:
    if scope.get("method", "GET") != "GET":
        await plain_answer(send, 405, "Method Not Allowed\n", [(b"allow", b"GET")])
        return
    key = _cookie(scope, settings.SESSION_COOKIE_NAME)
    try:
        user_id = await hub.db(desk_user_id, key)
    except Exception:  # noqa: BLE001 - a database that fails: no stream, the page polls
        await plain_answer(send, 503, "Service Unavailable\n", [(b"retry-after", b"10")])
        return
    if user_id is None:
        await plain_answer(send, 403, "Forbidden: sign in to the desk.\n", [])
        return
    header_id = request_headers(scope).get(b"last-event-id")
    last = events.parse_id(header_id.decode("latin-1")) if header_id is not None else None
    await hub.catch_up()
    floor = hub.desk_log[0].id - 1 if hub.desk_log else hub.desk_cursor
    cursor = last if last is not None and floor <= last <= hub.desk_cursor else hub.desk_cursor
    await start_stream(send, b"no-store, private")
    retry = f"retry: {settings.NEWSDESK_LIVE_RETRY_MS}\n\n".encode()
    disconnected = asyncio.ensure_future(until_disconnect(receive))
    try:
        await send({"type": "http.response.body", "body": retry, "more_body": True})
        beat = hub.beat
        while not disconnected.done():
            changed = hub.changed
            fresh = hub.desk_since(cursor)
            if fresh:
                cursor = fresh[-1].id
                body = b"".join(event.frame for event in fresh)
                await send({"type": "http.response.body", "body": body, "more_body": True})
                beat = hub.beat
            elif hub.beat != beat:
                await send({"type": "http.response.body", "body": HEARTBEAT, "more_body": True})
                beat = hub.beat
            await asyncio.wait((disconnected, changed), return_when=asyncio.FIRST_COMPLETED)
    except OSError:
        pass  # the client went away mid-write
    finally:
        disconnected.cancel()
