"""The read replica (``DATABASE_REPLICA_URL``): public reads, and nothing else.

``ReplicaRouter`` sends a read to the ``replica`` database only while a
request marked public is being handled on this thread, outside any
``transaction.atomic`` and before the request wrote anything; every write,
the desk, ``/admin``, the Admin API, the worker and the live hub use the
primary (``default``), since none of them runs inside a public request.

``PublicReadsMiddleware`` marks a request public: an anonymous GET or HEAD
(no session cookie, no ``Authorization``) outside ``/desk``, ``/admin`` and
``/api/admin``, and only while the replica has replayed every outbox event
this process knows of. The page cache drops a page when this process learns
of an event (its own commit, or the live hub reading one from the primary);
a page rendered again from a replica that has not replayed that event yet
would be stored with the old content until the next change. So the
replica's newest event id (a primary-key lookup, read again at most every
``POSITION_TTL`` seconds) must be at least the newest one this process has
seen: the hub's cursor, the page cache's, this process's own commits and,
with the page cache shared in Redis, the newest event any process applied
there. Otherwise the request reads the primary.

Pages the front renders by itself (warming after an invalidation, a
refresh before live readers are told) are rendered because of an event the
replica may not have replayed yet, and before the hub's cursor moves: they
read the primary. The front's own requests come from port 0, which no TCP
client has.

A replica that does not answer sends public reads to the primary, with one
warning per outage; it is asked again every ``RETRY_SECONDS``. A request
whose replica query fails is answered again from the primary.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase

from newsdesk.cache.front import OWN_CLIENT

log = logging.getLogger(__name__)

REPLICA = "replica"
#: Seconds a replica position that is behind is trusted before it is read again.
POSITION_TTL = 0.05
#: Seconds a position that is caught up is trusted (the replica only moves on).
POSITION_MAX_AGE = 1.0
#: Seconds between attempts while the replica does not answer.
RETRY_SECONDS = 5.0
#: Paths that never read the replica: the desk, Django's admin, the Admin API.
PRIVATE_PREFIXES = ("/desk", "/admin", "/api/admin")


class Reads:
    """Where this request's reads go; ``wrote`` once it wrote anything."""

    __slots__ = ("failed", "replica", "wrote")

    def __init__(self, replica: bool) -> None:
        self.replica = replica
        self.wrote = False
        self.failed = False


