"""The page cache's shared tier in Redis, used when ``REDIS_URL`` is set.

Every web process keeps its own in-process tier (``store.PageCache``) in
front of this one, so a hit never waits on the network; a miss there asks
Redis before Django renders, and what one process renders every other can
serve.

Layout under ``<prefix>`` (all values bytes, one Redis database):

- ``gen``: bumped by every invalidation. A render reads it before it starts
  and stores its page only if it has not moved (so a page rendered from the
  database as it was before a change is never stored after the change was
  invalidated, in any process).
- ``epoch``: part of every page and dependency key; bumping it drops the
  whole shared cache at once.
- ``applied``: the highest outbox event id whose pages are known to be
  dropped here. Hubs advance it as they invalidate consecutive ranges of
  events; a hub that finds a gap (events no one could invalidate, say while
  Redis was unreachable) bumps the epoch instead.
- ``<epoch>:p:<path>``: a hash with the entry (status, headers, identity,
  gzip and brotli bodies, ETag, dependencies).
- ``<epoch>:d:<dependency>``: the set of paths that depend on it.

A page is served only while every one of its dependency sets still lists it,
so a set that is dropped (by an invalidation, by its TTL, or evicted under
memory pressure) takes its pages with it: nothing here relies on expiry or
eviction order to be correct. The TTL only bounds memory held by keys of an
old epoch or pages no one asks for.

All changes run as Lua scripts, so each is atomic against the others.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Entry

log = logging.getLogger(__name__)

# ARGV: prefix, path.  Returns {gen} on a miss, {gen, fields...} on a hit.
LOAD = """
local prefix, path = ARGV[1], ARGV[2]
local gen = redis.call('GET', prefix .. 'gen') or '0'
local base = prefix .. (redis.call('GET', prefix .. 'epoch') or '0') .. ':'
local v = redis.call('HMGET', base .. 'p:' .. path,
                     'status', 'headers', 'body', 'gzip', 'br', 'etag', 'deps')
if not v[1] then return {gen} end
for dep in string.gmatch(v[7], '%S+') do
  if redis.call('SISMEMBER', base .. 'd:' .. dep, path) == 0 then return {gen} end
end
return {gen, v[1], v[2], v[3], v[4] or '', v[5] or '', v[6], v[7]}
"""

# ARGV: prefix, gen read before rendering, ttl, path, status, headers, body,
# gzip, brotli, etag, deps.  Returns 1 if stored.
PUT = """
local prefix, gen, ttl, path = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if (redis.call('GET', prefix .. 'gen') or '0') ~= gen then return 0 end
local base = prefix .. (redis.call('GET', prefix .. 'epoch') or '0') .. ':'
local key = base .. 'p:' .. path
local old = redis.call('HGET', key, 'deps')
if old then
  for dep in string.gmatch(old, '%S+') do redis.call('SREM', base .. 'd:' .. dep, path) end
end
redis.call('DEL', key)
redis.call('HSET', key, 'status', ARGV[5], 'headers', ARGV[6], 'body', ARGV[7],
           'gzip', ARGV[8], 'br', ARGV[9], 'etag', ARGV[10], 'deps', ARGV[11])
redis.call('EXPIRE', key, ttl)
for dep in string.gmatch(ARGV[11], '%S+') do
  redis.call('SADD', base .. 'd:' .. dep, path)
  redis.call('EXPIRE', base .. 'd:' .. dep, ttl)
end
return 1
"""

# ARGV: prefix, after, upto, deps...  (after/upto empty: not a hub's range).
# Drops every page depending on any of deps; returns how many (-1 when the
# whole cache was dropped because events before ``after`` were never
# invalidated here) and the new generation.
INVALIDATE = """
local prefix, after, upto = ARGV[1], ARGV[2], ARGV[3]
local gen = redis.call('INCR', prefix .. 'gen')
if after ~= '' then
  local applied = tonumber(redis.call('GET', prefix .. 'applied') or '-1')
  if applied < tonumber(after) then
    redis.call('INCR', prefix .. 'epoch')
    redis.call('SET', prefix .. 'applied', upto)
    return {-1, gen}
  end
  if applied < tonumber(upto) then redis.call('SET', prefix .. 'applied', upto) end
end
local base = prefix .. (redis.call('GET', prefix .. 'epoch') or '0') .. ':'
local dropped = 0
for i = 4, #ARGV do
  local set = base .. 'd:' .. ARGV[i]
  for _, path in ipairs(redis.call('SMEMBERS', set)) do
    local key = base .. 'p:' .. path
    local deps = redis.call('HGET', key, 'deps')
    if deps then
      for dep in string.gmatch(deps, '%S+') do
        redis.call('SREM', base .. 'd:' .. dep, path)
      end
      redis.call('DEL', key)
      dropped = dropped + 1
    end
  end
  redis.call('DEL', set)
