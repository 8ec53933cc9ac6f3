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
``newsdesk.cache.invalidation``); author and tag edits outside the actions
drop everything. Nothing expires by time: a page is either current or gone.

ETags are a hash of the body, so a page re-rendered to the same bytes keeps
its ETag (a reader's 304 survives an unrelated publish), and relative times
are left to the browser (``feed.js``) so that cached bytes do not go stale.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

import brotli

COMPRESS_MIN = 1024
DEPS_HEADER = b"x-newsdesk-deps"


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
        if name.lower() not in {b"content-length", b"content-encoding", b"etag", DEPS_HEADER}
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


class PageCache:
    """An in-process LRU of entries, bounded in bytes, indexed by dependency."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._by_dep: dict[str, set[str]] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        #: Bumped by every invalidation: a render that began before one must
        #: not be stored after it (it may show what was just changed).
        self.generation = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry, generation: int) -> bool:
        """Store ``entry`` unless an invalidation happened since ``generation``."""
        with self._lock:
            if generation != self.generation:
                return False
            self._remove(key)
            self._entries[key] = entry
            self._bytes += entry.size
            for dep in entry.deps:
                self._by_dep.setdefault(dep, set()).add(key)
            while self._bytes > self.max_bytes and self._entries:
                oldest = next(iter(self._entries))
                self._remove(oldest)
            return True

    def invalidate(self, deps: Iterable[str]) -> int:
        """Drop every page that depends on any of ``deps``; returns how many."""
        with self._lock:
            self.generation += 1
            keys: set[str] = set()
            for dep in deps:
                keys |= self._by_dep.pop(dep, set())
            for key in keys:
                self._remove(key)
            return len(keys)

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()
            self._by_dep.clear()
            self._bytes = 0

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
