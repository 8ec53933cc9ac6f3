"""One hub per process: reads new public events from the table once per
wake-up and shares them with every open stream.

Connections never poll the database. They wait on one shared future that
the hub resolves when it has read new events (or at each heartbeat tick),
then copy the frames they want from the hub's in-memory log. The log keeps
the most recent events, so a reader reconnecting with a recent
``Last-Event-ID`` is answered from memory; older positions are read from the
table, and positions older than the retention horizon get a ``reset``.

What wakes the hub: a commit in this process (the ``events_committed``
signal), a broker (PostgreSQL LISTEN/NOTIFY or Redis pub/sub) for commits in
other processes, and a timer: every ``poll_seconds`` while no broker is
healthy, every ``safety_poll_seconds`` while one is. On SQLite a watcher
(``freshness.py``) also wakes it within tens of milliseconds of a commit by
another process. A lost wake-up costs latency, never an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from django.db import DatabaseError, close_old_connections

from newsdesk.cache.invalidation import deps_for_events
from newsdesk.cache.store import PAGES

from . import events
from .events import LiveEvent
from .freshness import DataVersion

log = logging.getLogger(__name__)
T = TypeVar("T")
HEARTBEAT = b": keep-alive\n\n"
DESK_LOG = 512

#: Hubs running in this process, woken directly by local commits.
RUNNING: weakref.WeakSet[Hub] = weakref.WeakSet()


class Hub:
    def __init__(
        self,
        *,
        poll_seconds: float,
        safety_poll_seconds: float,
        heartbeat_seconds: float,
        log_size: int = 4096,
        batch: int = 1000,
        watch: DataVersion | None = None,
    ) -> None:
        self.poll_seconds = poll_seconds
        self.safety_poll_seconds = safety_poll_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.batch = batch
        #: SQLite's commit counter, when the database is an SQLite file.
        self.watch = watch
        #: The desk's own events (``desk.*``: wire stories spreading, new wire
        #: items) for ``/live/desk``; read after the public ones.
        self.desk_log: deque[LiveEvent] = deque(maxlen=DESK_LOG)
        self.desk_cursor = 0
        self.log: deque[LiveEvent] = deque()
        self.log_size = log_size
        #: Every public event with an id in (log_floor, cursor] is in the log.
        self.log_floor = 0
        #: The highest event id this hub has read up to.
        self.cursor = 0
        self.horizon = 0
        self.beat = 0
        self.broker_healthy = False
        self.connections = 0
        #: Events written to readers (one per event per reader), for the metrics.
        self.delivered = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._changed: asyncio.Future[None] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._read_lock: asyncio.Lock | None = None
        self._reads_started = 0
        #: Connection-level streams (``protocol.LiveStream``) the hub writes to.
        self.subscribers: set[Any] = set()
        self._opening: set[asyncio.Task[None]] = set()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-live-db")

    # Life cycle -------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._read_lock = asyncio.Lock()
        self._changed = self._loop.create_future()
        try:
            await self._initial_read()
        except Exception:  # a database that is down at start-up: keep serving
            log.exception("live: cannot read the events table at start-up; will retry")
        self._tasks = [
            asyncio.create_task(self._read_loop(), name="newsdesk-live-read"),
            asyncio.create_task(self._heartbeat_loop(), name="newsdesk-live-heartbeat"),
        ]
        if self.watch is not None:
            self._tasks.append(asyncio.create_task(self._watch_loop(), name="newsdesk-live-watch"))
        RUNNING.add(self)

    async def stop(self) -> None:
        RUNNING.discard(self)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._broadcast()  # let waiting streams notice and finish
        for task in list(self._opening):
            task.cancel()
        for subscriber in list(self.subscribers):
            subscriber.close()
        self.subscribers.clear()
        await self.db(close_old_connections)
        self._db.shutdown(wait=False)
        if self.watch is not None:
            self.watch.close()

    async def _initial_read(self) -> None:
        latest = await self.db(events.latest_id)
        self.horizon = await self.db(events.horizon)
        # Warm the log with recent events, so reconnecting readers (after a
        # restart, say) are answered from memory.
        start = max(0, latest - self.log_size)
        recent = await self.db(events.public_after, start, self.log_size)
        self.log.extend(recent)
        # Pruned events cannot be in the log: below the horizon, ask the table.
        self.log_floor = max(start, self.horizon)
        self.cursor = max(latest, recent[-1].id if recent else 0)
        self.desk_cursor = self.cursor
        # Shared cached pages are only as current as the events applied to them.
        await self.db(PAGES.reconcile, self.cursor)

    # Waking --------------------------------------------------------------------

    def wake(self) -> None:
        """Read the table now (call from the hub's event loop)."""
        if self._wake is not None:
            self._wake.set()

    def wake_threadsafe(self) -> None:
        """Read the table now (call from any thread)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.wake)

    def set_broker_healthy(self, healthy: bool) -> None:
        if healthy != self.broker_healthy:
            log.info("live: broker %s", "connected" if healthy else "unavailable; polling")
        self.broker_healthy = healthy
        self.wake()  # re-read now, and pick the right timer

    # Reading -----------------------------------------------------------------

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the hub's database thread (the ORM is synchronous)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, _with_connection, fn, *args)

    async def _read_loop(self) -> None:
        assert self._wake is not None
        while True:
            timeout = self.safety_poll_seconds if self.broker_healthy else self.poll_seconds
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()
            try:
                await self.read_new()
                PAGES.hub_read()
            except DatabaseError as exc:
                # Streams stay open (heartbeats go on); reads resume when the
                # database answers, from the cursor, so nothing is skipped.
                PAGES.failing(hub=True)
                log.warning("live: the database is not answering (%s); retrying",
                            type(exc).__name__)  # fmt: skip
                await asyncio.sleep(self.poll_seconds)
            except Exception:
                log.exception("live: reading new events failed; retrying")
                await asyncio.sleep(self.poll_seconds)

    async def read_new(self) -> None:
        """Read every public event committed so far (one read at a time)."""
        assert self._read_lock is not None, "the hub has not been started"
        async with self._read_lock:
            self._reads_started += 1
            await self._read_new_locked()

    async def catch_up(self) -> int:
        """The cursor, once a read that began after this call has finished.

        Many streams opening at once share reads instead of each running one.
        """
        assert self._read_lock is not None, "the hub has not been started"
        arrived = self._reads_started
        async with self._read_lock:
            if self._reads_started == arrived:
                self._reads_started += 1
                await self._read_new_locked()
        return self.cursor

    async def fresh(self) -> None:
        """Return once this process has read every event committed before
        the call, when another process may have committed since the last
        read (SQLite; elsewhere brokers wake the hub and this returns)."""
        if self.watch is not None and self._read_lock is not None and self.watch.moved():
            try:
                await self.catch_up()
            except DatabaseError as exc:  # the page cache marks pages stale meanwhile
                log.warning("live: cannot read new events (%s)", type(exc).__name__)

    async def _watch_loop(self) -> None:
        assert self.watch is not None
        from django.conf import settings

        while True:
            await asyncio.sleep(settings.NEWSDESK_LIVE_WATCH_SECONDS)
            if self.watch.tick():
                self.wake()

    async def _read_new_locked(self) -> None:
        version = self.watch.read() if self.watch is not None else None
        await self._read_batches()
        await self._read_desk()
        if self.watch is not None:
            self.watch.caught_up(version)

    async def _read_batches(self) -> None:
        while True:
            fresh = await self.db(events.public_after, self.cursor, self.batch)
            if not fresh:
                return
            # Cached pages first: a reader told of a change must not then be
            # served the page from before it.
            changed = await self.db(deps_for_events, [e.id for e in fresh])
            await PAGES.refresh(changed, (self.cursor, fresh[-1].id), self.db)
            self.log.extend(fresh)
            self.cursor = fresh[-1].id
            while len(self.log) > self.log_size:
                self.log_floor = self.log.popleft().id
            self._fan_out(fresh)
            self._broadcast()
            if len(fresh) < self.batch:
                return

    async def _read_desk(self) -> None:
        """The desk's events. Event ids commit in order (``outbox.emit``), so
        once the public read reached ``cursor`` every event up to it is
        visible: the next read starts there, however rare desk events are."""
        fresh = await self.db(events.desk_after, self.desk_cursor, DESK_LOG)
        self.desk_log.extend(fresh)
        self.desk_cursor = max(self.desk_cursor, self.cursor, fresh[-1].id if fresh else 0)
        if fresh:
            self._broadcast()

    def desk_since(self, after_id: int) -> list[LiveEvent]:
        """Desk events after ``after_id`` still in memory."""
        return [event for event in self.desk_log if event.id > after_id]

    async def _heartbeat_loop(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            self.beat += 1
            for subscriber in list(self.subscribers):
                subscriber.write(HEARTBEAT)
            self._broadcast()

    def _broadcast(self) -> None:
        if self._loop is None:
            return
        changed, self._changed = self._changed, self._loop.create_future()
        if changed is not None and not changed.done():
            changed.set_result(None)

    def _fan_out(self, fresh: list[LiveEvent]) -> None:
        """Write a batch to every connection-level stream, one join per filter."""
        if not self.subscribers:
            return
        by_filter: dict[events.Filter, tuple[bytes, int]] = {}
        for subscriber in list(self.subscribers):
            found = by_filter.get(subscriber.tags)
            if found is None:
                wanted = [e.frame for e in fresh if e.wanted_by(subscriber.tags)]
                found = by_filter[subscriber.tags] = (b"".join(wanted), len(wanted))
            if found[1]:
                subscriber.write(found[0])
                self.delivered += found[1]

    # For streams -------------------------------------------------------------

    def subscribe(self, subscriber: Any, cursor: int) -> None:
        """Start writing new batches to ``subscriber``.

        The caller has just written everything in the hub's memory after
        ``cursor`` without awaiting since, so the next batch is its next.
        """
        self.subscribers.add(subscriber)

    def unsubscribe(self, subscriber: Any) -> None:
        self.subscribers.discard(subscriber)

    def track(self, task: asyncio.Task[None]) -> None:
        self._opening.add(task)
        task.add_done_callback(self._opening.discard)

    @property
    def changed(self) -> asyncio.Future[None]:
        assert self._changed is not None, "the hub has not been started"
        return self._changed

    def since(self, after_id: int) -> list[LiveEvent] | None:
        """Events after ``after_id`` from memory, or ``None`` if memory no longer
        holds all of them (the caller reads the table instead)."""
        if after_id < self.log_floor:
            return None
        if not self.log or after_id >= self.log[-1].id:
            return []
        if after_id < self.log[0].id:
            return list(self.log)
        # Binary search: the log is ordered by id.
        low, high = 0, len(self.log)
        while low < high:
            mid = (low + high) // 2
            if self.log[mid].id <= after_id:
                low = mid + 1
            else:
                high = mid
        return [self.log[i] for i in range(low, len(self.log))]


def _with_connection(fn: Callable[..., T], *args: Any) -> T:
    close_old_connections()  # drop a connection the database has closed
    return fn(*args)


def wake_all() -> None:
    """Wake every hub in this process (from any thread)."""
    for hub in list(RUNNING):
        hub.wake_threadsafe()