end
return {dropped, gen}
"""

# ARGV: prefix, cursor (cursor '' to drop everything).  Drops the whole
# cache if events up to ``cursor`` may not all have been invalidated here.
RECONCILE = """
local prefix, cursor = ARGV[1], ARGV[2]
local applied = tonumber(redis.call('GET', prefix .. 'applied') or '-1')
if cursor == '' or applied < tonumber(cursor) then
  redis.call('INCR', prefix .. 'gen')
  redis.call('INCR', prefix .. 'epoch')
  if cursor ~= '' and applied < tonumber(cursor) then
    redis.call('SET', prefix .. 'applied', cursor)
  end
  return 1
end
return 0
"""


def _pack_headers(headers: list[tuple[bytes, bytes]]) -> bytes:
    return b"\n".join(name + b"\0" + value for name, value in headers)


def _unpack_headers(raw: bytes) -> list[tuple[bytes, bytes]]:
    if not raw:
        return []
    return [tuple(line.split(b"\0", 1)) for line in raw.split(b"\n")]  # type: ignore[misc]


class Unavailable(Exception):
    """Redis did not answer; the caller carries on without the shared tier."""


class RedisPages:
    """The shared tier. Every method raises :class:`Unavailable` when Redis
    does not answer; ``PageCache`` decides what that means."""

    def __init__(self, url: str, prefix: str = "newsdesk:pages:", ttl: int = 86_400) -> None:
        import redis

        self.prefix = prefix
        self.ttl = ttl
        self.url = url
        self._client = redis.Redis.from_url(
            url, socket_connect_timeout=0.25, socket_timeout=0.5, health_check_interval=30
        )
        self._load = self._client.register_script(LOAD)
        self._put = self._client.register_script(PUT)
        self._invalidate = self._client.register_script(INVALIDATE)
        self._reconcile = self._client.register_script(RECONCILE)

    def _call(self, script: Any, args: list[Any]) -> Any:
        import redis

        try:
            return script(args=args)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise Unavailable(str(exc)) from None

    def load(self, path: str) -> tuple[Entry | None, int]:
        """The stored entry for ``path`` (or ``None``) and the generation now."""
        reply = self._call(self._load, [self.prefix, path])
        gen = int(reply[0])
        if len(reply) == 1:
            return None, gen
        from .store import Entry

        status, headers, body, gz, br, etag, deps = reply[1:]
        entry = Entry(
            int(status),
            _unpack_headers(headers),
            body,
            etag,
            frozenset(deps.decode().split()),
            gz or None,
            br or None,
        )
        return entry, gen

    def generation(self) -> int:
        reply = self._call(self._load, [self.prefix, ""])
        return int(reply[0])

    def put(self, path: str, entry: Entry, gen: int) -> bool:
        deps = " ".join(sorted(entry.deps))
        headers = _pack_headers(entry.headers)
        args = [self.prefix, str(gen), self.ttl, path, entry.status, headers, entry.body,
                entry.gzip or b"", entry.brotli or b"", entry.etag, deps]  # fmt: skip
        return bool(self._call(self._put, args))

    def invalidate(self, deps: list[str], events: tuple[int, int] | None) -> tuple[int, int]:
        """Pages dropped (-1: all of them) and the generation after."""
        after, upto = (str(events[0]), str(events[1])) if events else ("", "")
        dropped, gen = self._call(self._invalidate, [self.prefix, after, upto, *sorted(deps)])
        return int(dropped), int(gen)

    def reconcile(self, cursor: int | None) -> bool:
        """Drop everything unless events up to ``cursor`` were all invalidated
        here (``None``: drop everything). True if it dropped."""
        args = [self.prefix, "" if cursor is None else cursor]
        return bool(self._call(self._reconcile, args))


class Health:
    """Whether to use the shared tier now, with a back-off after a failure
    and one warning per outage."""

    def __init__(self, retry_seconds: float = 1.0) -> None:
        self.retry_seconds = retry_seconds
        self.down_since: float | None = None
        self._next_try = 0.0
        #: An invalidation could not reach Redis: before using it again the
        #: shared tier must be reconciled with what this process has seen.
        self.lost = False
        #: A drop of everything could not reach Redis.
        self.lost_all = False
        self._lock = threading.Lock()

    def usable(self) -> bool:
        return self.down_since is None or time.monotonic() >= self._next_try

    def failed(self, what: str, error: Exception, lost: bool = False) -> None:
        with self._lock:
            now = time.monotonic()
            if self.down_since is None:
                self.down_since = now
                log.warning(
                    "page cache: Redis unavailable (%s: %s); serving from this process "
                    "and Django until it answers again",
                    what,
                    error,
                )
            self._next_try = now + self.retry_seconds
            self.lost = self.lost or lost

    def recovered(self) -> None:
        with self._lock:
            if self.down_since is not None:
                log.info(
                    "page cache: Redis answers again after %.1f s",
                    time.monotonic() - self.down_since,
                )
            self.down_since = None
            self.lost = self.lost_all = False
