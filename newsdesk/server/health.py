"""``/healthz`` and ``/readyz``, answered by the ASGI front before Django.

- ``/healthz``: the process answers (its event loop runs). No I/O.
- ``/readyz``: this process can serve everything: the database answers,
  Redis answers when ``REDIS_URL`` is set, no migration is waiting, and a
  worker finished a pass within ``NEWSDESK_WORKER_STALE_SECONDS``. The read
  replica, when set, is reported but not required.

Both answer JSON, 200 or 503. Readiness is checked on one thread of its own,
and requests that arrive while a check runs share its answer, so polling
every second from several balancers costs one round of queries at a time.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

log = logging.getLogger(__name__)

#: Seconds a "no migration waiting" answer is trusted before it is asked again.
MIGRATIONS_RECHECK = 60.0
HEADERS = [
    (b"content-type", b"application/json"),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
]


async def answer(send: Any, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, separators=(",", ":")).encode() + b"\n"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*HEADERS, (b"content-length", b"%d" % len(data))],
        }
    )
    await send({"type": "http.response.body", "body": data})


async def healthz(send: Any) -> None:
    await answer(send, 200, {"status": "ok"})


class Readiness:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-readyz")
        self._running: asyncio.Future[tuple[bool, dict[str, Any]]] | None = None
        self._migrated_at: float | None = None

    async def __call__(self, send: Any) -> None:
        if self._running is None or self._running.done():
            loop = asyncio.get_running_loop()
            self._running = asyncio.ensure_future(loop.run_in_executor(self._pool, self.check))
        ready, checks = await asyncio.shield(self._running)
        await answer(send, 200 if ready else 503, {"ready": ready, "checks": checks})

    def check(self) -> tuple[bool, dict[str, Any]]:
        """Every check with its answer; ready when all are ``ok``."""
        checks: dict[str, Any] = {}
        close_old_connections()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            checks["database"] = {"ok": True}
        except DatabaseError as exc:
            checks["database"] = {"ok": False, "error": _short(exc)}
            connection.close()  # reconnect next time
        if settings.REDIS_URL:
            checks["redis"] = _redis()
        if checks["database"]["ok"]:
            checks["migrations"] = self._migrations()
            checks["worker"] = _worker()
            if "replica" in settings.DATABASES:
                from .replica import check

                checks["replica"] = check()
        # A replica that is down sends public reads to the primary: reported,
        # never a reason to take the process out of the balancer.
        ready = all(c["ok"] for c in checks.values() if c.get("required", True))
        ready = ready and "worker" in checks
        return ready, checks

    def _migrations(self) -> dict[str, Any]:
        now = time.monotonic()
        if self._migrated_at is not None and now - self._migrated_at < MIGRATIONS_RECHECK:
            return {"ok": True}
        from django.db.migrations.executor import MigrationExecutor

        try:
            executor = MigrationExecutor(connection)
            waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            return {"ok": False, "error": _short(exc)}
        if waiting:
            return {"ok": False, "waiting": len(waiting)}
        self._migrated_at = now
        return {"ok": True}


def _worker() -> dict[str, Any]:
    from newsdesk.worker.heartbeat import latest

    try:
        last = latest()
    except DatabaseError as exc:
        return {"ok": False, "error": _short(exc)}
    if last is None:
        return {"ok": False, "error": "no worker has run"}
    age = (timezone.now() - last).total_seconds()
    return {"ok": age <= settings.NEWSDESK_WORKER_STALE_SECONDS, "age_seconds": round(age, 1)}


def _redis() -> dict[str, Any]:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError as exc:
        return {"ok": False, "error": _short(exc)}
    return {"ok": True}


def _short(exc: Exception) -> str:
    """The error's kind and first line: enough to act on, no credentials
    (drivers put the host and user in some messages, never the password)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:200]
