"""Two ``newsdesk serve`` processes sharing pages through Redis, and a
server whose Redis is away."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Event, Tag
from newsdesk.site.actions import update_settings
from tests.live.support import Server, SSEClient, current_database_url, server_env

from .redis_support import OwnRedis, drop_prefix, need_redis, new_prefix, shared_keys
from .test_page_cache import cached, get, wait_until_server_knows

pytestmark = pytest.mark.django_db(transaction=True)


def eventually(check: Callable[[], bool], within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def database(django_db_blocker: Any) -> str:
    with django_db_blocker.unblock():
        return current_database_url()


@pytest.fixture
def two_servers(database: str, tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    url, prefix = need_redis(), new_prefix()
    # One public address for both, as behind a load balancer: they share pages.
    env = server_env(
        database,
        REDIS_URL=url,
        NEWSDESK_PAGE_CACHE_REDIS_PREFIX=prefix,
        NEWSDESK_SITE_URL="http://127.0.0.1:8000",
    )
    servers = [Server(env, log_path=tmp_path / f"serve-{n}.log") for n in range(2)]
    try:
        for server in servers:
            server.start()
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.stop()
        drop_prefix(url, prefix)


def test_a_page_one_process_rendered_is_a_hit_in_the_other(
    two_servers: tuple[Server, Server], make_article: Callable[..., Article]
) -> None:
    one, two = two_servers
    make_article(headline="Grid repaired", tags=["Energy"])
    wait_until_server_knows(one)
    wait_until_server_knows(two)
    first = get(one, "/tag/energy/")
    assert first.headers["x-cache"] == "miss"
    # The shared copy is written just after the response: ask until it lands.
    assert eventually(lambda: get(two, "/tag/energy/").headers["x-cache"] == "hit")
    hit = get(two, "/tag/energy/")
    assert hit.body == first.body and hit.headers["etag"] == first.headers["etag"]

    make_article(headline="Ferry resumes", tags=["Energy"])
    wait_until_server_knows(one)
    wait_until_server_knows(two)
    for server in (one, two):
        assert b"Ferry resumes" in get(server, "/tag/energy/").body


def test_without_redis_pages_are_served_and_it_recovers_without_restart(
    database: str, tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    need_redis()  # the same condition as the other Redis tests
    redis_server = OwnRedis(tmp_path)  # not started yet: nothing answers there
    prefix = new_prefix()
    env = server_env(database, REDIS_URL=redis_server.url, NEWSDESK_LIVE_BROKER="memory",
                     NEWSDESK_PAGE_CACHE_REDIS_PREFIX=prefix)  # fmt: skip
    server = Server(env, log_path=tmp_path / "serve.log").start()
    try:
        make_article(headline="Grid repaired", tags=["Energy"])
        wait_until_server_knows(server)
        replies = [get(server, "/tag/energy/") for _ in range(3)]
        assert all(r.status == 200 and b"Grid repaired" in r.body for r in replies)
        assert replies[-1].headers["x-cache"] == "hit"  # this process's own copy
        log = server.log()
        assert "page cache: Redis unavailable" in log and "Traceback" not in log

        redis_server.start()
        time.sleep(1.2)  # the server tries Redis again at most once a second
        make_article(headline="Ferry resumes", tags=["Energy"])
        wait_until_server_knows(server)
        assert b"Ferry resumes" in get(server, "/tag/energy/").body

        # Stored in Redis again, without a restart.
        def stored() -> bool:
            return any(k.endswith(":p:/tag/energy/") for k in shared_keys(redis_server.url, prefix))

        assert eventually(stored)
        assert "Traceback" not in server.log()
    finally:
        server.stop()
        redis_server.stop()


def test_renames_show_in_every_process_and_reach_the_live_stream(
    two_servers: tuple[Server, Server],
    make_article: Callable[..., Article],
    author: Author,
    settings: Any,
) -> None:
    """An author, a tag and the site renamed through their actions: both web
    processes (sharing pages through Redis) show the new names on the next
    request, and /live carries each change as an event."""
    one, two = two_servers
    story = make_article(headline="Grid repaired", tags=["Energy"])
    for server in (one, two):
        wait_until_server_knows(server)
    pages = ["/", story.get_absolute_url(), "/tag/energy/", "/author/mira-castell/"]
    for server in (one, two):
        for path in pages:
            cached(server, path)
    # This process writes like a worker would: its commits wake the servers
    # through Redis.
    settings.REDIS_URL = need_redis()
    before = Event.objects.filter(public=True).latest("id").id
    live = SSEClient(one.url, "/live", {"Last-Event-ID": str(before)})
    try:
        actions.update_author(author, name="Mira Castell-Ortiz")
        actions.update_tag(Tag.objects.get(slug="energy"), name="Power grid")
        update_settings(site_name="The Averre Desk")
        frames = [live.next_event(timeout=5) for _ in range(3)]
    finally:
        live.close()
    assert [f.event for f in frames] == ["author.updated", "tag.updated", "site.updated"]
    assert frames[0].json()["author"]["name"] == "Mira Castell-Ortiz"
    assert frames[1].json()["tag"]["name"] == "Power grid"
    assert frames[2].json()["site"]["name"] == "The Averre Desk"
    for server in (one, two):
        wait_until_server_knows(server)
        for path in pages:
            body = get(server, path).body
            assert b"The Averre Desk" in body, (server.port, path)
        article_page = get(server, story.get_absolute_url()).body
        assert b"Mira Castell-Ortiz" in article_page and b"Power grid" in article_page
