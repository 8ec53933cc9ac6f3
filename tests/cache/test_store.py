"""The page cache's own rules, without a server."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from newsdesk.cache.http import cacheable, etag_matches, request_key
from newsdesk.cache.shared import RedisPages
from newsdesk.cache.store import Entry, PageCache, make_entry

from .redis_support import drop_prefix, need_redis, new_prefix

HTML = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"public, max-age=30")]


def entry(body: bytes = b"x" * 2000, deps: frozenset[str] = frozenset({"all"})) -> Entry:
    return make_entry(200, HTML, body, deps)


def test_only_plain_public_200s_are_stored() -> None:
    assert cacheable(200, HTML)
    assert not cacheable(404, HTML)
    assert not cacheable(200, [*HTML, (b"set-cookie", b"csrftoken=x")])
    assert not cacheable(200, [(b"cache-control", b"private, no-store")])
    assert not cacheable(200, [*HTML, (b"vary", b"Accept-Language, Cookie")])


def test_only_anonymous_plain_gets_have_a_key() -> None:
    assert request_key(b"GET", b"/", b"", []) == "/"
    assert request_key(b"HEAD", b"/news/x/", b"", [(b"cookie", b"theme=dark")]) == "/news/x/"
    assert request_key(b"GET", b"/", b"before=1.2", []) is None
    assert request_key(b"POST", b"/", b"", []) is None
    assert request_key(b"GET", b"/", b"", [(b"cookie", b"a=1; sessionid=abc")]) is None
    assert request_key(b"GET", b"/", b"", [(b"authorization", b"Bearer x")]) is None


def test_etag_is_the_body_and_matches_weakly() -> None:
    first, same, other = entry(), entry(), entry(b"y" * 2000)
    assert first.etag == same.etag != other.etag
    assert etag_matches(b'"abc", ' + first.etag, first.etag)
    assert etag_matches(first.etag.removeprefix(b"W/"), first.etag)
    assert etag_matches(b"*", first.etag)
    assert not etag_matches(b"", first.etag)


def test_small_bodies_are_not_compressed() -> None:
    small = entry(b"tiny")
    assert small.gzip is None and small.brotli is None
    assert small.variant(b"gzip, br") == ("identity", b"tiny")


@pytest.fixture(params=["memory", "redis"])
def make_cache(request: pytest.FixtureRequest) -> Iterator[Callable[[int], PageCache]]:
    """A process's cache, alone or in front of Redis."""
    if request.param == "memory":
        yield lambda size: PageCache(max_bytes=size)
        return
    url, prefix = need_redis(), new_prefix()
    yield lambda size: PageCache(max_bytes=size, shared=RedisPages(url, prefix=prefix))
    drop_prefix(url, prefix)


def test_invalidation_drops_exactly_the_dependants(make_cache: Callable[[int], PageCache]) -> None:
    cache = make_cache(10**7)
    g = cache.lookup("/")[1]
    assert cache.put("/", entry(deps=frozenset({"all"})), g)
    assert cache.put("/tag/a/", entry(deps=frozenset({"tag:a"})), g)
    assert cache.put("/news/x/", entry(deps=frozenset({"article:1", "tag:a"})), g)
    assert cache.invalidate({"tag:a"}) == 2
    assert cache.get("/") is not None
    assert cache.get("/tag/a/") is None and cache.get("/news/x/") is None
    assert cache.lookup("/tag/a/")[0] is None and cache.lookup("/news/x/")[0] is None
    assert make_cache(10**7).lookup("/news/x/")[0] is None  # nor in another process


def test_a_render_older_than_an_invalidation_is_not_stored(
    make_cache: Callable[[int], PageCache],
) -> None:
    cache = make_cache(10**7)
    began = cache.token()
    cache.invalidate({"all"})  # a publish lands while the page renders
    assert not cache.put("/", entry(), began)
    assert cache.get("/") is None and cache.lookup("/")[0] is None


def test_the_cache_stays_within_its_size(make_cache: Callable[[int], PageCache]) -> None:
    cache = make_cache(20_000)
    for n in range(50):
        cache.put(f"/news/{n}/", entry(bytes([65 + n % 26]) * 3000), cache.token())
    assert 0 < len(cache) < 50
    assert cache.get("/news/49/") is not None and cache.get("/news/0/") is None
