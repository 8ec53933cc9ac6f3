"""On SQLite, a commit by another process shows on the very next request and
reaches live readers within a fraction of the poll interval."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from newsdesk.live.freshness import DataVersion
from newsdesk.news.models import Article
from tests.cache.test_page_cache import cached, get, wait_until_server_knows

from .support import Server, SSEClient, current_database_url, run_newsdesk, server_env

pytestmark = pytest.mark.django_db(transaction=True)


def start_sqlite_site(blocker: Any, log: Path, **env: str) -> Server:
    with blocker.unblock():
        if connection.vendor != "sqlite":
            pytest.skip("SQLite's commit counter: this runs in the SQLite half of the suite")
        database = current_database_url()
    # A poll far longer than the test: only the commit counter can explain
    # what the server notices.
    return Server(
        server_env(database, NEWSDESK_LIVE_POLL_SECONDS="30", **env), log_path=log
    ).start()


@pytest.fixture
def sqlite_site(django_db_blocker: Any, tmp_path: Path) -> Iterator[Server]:
    server = start_sqlite_site(django_db_blocker, tmp_path / "serve.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def untimed_site(django_db_blocker: Any, tmp_path: Path) -> Iterator[Server]:
    """The watcher's timer off in effect: only a request can notice."""
    server = start_sqlite_site(
        django_db_blocker, tmp_path / "serve.log", NEWSDESK_LIVE_WATCH_SECONDS="60"
    )
    try:
        yield server
    finally:
        server.stop()


def newsdesk_post(headline: str, *args: str) -> None:
    """Publish from a separate process, as a desk's script would."""
    env = {**os.environ, "DATABASE_URL": current_database_url()}
    done = run_newsdesk(env, "post", "--headline", headline, *args, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_publish_by_another_process_shows_on_the_next_request(
    untimed_site: Server, make_article: Callable[..., Article]
) -> None:
    sqlite_site = untimed_site
    make_article(headline="Morning briefing", tags=["Energy"])
    wait_until_server_knows(sqlite_site)
    for path in ("/", "/tag/energy/"):
        assert cached(sqlite_site, path).headers["x-cache"] == "hit"

    newsdesk_post(
        "Substation back online", "--lede", "Crews finished overnight.", "--tag", "Energy"
    )
    # No waiting: the very next request after the command returned.
    home = get(sqlite_site, "/")
    # (Read before answering, and the page rendered again in its place:
    # a poll of 30 s and a watcher timer of 60 s cannot explain it.)
    assert b"Substation back online" in home.body
    assert b"Substation back online" in get(sqlite_site, "/tag/energy/").body

    # And through the connection-level fast path once stored again.
    assert cached(sqlite_site, "/").headers["x-cache"] == "hit"
    make_article(headline="Water restored in the east", tags=["Energy"])  # this test process
    assert b"Water restored in the east" in get(sqlite_site, "/").body


def test_live_readers_hear_of_another_process_s_publish_well_within_the_poll(
    sqlite_site: Server, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Opening update")
    wait_until_server_knows(sqlite_site)
    stream = SSEClient(sqlite_site.url, "/live")
    try:
        time.sleep(0.3)  # the stream is subscribed
        started = time.monotonic()
        make_article(headline="Curfew lifted")
        frame = stream.next_event(timeout=5)
        took = time.monotonic() - started
    finally:
        stream.close()
    assert "Curfew lifted" in frame.data
    # The poll is 30 s; the watcher asks every 50 ms.
    assert took < 5


def test_the_counter_moves_only_for_commits_by_other_connections(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("CREATE TABLE t (x INTEGER)")
    watch = DataVersion(path)
    assert not watch.moved()
    writer.execute("INSERT INTO t VALUES (1)")
    assert watch.moved()
    assert watch.tick() and not watch.tick()
    version = watch.read()
    watch.caught_up(version)
    assert not watch.moved()
    writer.execute("BEGIN")
    writer.execute("INSERT INTO t VALUES (2)")
    assert not watch.moved()  # not committed yet
    writer.execute("COMMIT")
    assert watch.moved()
    # The watcher never writes: its connection is query-only.
    with pytest.raises(sqlite3.OperationalError):
        watch._connect().execute("INSERT INTO t VALUES (3)")
    watch.close()
    writer.close()


def test_an_unreadable_file_leaves_the_poll_in_charge(tmp_path: Path) -> None:
    watch = DataVersion(tmp_path / "missing" / "newsdesk.sqlite3")
    assert watch.read() is None
    assert not watch.moved() and not watch.tick()
