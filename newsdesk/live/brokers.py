"""Wake-ups between processes. A broker carries "something was committed",
never the data: streams always read events from the table.

- memory: commits in this process wake its hubs directly (always on).
- postgres: ``outbox.emit`` runs ``pg_notify`` inside the transaction, so the
  notification is delivered exactly when the event commits; each process
  LISTENs on one connection of its own.
- redis: after commit, the process PUBLISHes the ids; each process
  SUBSCRIBEs on one connection.

A listener that loses its connection marks the hub unhealthy (the hub then
reads the table every ``NEWSDESK_LIVE_POLL_SECONDS``), reconnects with
backoff, and wakes the hub once more when it is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from django.conf import settings
from django.db import connections

from newsdesk.news.outbox import PG_CHANNEL

from .hub import Hub, wake_all

log = logging.getLogger(__name__)

REDIS_CHANNEL = "newsdesk:events"
MAX_BACKOFF = 5.0


def broker_name() -> str:
    """The configured broker, with ``auto`` resolved."""
    name: str = settings.NEWSDESK_LIVE_BROKER
    if name != "auto":
        return name
    if settings.REDIS_URL:
        return "redis"
    if connections["default"].vendor == "postgresql":
        return "postgres"
    return "memory"


_redis_client: Any = None


def _redis() -> Any:
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        )
    return _redis_client


def announce(sender: object, event_ids: list[int], **kwargs: object) -> None:
    """``events_committed`` receiver: wake local hubs, then other processes."""
    wake_all()
    if broker_name() == "redis":
        try:
            _redis().publish(REDIS_CHANNEL, ",".join(map(str, event_ids)))
        except Exception:  # Redis down: other processes poll instead
            log.warning("live: cannot publish a wake-up to Redis", exc_info=True)


class Listener:
    """Base: keep a subscription alive, waking the hub on each message."""

    name = "none"

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run_forever(), name=f"newsdesk-live-{self.name}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run_forever(self) -> None:
        backoff = 0.25
        while True:
            try:
                await self.listen()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning(
                    "live: %s broker lost; retrying in %.1fs", self.name, backoff, exc_info=True
                )
            self.hub.set_broker_healthy(False)
            await asyncio.sleep(backoff)
            backoff = min(MAX_BACKOFF, backoff * 2)

    async def listen(self) -> None:
        raise NotImplementedError

    def connected(self) -> None:
        self.hub.set_broker_healthy(True)  # also wakes the hub to catch up


class PostgresListener(Listener):
    name = "postgres"

    async def listen(self) -> None:
        import psycopg

        params = connections["default"].get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("prepare_threshold", None)
        params["connect_timeout"] = 3
        params["application_name"] = "newsdesk-live"
        conn = await psycopg.AsyncConnection.connect(**params, autocommit=True)
        try:
            await conn.execute(f"LISTEN {PG_CHANNEL}")
            self.connected()
            while True:
                async for _notify in conn.notifies(timeout=5.0):
                    self.hub.wake()
                # No message for a while: make sure the connection still answers.
                await conn.execute("SELECT 1")
        finally:
            await conn.close()


class RedisListener(Listener):
    name = "redis"

    async def listen(self) -> None:
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, health_check_interval=5
        )
        pubsub = client.pubsub()
        try:
            await pubsub.subscribe(REDIS_CHANNEL)
            self.connected()
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
                if message is not None:
                    self.hub.wake()
                else:
                    await client.ping()
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()
            with contextlib.suppress(Exception):
                await client.aclose()


def listener_for(hub: Hub) -> Listener | None:
    name = broker_name()
    if name == "postgres":
        return PostgresListener(hub)
    if name == "redis":
        return RedisListener(hub)
    return None
