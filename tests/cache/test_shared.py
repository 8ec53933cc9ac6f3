"""The shared tier in Redis: several processes' caches (here, several
``PageCache`` objects) see each other's pages, invalidations drop exactly
the dependants everywhere, and Redis going away costs renders, never a
stale page or an error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.cache.shared import RedisPages
from newsdesk.cache.store import Entry, PageCache, make_entry

from .redis_support import OwnRedis, drop_prefix, need_redis, new_prefix, own_redis, shared_keys

HTML = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"public, max-age=30")]


def entry(body: bytes, *deps: str) -> Entry:
    return make_entry(200, HTML, body * 40, frozenset(deps))


@pytest.fixture
def redis_url() -> str:
    return need_redis()


@pytest.fixture
def prefix(redis_url: str) -> Iterator[str]:
    name = new_prefix()
    yield name
    drop_prefix(redis_url, name)


def process(url: str, prefix: str) -> PageCache:
    """One web process's cache."""
    cache = PageCache(max_bytes=10**7, shared=RedisPages(url, prefix=prefix))
    cache.health.retry_seconds = 0
    return cache


def render(cache: PageCache, path: str, page: Entry) -> bool:
    """What the front does on a miss: ask, render, store."""
    found, token = cache.lookup(path)
    assert found is None
    return cache.put(path, page, token)


def test_a_page_one_process_renders_is_a_hit_in_another(redis_url: str, prefix: str) -> None:
    one, two = process(redis_url, prefix), process(redis_url, prefix)
    page = entry(b"<p>Grid repaired</p>", "all", "article:1", "tag:київ")
    assert render(one, "/", page)
    assert two.get("/") is None  # nothing in the other process's memory yet
    found, _ = two.lookup("/")
    assert found is not None
    assert (found.status, found.headers, found.body, found.gzip, found.brotli, found.etag) == (
        page.status, page.headers, page.body, page.gzip, page.brotli, page.etag
    )  # fmt: skip
    assert found.deps == {"all", "article:1", "tag:київ"}
    assert two.get("/") is found  # kept in that process's memory from then on


def test_invalidation_drops_exactly_the_dependants_in_redis_and_both_processes(
    redis_url: str, prefix: str
) -> None:
    one, two = process(redis_url, prefix), process(redis_url, prefix)
    pages = {
        "/": entry(b"feed", "all", "article:1", "article:2"),
        "/tag/energy/": entry(b"energy", "tag:energy", "article:1"),
        "/tag/sport/": entry(b"sport", "tag:sport", "article:2"),
        "/news/one/": entry(b"one", "article:1", "tag:energy"),
        "/author/teo/": entry(b"teo", "author:teo", "article:2"),
    }
    for path, page in pages.items():
        assert render(one, path, page)
    for path in pages:
        assert two.lookup(path)[0] is not None

    # An event for article 1 (tag energy): the committing process drops its
    # dependants, and the other process's hub does the same when it reads it.
    changed = {"article:1", "tag:energy", "all"}
    assert one.invalidate(changed) == 3
    assert two.invalidate(changed) == 3
    kept = {"/tag/sport/", "/author/teo/"}
    for cache in (one, two, process(redis_url, prefix)):
        for path in pages:
            assert (cache.lookup(path)[0] is not None) == (path in kept), path
    stored = shared_keys(redis_url, prefix)
    assert {k.split(":", 2)[2] for k in stored if k.startswith("0:p:")} == kept
    # No dependency set still lists a dropped page.
    assert {k for k in stored if k.startswith("0:d:")} == {
        "0:d:tag:sport", "0:d:article:2", "0:d:author:teo"
    }  # fmt: skip


def test_a_render_older_than_an_invalidation_elsewhere_is_not_stored(
    redis_url: str, prefix: str
) -> None:
    one, two = process(redis_url, prefix), process(redis_url, prefix)
    _, token = one.lookup("/")
    two.invalidate({"all"})  # a publish committed in the other process meanwhile
    assert not one.put("/", entry(b"old feed", "all"), token)
    assert one.get("/") is None and two.lookup("/")[0] is None


def test_a_page_whose_dependency_set_is_gone_is_not_served(redis_url: str, prefix: str) -> None:
    import redis

    one = process(redis_url, prefix)
    assert render(one, "/news/one/", entry(b"one", "article:1", "tag:energy"))
    client = redis.Redis.from_url(redis_url)
    client.delete(f"{prefix}0:d:tag:energy")  # say, evicted under memory pressure
    client.close()
    assert process(redis_url, prefix).lookup("/news/one/")[0] is None


def test_hubs_drop_everything_when_events_were_never_applied(redis_url: str, prefix: str) -> None:
    one, two = process(redis_url, prefix), process(redis_url, prefix)
    one.reconcile(10)
    assert render(one, "/tag/sport/", entry(b"sport", "tag:sport"))
    # Events 11-12 applied by one hub: exact.
    one.invalidate({"tag:energy"}, events=(10, 12))
    assert two.lookup("/tag/sport/")[0] is not None
    two.invalidate({"tag:energy"}, events=(10, 12))  # the other hub, the same events
    assert process(redis_url, prefix).lookup("/tag/sport/")[0] is not None
    # A hub reading events after 20 when only up to 12 were ever applied
    # (13-20 were published while no one could reach Redis): all dropped.
    one.invalidate({"tag:energy"}, events=(20, 25))
    assert process(redis_url, prefix).lookup("/tag/sport/")[0] is None


def test_redis_going_away_serves_from_memory_and_django_then_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    servers = own_redis(tmp_path)
    redis_server: OwnRedis = next(servers)
    prefix = new_prefix()
    one, two = process(redis_server.url, prefix), process(redis_server.url, prefix)
    assert render(one, "/", entry(b"feed", "all"))
    redis_server.stop()

    caplog.set_level(logging.INFO, logger="newsdesk.cache")
    found, token = two.lookup("/")  # no error: a miss, Django renders
    assert found is None
    assert two.put("/", entry(b"feed", "all"), token)  # kept in this process
    assert two.get("/") is not None
    assert one.get("/") is not None  # each process's own copy still serves
    assert one.invalidate({"article:9"}) == 0  # an invalidation that cannot reach Redis
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len({r.name for r in warnings}) == 1 and "Redis unavailable" in warnings[0].message
    assert not any(r.exc_info for r in caplog.records)

    redis_server.start()  # the same address, back (and empty)
    # Process one lost an invalidation: its first use drops the shared tier.
    assert one.lookup("/tag/sport/")[0] is None
    assert render(two, "/tag/sport/", entry(b"sport", "tag:sport"))
    assert one.lookup("/tag/sport/")[0] is not None
    assert any("answers again" in r.message for r in caplog.records)
    next(servers, None)


def test_an_invalidation_lost_while_redis_was_unreachable_drops_it_all_on_return(
    redis_url: str, prefix: str
) -> None:
    from bench.support.port_open import free_port

    one, two = process(redis_url, prefix), process(redis_url, prefix)
    one.reconcile(5)
    two.reconcile(5)
    assert render(one, "/tag/energy/", entry(b"energy", "tag:energy"))
    # Process two cannot reach Redis for a while (its own network, say) and
    # its hub reads event 6, which changes the tag page.
    reachable = two.shared
    two.shared = RedisPages(f"redis://127.0.0.1:{free_port()}/0", prefix=prefix)
    two.invalidate({"tag:energy"}, events=(5, 6))
    two.shared = reachable
    # Back: before using Redis again it drops what may be stale there.
    assert two.lookup("/tag/energy/")[0] is None
    assert process(redis_url, prefix).lookup("/tag/energy/")[0] is None