_reads: ContextVar[Reads | None] = ContextVar("newsdesk_public_reads", default=None)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` when ``DATABASE_REPLICA_URL`` is set."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is None or not reads.replica or reads.wrote:
            return "default"
        if connections["default"].in_atomic_block:
            return "default"  # a transaction's reads see its own writes
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True  # what follows must see it: the primary
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"  # the replica follows the primary's schema


class Position:
    """How far the replica has replayed the outbox, read at most every
    ``POSITION_TTL`` seconds by one thread at a time; whether it answers."""

    def __init__(self) -> None:
        self.value = -1
        self.read_at = float("-inf")
        self.down_since: float | None = None
        self.error = ""
        self.next_try = 0.0
        self._lock = threading.Lock()

    def caught_up(self, newest: int) -> bool:
        now = time.monotonic()
        age = now - self.read_at
        if self.value >= newest and age < POSITION_MAX_AGE and self.down_since is None:
            return True
        if self.down_since is not None and now < self.next_try:
            return False
        if self.value < newest and age < POSITION_TTL:
            return False
        if not self._lock.acquire(blocking=False):
            # Another thread is asking: go by what is known.
            return self.value >= newest and self.down_since is None
        try:
            self.read()
        finally:
            self._lock.release()
        return self.value >= newest and self.down_since is None

    def read(self) -> int | None:
        """Ask the replica for its newest event id (``None``: it did not answer)."""
        from newsdesk.news.models import Event

        try:
            newest = (
                Event.objects.using(REPLICA).order_by("-id").values_list("id", flat=True).first()
            )
        except DatabaseError as exc:
            self.failed(exc)
            return None
        self.value = max(self.value, newest or 0)
        self.read_at = time.monotonic()
        if self.down_since is not None:
            log.info(
                "replica: answers again after %.1f s; public reads use it",
                time.monotonic() - self.down_since,
            )
            self.down_since = None
            self.error = ""
        return self.value

    def failed(self, exc: Exception) -> None:
        now = time.monotonic()
        with contextlib.suppress(DatabaseError):
            connections[REPLICA].close()  # connect afresh next time
        self.next_try = now + RETRY_SECONDS
        self.error = _short(exc)
        if self.down_since is None:
            self.down_since = now
            log.warning("replica: not answering (%s); public reads use the primary", self.error)


POSITION = Position()

#: The newest event id this process committed (``note_event``).
_committed = 0
_committed_lock = threading.Lock()
#: The primary's newest event id when this process first needed it.
_floor: int | None = None


def note_event(event: Any) -> None:
    """An outbox reader kept in step (``outbox.keep_in_step``): once the
    event's transaction commits, this process knows of it. Registered before
    the outbox's own ``on_commit``, so before the page cache drops anything."""
    from django.db import transaction

    event_id = int(event.id)

    def committed() -> None:
        global _committed
        with _committed_lock:  # two threads committing must not lose the newer id
            _committed = max(_committed, event_id)

    transaction.on_commit(committed)


def newest_known() -> int:
    """The newest outbox event id this process has seen."""
    global _floor
    from newsdesk.cache.store import PAGES
    from newsdesk.live.hub import RUNNING

    if _floor is None:
        # Before a hub has read anything (or with no hub, under another
        # server): the primary as this process found it.
        from newsdesk.news.models import Event

        found = Event.objects.using("default").order_by("-id").values_list("id", flat=True)
        _floor = found.first() or 0
    newest = max(_committed, _floor, PAGES.cursor or 0, _shared_applied())
    with contextlib.suppress(RuntimeError):  # a hub starting or stopping meanwhile
        for hub in list(RUNNING):
            newest = max(newest, hub.cursor)
    return newest


#: (URL, client) for reading the shared tier's ``applied`` key.
_redis: tuple[str, Any] | None = None


def _shared_applied() -> int:
    """With the page cache shared in Redis: the newest event any process's
    hub has dropped pages for there (its ``applied`` key, see
    ``newsdesk/cache/shared.py``).

    A page this process renders is stored there only if no invalidation
    came after the render's token was taken (before this request reached
    Django). So an event another hub applied before that is seen here, and
    one applied after it refuses the store: either way a page rendered
    from a replica without that event is never shared."""
    global _redis
    from newsdesk.cache.store import PAGES

    shared = PAGES.shared
    if shared is None or not PAGES.health.usable():
        return 0  # nothing is stored in Redis meanwhile
    import redis

    if _redis is None or _redis[0] != shared.url:
        client = redis.Redis.from_url(shared.url, socket_connect_timeout=0.25, socket_timeout=0.5)
        _redis = (shared.url, client)
    try:
        value = _redis[1].get(shared.prefix + "applied")
    except (redis.RedisError, OSError):
        return sys.maxsize  # cannot tell: read the primary
    return int(value or 0)


def is_public(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if any(path == p or path.startswith(p + "/") for p in PRIVATE_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.META.get("REMOTE_PORT") == str(OWN_CLIENT[1]):
        return False  # the front's own render (newsdesk/cache/front.py)
    # Anyone with a session may be signed in. Asking request.user would read
    # the session and add Vary: Cookie, which keeps the page out of caches.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class PublicReadsMiddleware:
    """Marks public requests for ``ReplicaRouter``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_public(request) or not POSITION.caught_up(newest_known()):
            return self.get_response(request)
        reads = Reads(replica=True)
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
            if reads.failed:
                # The replica failed under this request: answer it again
                # from the primary (a public GET writes nothing).
                reads.replica = False
                reads.failed = False
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        return response


def request_failed(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """``got_request_exception``: a replica query failed under a public request."""
    reads = _reads.get()
    if reads is None or not reads.replica or REPLICA not in connections:
        return
    connection = connections[REPLICA]
    exc = sys.exc_info()[1]
    if connection.errors_occurred and isinstance(exc, DatabaseError):
        reads.failed = True
        POSITION.failed(exc)


def _short(exc: Exception) -> str:
    """The error's kind and first line (no password: drivers never print it)."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"[:200]


def check() -> dict[str, Any]:
    """The replica for ``/readyz``: whether it answers and how many events it
    is behind this process. Never required: without it public reads use the
    primary."""
    newest = newest_known()
    # While it is down, it is asked again only every RETRY_SECONDS.
    waiting = POSITION.down_since is not None and time.monotonic() < POSITION.next_try
    value = None if waiting else POSITION.read()
    if value is None:
        return {"ok": False, "required": False, "error": POSITION.error,
                "reads": "primary"}  # fmt: skip
    behind = max(0, newest - value)
    return {"ok": True, "required": False, "behind_events": behind,
            "reads": "replica" if behind == 0 else "primary"}  # fmt: skip
