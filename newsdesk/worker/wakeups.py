"""Commits in other processes wake the worker at once.

A commit in the worker's own process wakes it through ``events_committed``.
A publish on the desk happens in a web process, though, and a worker of its
own (``newsdesk worker``) heard of it only at its next poll (1 s): the purge
that makes the page fresh in Varnish or a CDN, the webhooks and the WebSub
pings waited for it. So the worker listens where the live hubs listen
(``newsdesk.live.brokers``):

- Redis pub/sub with ``REDIS_URL``;
- PostgreSQL LISTEN/NOTIFY on PostgreSQL (``outbox.emit`` notifies inside
  the publishing transaction);
- on SQLite, ``PRAGMA data_version`` every ``NEWSDESK_LIVE_WATCH_SECONDS``,
  asked by the loop itself (``loop.run``), which takes in the moves its own
  pass made (the heartbeat writes at every pass) so that they wake nothing.

A wake-up only shortens the wait: the worker reads everything from the
tables, and the poll still runs when a listener is down (it reconnects with
backoff, like the hubs' listeners).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

MAX_BACKOFF = 5.0


def start(wake: threading.Event, stop: threading.Event) -> threading.Thread | None:
    """Start the listener thread for the configured broker (``None`` when
    there is nothing to listen to)."""
    from newsdesk.live.brokers import broker_name

    name = broker_name()
    listen: Callable[[threading.Event, threading.Event], None] | None
    if name == "redis":
        listen = _redis
    elif name == "postgres":
        listen = _postgres
    else:
        return None
    thread = threading.Thread(
        target=_forever,
        args=(listen, name, wake, stop),
        name=f"newsdesk-worker-wakeups-{name}",
        daemon=True,
    )
    thread.start()
    return thread


def _forever(
    listen: Callable[[threading.Event, threading.Event], None],
    name: str,
    wake: threading.Event,
    stop: threading.Event,
) -> None:
    backoff = 0.25
    while not stop.is_set():
        try:
            listen(wake, stop)
            backoff = 0.25
        except Exception as exc:  # noqa: BLE001 - whatever ends a listener, the poll covers and it retries
            log.warning(
                "worker: %s wake-ups lost (%s); polling, retrying in %.1fs",
                name,
                type(exc).__name__,
                backoff,
            )
        wake.set()  # whatever was missed meanwhile: look now
        stop.wait(backoff)
        backoff = min(MAX_BACKOFF, backoff * 2)


def _redis(wake: threading.Event, stop: threading.Event) -> None:
    import redis

    from newsdesk.live.brokers import REDIS_CHANNEL

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    pubsub = client.pubsub()
    try:
        pubsub.subscribe(REDIS_CHANNEL)
        while not stop.is_set():
            message = pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is not None:
                wake.set()
    finally:
        with contextlib.suppress(Exception):
            pubsub.close()
        with contextlib.suppress(Exception):
            client.close()


def _postgres(wake: threading.Event, stop: threading.Event) -> None:
    import psycopg

    from newsdesk.news.outbox import PG_CHANNEL

    params: dict[str, Any] = connections["default"].get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    params["connect_timeout"] = 3
    params["application_name"] = "newsdesk-worker-wakeups"
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f"LISTEN {PG_CHANNEL}")
        while not stop.is_set():
            for _notify in conn.notifies(timeout=1.0):
                wake.set()
            conn.execute("SELECT 1")  # the connection still answers
