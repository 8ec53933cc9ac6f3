"""The page cache: public pages stored rendered, with their headers, in
identity, gzip and brotli forms, and dropped exactly when the outbox says
something they show has changed.

A page opts in by naming what it depends on in the ``X-Newsdesk-Deps``
response header (stripped before it leaves the server):

- ``all``: the site-wide list (feed first page, site feeds, sitemaps, and
  any "Read more" filled with the newest updates);
- ``tag:<slug>`` / ``author:<slug>``: that tag's or author's list and feeds;
- ``article:<id>``: a page that shows that article or its card.

Each public event for an article drops ``article:<id>``, ``all`` and the
``tag:``/``author:`` keys of the article before and after the change (see
``newsdesk.cache.invalidation``); an author, tag or site-settings event drops
``site``, on which every page depends. Nothing expires by time: a page is either current or gone.

ETags are a hash of the body, so a page re-rendered to the same bytes keeps
its ETag (a reader's 304 survives an unrelated publish), and relative times
are left to the browser (``feed.js``) so that cached bytes do not go stale.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import brotli

from .shared import Health, Unavailable

if TYPE_CHECKING:
    from .shared import RedisPages

log = logging.getLogger(__name__)

COMPRESS_MIN = 1024
#: How long the live hub waits for pages it renders again before dropping.
REFRESH_SECONDS = 0.5
DEPS_HEADER = b"x-newsdesk-deps"
#: The route pattern Django matched, for the metrics; never stored or sent.
ROUTE_HEADER = b"x-newsdesk-route"


@dataclass(slots=True)
class Entry:
    status: int
    #: Headers as sent, without Content-Length, Content-Encoding or ETag.
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes
    deps: frozenset[str]
    gzip: bytes | None = None
    brotli: bytes | None = None
    #: Prebuilt header blocks: identity, gzip, brotli, 304, keyed by coding.
    heads: dict[str, bytes] = field(default_factory=dict)
    #: Requests answered with it here (which dropped pages to render again).
    hits: int = 0

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzip or b"") + len(self.brotli or b"") + 512

    def variant(self, accept_encoding: bytes) -> tuple[str, bytes]:
        """The body to send for this Accept-Encoding, and its coding name."""
        if self.brotli is not None and b"br" in accept_encoding:
            return "br", self.brotli
        if self.gzip is not None and b"gzip" in accept_encoding:
            return "gzip", self.gzip
        return "identity", self.body


def make_entry(
    status: int, headers: list[tuple[bytes, bytes]], body: bytes, deps: frozenset[str]
) -> Entry:
    """Build an entry from a rendered response; compress once, here."""
    kept = [
        (name, value)
        for name, value in headers
        if name.lower()
        not in {
            b"content-length",
            b"content-encoding",
            b"etag",
            DEPS_HEADER,
            ROUTE_HEADER,
            b"x-request-id",
        }
    ]
    etag = b'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
    entry = Entry(status, kept, body, etag, deps)
    content_type = next((v for n, v in kept if n.lower() == b"content-type"), b"")
    compressible = (
        content_type.startswith((b"text/", b"application/")) and len(body) >= COMPRESS_MIN
    )
    if compressible:
        entry.gzip = gzip.compress(body, compresslevel=6, mtime=0)
        entry.brotli = brotli.compress(body, quality=5)
        if not any(n.lower() == b"vary" for n, _ in kept):
            entry.headers.append((b"vary", b"Accept-Encoding"))
        else:
            entry.headers = [
                (n, v + b", Accept-Encoding" if n.lower() == b"vary" and b"accept-encoding"
                 not in v.lower() else v)
                for n, v in entry.headers
            ]  # fmt: skip
    return entry


class Token(NamedTuple):
    """What a render saw before it began: stored only if neither moved."""

    local: int
    #: The shared tier's generation, ``None`` when it was not asked.
    shared: int | None = None


class PageCache:
    """An in-process LRU of entries, bounded in bytes, indexed by dependency,
    optionally in front of a shared tier in Redis (``shared.RedisPages``).

    The in-process tier is dropped by this process's own invalidations (a
    commit here, and the live hub for every event, from any process); the
    shared tier by the same calls, atomically in Redis. ``get`` never leaves
    the process; ``lookup`` also asks the shared tier.
    """

    def __init__(self, max_bytes: int, shared: RedisPages | None = None) -> None:
        self.max_bytes = max_bytes
        self.shared = shared
        self.health = Health()
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._by_dep: dict[str, set[str]] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        #: Bumped by every invalidation: a render that began before one must
        #: not be stored after it (it may show what was just changed).
        self.generation = 0
        #: The last outbox event this process's hub has invalidated through.
        self.cursor: int | None = None
        #: Plain counters, read by the metrics (newsdesk/server/metrics.py):
        #: a hit costs no lock.
        self.hits = 0
        self.misses = 0
        self.not_modified = 0
        self.stale = 0
        self.invalidated = 0
        #: The database is failing: hits go through the ASGI front, marked
        #: stale (``failing``/``tick``; read by the connection-level fast path).
        self.degraded = False
        self._hub_failing = False
        self._stale_until = 0.0
        self._pool: ThreadPoolExecutor | None = None
        #: Called with the keys of dropped pages that were requested, most
        #: requested first (from the thread that dropped them).
        self.dropped_listeners: list[Callable[[list[str]], None]] = []
        #: Renders pages for ``refresh`` (set by the ASGI front).
        self.renderer: Callable[[list[str]], Awaitable[dict[str, Entry]]] | None = None
        self.refresh_limit = 4
        #: Requests for pages dropped lately, carried over when stored again.
        self._dropped_hits: dict[str, int] = {}

    def failing(self, seconds: float = 5.0, *, hub: bool = False) -> None:
        """The database failed (a 503 answered, or the live hub could not
        read the events table): serve cached pages marked stale, until the
        hub reads again and ``seconds`` have passed since the last failure."""
        if hub:
            self._hub_failing = True
        self._stale_until = max(self._stale_until, time.monotonic() + seconds)
        if not self.degraded:
            log.warning("page cache: the database is failing; serving cached pages as stale")
        self.degraded = True

    def hub_read(self) -> None:
        """The live hub read the events table: the database answers."""
        self._hub_failing = False
        self.tick()

    def tick(self) -> None:
        """Stop marking pages stale once the failure has passed (called
        about once a second)."""
        degraded = self._hub_failing or time.monotonic() < self._stale_until
        if self.degraded and not degraded:
            log.info("page cache: the database answers again")
        self.degraded = degraded

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Entry | None:
        """This process's copy, or ``None`` (no I/O: the fast path calls it)."""
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        entry.hits += 1
        return entry

    # The shared tier ---------------------------------------------------------

    def _shared(self) -> RedisPages | None:
        """The shared tier if it may be used now (reconciled after an outage)."""
        shared = self.shared
        if shared is None or not self.health.usable():
            return None
        if self.health.down_since is not None:
            try:
                # Invalidations this process could not make while it was away
                # may have left stale pages there.
                if self.health.lost_all:
                    shared.reconcile(None)
                elif self.health.lost:
                    shared.reconcile(self.cursor)
            except Unavailable as exc:
                self.health.failed("reconcile", exc)
                return None
            self.health.recovered()
        return shared

    def token(self) -> Token:
        """The generations to pass to ``put`` for a render starting now."""
        local = self.generation
        shared = self._shared()
        if shared is None:
            return Token(local)
        try:
            return Token(local, shared.generation())
        except Unavailable as exc:
            self.health.failed("generation", exc)
            return Token(local)

    def lookup(self, key: str) -> tuple[Entry | None, Token]:
        """This process's copy, else the shared one (kept here too), with the
        token for a render if neither has it. May block on Redis briefly."""
        entry = self._entries.get(key)
        if entry is not None:
            self.hits += 1
            entry.hits += 1
            return entry, Token(self.generation)
        local = self.generation
        shared = self._shared()
        if shared is None:
            self.misses += 1
            return None, Token(local)
        try:
            entry, gen = shared.load(key)
        except Unavailable as exc:
            self.health.failed("load", exc)
            self.misses += 1
            return None, Token(local)
        if entry is None:
            self.misses += 1
            return None, Token(local, gen)
        self.hits += 1
        self._put_local(key, entry, local)
        return entry, Token(local, gen)

    async def alookup(self, key: str) -> tuple[Entry | None, Token]:
        """``lookup`` for the event loop: Redis is asked from a thread."""
        if self.shared is None:
            entry = self.get(key)
            return entry, Token(self.generation)
        return await asyncio.get_running_loop().run_in_executor(self._executor(), self.lookup, key)

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsdesk-pages")
        return self._pool

    # Storing and dropping ----------------------------------------------------

    def put(self, key: str, entry: Entry, token: Token | int, background: bool = False) -> bool:
        """Store ``entry`` unless an invalidation happened since ``token``.

        With ``background`` the shared copy is written from a thread (for
        callers on the event loop); the return value is then this process's.
        """
        if isinstance(token, int):
            token = Token(token)
        if not self._put_local(key, entry, token.local):
            return False
        if self.shared is None or token.shared is None:
            return True
        if background:
            self._executor().submit(self._put_shared, key, entry, token.shared)
            return True
        return self._put_shared(key, entry, token.shared)

    def _put_shared(self, key: str, entry: Entry, gen: int) -> bool:
        shared = self._shared()
        if shared is None:
            return False
        try:
            stored = shared.put(key, entry, gen)
        except Unavailable as exc:
            self.health.failed("store", exc)
            return False
        if not stored:
            # An invalidation in another process came first: this render may
            # show what it changed, so it is not kept here either.
            with self._lock:
                if self._entries.get(key) is entry:
                    self._remove(key)
        return stored

    def _put_local(self, key: str, entry: Entry, generation: int) -> bool:
        with self._lock:
            if generation != self.generation:
                return False
            self._store_locked(key, entry)
            return True

    def _store_locked(self, key: str, entry: Entry) -> None:
        # A page dropped while readers asked for it stays wanted when stored
        # again (rendered again after a commit here, say), decaying by half.
        if (dropped := self._dropped_hits.pop(key, 0)) and not entry.hits:
            entry.hits = dropped // 2
        self._remove(key)
        self._entries[key] = entry
        self._bytes += entry.size
        for dep in entry.deps:
            self._by_dep.setdefault(dep, set()).add(key)
        while self._bytes > self.max_bytes and self._entries:
            oldest = next(iter(self._entries))
            self._remove(oldest)

    def invalidate(
        self,
        deps: Iterable[str],
        events: tuple[int, int] | None = None,
        fresh: dict[str, Entry] | None = None,
        token: Token | None = None,
    ) -> int:
        """Drop every page that depends on any of ``deps`` here and in the
        shared tier; returns how many were dropped here.

        The live hub passes ``events``, the range of event ids ``(after,
        upto]`` these dependencies come from, so the shared tier can tell
        whether some events before them were never invalidated there.

        ``fresh`` pages, rendered after these events were committed and since
        ``token``, take the place of the dropped ones in the same step, unless
        another invalidation came in between (``refresh``).
        """
        deps = set(deps)
        fresh = fresh or {}
        if events is not None:
            self.cursor = events[1]
        # Redis first: a lookup that misses here between the two steps must
        # not find the old page there and keep it (its token would be new).
        shared_gen = None
        if self.shared is not None and (deps or events is not None):
            shared = self._shared()
            if shared is None:
                self.health.lost = True  # reconciled when Redis answers again
            else:
                try:
                    _dropped, shared_gen = shared.invalidate(sorted(deps), events)
                except Unavailable as exc:
                    self.health.failed("invalidate", exc, lost=True)
        with self._lock:
            current = token is not None and token.local == self.generation
            self.generation += 1
            keys: set[str] = set()
            for dep in deps:
                keys |= self._by_dep.pop(dep, set())
            requested = self._requested(keys)
            for key in keys:
                self._remove(key)
            self.invalidated += len(keys)
            if current:
                for key, entry in fresh.items():
                    self._store_locked(key, entry)
            else:
                fresh = {}
        shared_token = token.shared if token is not None else None
        # Stored there only if no other process invalidated since the render.
        if fresh and shared_gen is not None and shared_gen == (shared_token or -2) + 1:
            for key, entry in fresh.items():
                self._put_shared(key, entry, shared_gen)
        self._tell_dropped([k for k in requested if k not in fresh])
        return len(keys)

    def hot(self, deps: Iterable[str], limit: int) -> list[str]:
        """Pages depending on any of ``deps`` that readers asked for, most
        requested first."""
        with self._lock:
            keys: set[str] = set()
            for dep in deps:
                keys |= self._by_dep.get(dep, set())
            found = [(e.hits, k) for k in keys if (e := self._entries.get(k)) and e.hits]
        return [k for _, k in sorted(found, reverse=True)[:limit]]

    async def refresh(
        self, deps: set[str], events: tuple[int, int], in_thread: Callable[..., Awaitable[Any]]
    ) -> None:
        """``invalidate`` for the live hub, after rendering again the pages
        readers ask for that these events change, so that they go from the
        old page to the new one without a miss in between. ``in_thread`` runs
        a function off the event loop (the hub's database thread)."""
        renderer = self.renderer
        keys = self.hot(deps, self.refresh_limit) if renderer is not None else []
        fresh: dict[str, Entry] = {}
        token = None
        if keys and renderer is not None:
            token = await in_thread(self.token)
            try:
                fresh = await asyncio.wait_for(renderer(keys), REFRESH_SECONDS)
            except Exception:  # slow or failing: drop the pages, readers render them
                log.warning("page cache: could not render %s again", keys, exc_info=True)
        await in_thread(self.invalidate, deps, events, fresh, token)

    def reconcile(self, cursor: int) -> None:
        """The hub starts at ``cursor``: drop the shared tier if events up to
        it may not all have been invalidated there (say, published while no
        web process could reach Redis)."""
        self.cursor = cursor
        if self.shared is None:
            return
        try:
            if self.shared.reconcile(cursor):
                log.info("page cache: shared pages dropped, events up to %d were not applied",
                         cursor)  # fmt: skip
        except Unavailable as exc:
            self.health.failed("reconcile", exc, lost=True)

    def clear(self) -> None:
        """Drop every page, in the shared tier and then here."""
        if self.shared is not None:
            try:
                self.shared.reconcile(None)
            except Unavailable as exc:
                self.health.failed("clear", exc, lost=True)
                self.health.lost_all = True
        with self._lock:
            self.generation += 1
            requested = self._requested(self._entries)
            self._entries.clear()
            self._by_dep.clear()
            self._bytes = 0
        self._tell_dropped(requested)

    def _requested(self, keys: Iterable[str]) -> list[str]:
        """Of these keys, those of pages requested since stored, most first
        (and remembered as such for when they are stored again)."""
        if not self.dropped_listeners:
            return []
        found = [(e.hits, k) for k in keys if (e := self._entries.get(k)) and e.hits]
        if len(self._dropped_hits) > 1000:
            self._dropped_hits.clear()
        self._dropped_hits.update((k, hits) for hits, k in found)
        return [k for _, k in sorted(found, reverse=True)]

    def _tell_dropped(self, keys: list[str]) -> None:
        if not keys:
            return
        for listener in list(self.dropped_listeners):
            try:
                listener(keys)
            except Exception:
                log.warning("page cache: a dropped-pages listener failed", exc_info=True)

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self._bytes -= entry.size
        for dep in entry.deps:
            keys = self._by_dep.get(dep)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._by_dep[dep]


#: This process's cache (the embedded default keeps pages in-process).
PAGES = PageCache(max_bytes=64 * 1024 * 1024)
