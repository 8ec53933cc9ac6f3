"""The read replica (``DATABASE_REPLICA_URL``) under a real ``newsdesk serve``.

The stand-in replica is a second database on the test's PostgreSQL server,
kept in step by copying every table's rows from the primary (``sync``), or
left behind on purpose. Rows changed in the replica alone tell which
database answered.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from psycopg import sql

from newsdesk.api import tokens
from newsdesk.news.models import Article
from newsdesk.server.replica import ReplicaRouter, is_public, newest_known
from tests.cache.redis_support import need
from tests.cache.test_page_cache import Reply, cached, get, wait_until_server_knows
from tests.live.support import ROOT, Server, current_database_url, free_port, server_env

MARK = " (replica)"


def server_url(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


class Replica:
    """A second database beside the test database, with its schema."""

    def __init__(self, primary_url: str) -> None:
        self.primary_url = primary_url
        self.name = f"{primary_url.rsplit('/', 1)[1]}_replica_{os.getpid()}"
        self.url = server_url(primary_url, self.name)
        self.admin_url = server_url(primary_url, "postgres")

    def create(self) -> Replica:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(self.name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        # The schema as the primary has it: the same migrations.
        env = server_env(self.url)
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "migrate", "--no-input", "-v", "0"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return self

    def drop(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
            )

    def sync(self) -> None:
        """Copy every row of the primary, as a replica that caught up would hold."""
        with (
            psycopg.connect(self.primary_url) as source,
            psycopg.connect(self.url) as target,
        ):
            tables = [
                row[0]
                for row in source.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            # Rows go in table by table: foreign keys are checked by the primary.
            target.execute("SET session_replication_role = replica")
            target.execute(
                sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(map(sql.Identifier, tables)))
            )
            for table in tables:
                name = sql.Identifier(table)
                with (
                    source.cursor().copy(sql.SQL("COPY {} TO STDOUT").format(name)) as out,
                    target.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(name)) as into,
                ):
                    for data in out:
                        into.write(data)

    def execute(self, query: str, params: tuple[Any, ...] = ()) -> None:
        with psycopg.connect(self.url) as target:
            target.execute(query, params)

    def headline(self, article_id: int) -> str | None:
        with psycopg.connect(self.url) as target:
            row = target.execute(
                "SELECT headline FROM news_article WHERE id = %s", (article_id,)
            ).fetchone()
        return row[0] if row else None


def need_postgres() -> None:
    if connection.vendor != "postgresql":
        # Not a failure in CI either: the read replica exists on PostgreSQL
        # only, and CI runs this file again with DATABASE_URL=postgres://.
        pytest.skip("the read replica is PostgreSQL only (run with DATABASE_URL=postgres://...)")


@pytest.fixture
def replica(django_db_blocker: Any) -> Iterator[Replica]:
    need_postgres()
    with django_db_blocker.unblock():
        primary = current_database_url()
    try:
        made = Replica(primary).create()
    except psycopg.OperationalError as exc:
        need(False, f"cannot make a second PostgreSQL database: {exc}")
        raise
    try:
        yield made
    finally:
        made.drop()


@pytest.fixture
def serve(tmp_path: Path, django_db_blocker: Any) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(replica_url: str, **overrides: str) -> Server:
        with django_db_blocker.unblock():
            primary = current_database_url()
        env = server_env(
            primary,
            DATABASE_REPLICA_URL=replica_url,
            NEWSDESK_DATA_DIR=str(tmp_path / "data"),
            # Sessions signed in here are the server's too.
            NEWSDESK_SECRET_KEY=settings.SECRET_KEY,
            **overrides,
        )
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        server = Server(env, log_path=tmp_path / f"serve-{len(started)}.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


on_servers = pytest.mark.django_db(transaction=True)


def admin_token() -> str:
    editor = get_user_model().objects.create_superuser("eddie", password="x" * 20)
    return tokens.create("admin", user=editor)[1]


def desk_cookie() -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username="eddie"))
    return f"sessionid={client.cookies['sessionid'].value}"


def api(server: Server, path: str, token: str, body: dict[str, Any] | None = None) -> Reply:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    data = json.dumps(body) if body is not None else None
    conn.request("POST" if body is not None else "GET", path, body=data, headers=headers)
    response = conn.getresponse()
    reply = Reply(
        response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    )
    conn.close()
    return reply


@on_servers
def test_readers_read_the_replica_and_the_desk_the_api_and_writes_the_primary(
    replica: Replica, serve: Callable[..., Server], make_article: Callable[..., Article]
) -> None:
    article = make_article(headline="Harbour reopens", tags=["Ports"])
    token = admin_token()
    replica.sync()
    replica.execute("UPDATE news_article SET headline = headline || %s", (MARK,))
    server = serve(replica.url)

    page = get(server, article.get_absolute_url())
    assert page.status == 200
    assert b"Harbour reopens" + MARK.encode() in page.body  # the replica's
    content = get(server, f"/api/content/articles/{article.pk}")
    assert json.loads(content.body)["headline"] == "Harbour reopens" + MARK

    admin = api(server, f"/api/admin/articles/{article.pk}", token)
    assert admin.status == 200
    assert json.loads(admin.body)["headline"] == "Harbour reopens"  # the primary's
    desk = get(server, "/desk/", Cookie=desk_cookie())
    assert desk.status == 200
    assert b"Harbour reopens" in desk.body and MARK.encode() not in desk.body
    # A signed-in person reading the public site reads the primary too.
    signed_in = get(server, article.get_absolute_url(), Cookie=desk_cookie())
    assert MARK.encode() not in signed_in.body

    made = api(server, "/api/admin/articles", token, {"headline": "Bridge closed", "body": "B."})
    assert made.status == 201, made.body
    draft = json.loads(made.body)["id"]
    assert Article.objects.get(pk=draft).headline == "Bridge closed"
    assert replica.headline(draft) is None  # every write went to the primary
    published = api(server, f"/api/admin/articles/{draft}/publish", token, {})
    assert published.status == 200, published.body
    assert replica.headline(draft) is None


@on_servers
def test_a_replica_missing_the_newest_event_is_not_read(
    replica: Replica, serve: Callable[..., Server], make_article: Callable[..., Article]
) -> None:
    older = make_article(headline="Curfew lifted", tags=["Ports"])
    replica.sync()
    replica.execute("UPDATE news_article SET headline = headline || %s", (MARK,))
    server = serve(replica.url)
    first = cached(server, "/")
    assert b"Curfew lifted" + MARK.encode() in first.body  # from the replica

    # Published on the primary by another process; the replica stays behind.
    make_article(headline="Ferry resumes", tags=["Ports"])
    wait_until_server_knows(server)
    for path in ("/", "/tag/ports/", older.get_absolute_url()):
        page = get(server, path)
        assert page.status == 200
        assert MARK.encode() not in page.body, path  # the primary's
    # Nothing stale was kept: the feed the hub rendered again, and what
    # readers asked for since, show the update.
    for path in ("/", "/tag/ports/"):
        page = cached(server, path)
        assert b"Ferry resumes" in page.body and MARK.encode() not in page.body, path

    # Once the replica has caught up, readers read it again.
    replica.sync()
    replica.execute("UPDATE news_article SET headline = headline || %s", (MARK,))
    deadline = time.monotonic() + 5
    while MARK.encode() not in get(server, "/author/mira-castell/").body:
        assert time.monotonic() < deadline, "public reads never went back to the replica"
        time.sleep(0.1)


@on_servers
def test_pages_answer_from_the_primary_when_the_replica_is_unreachable(
    serve: Callable[..., Server], make_article: Callable[..., Article], tmp_path: Path
) -> None:
    need_postgres()
    article = make_article(headline="Power restored")
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    server = serve(nowhere)
    for _ in range(3):
        for path in ("/", article.get_absolute_url(), "/api/content/articles"):
            page = get(server, path)
            assert page.status == 200, (path, page.body[:300])
            assert b"Power restored" in page.body
    deadline = time.monotonic() + 20
    while True:
        status = get(server, "/readyz")
        ready = json.loads(status.body)
        if status.status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status.status == 200, ready  # ready: the replica is not required
    assert ready["checks"]["replica"]["ok"] is False
    assert ready["checks"]["replica"]["required"] is False
    assert ready["checks"]["replica"]["reads"] == "primary"
    assert server.log().count("replica: not answering") == 1


@on_servers
def test_a_replica_lost_under_a_running_site_sends_readers_to_the_primary(
    replica: Replica, serve: Callable[..., Server], make_article: Callable[..., Article]
) -> None:
    article = make_article(headline="Bridge reopened")
    replica.sync()
    replica.execute("UPDATE news_article SET headline = headline || %s", (MARK,))
    server = serve(replica.url, NEWSDESK_PAGE_CACHE_MB="0")  # every page from a database
    assert MARK.encode() in get(server, article.get_absolute_url()).body
    replica.drop()  # its connections are ended too
    for path in (article.get_absolute_url(), "/tag/ports/", "/api/content/articles"):
        page = get(server, path)
        assert page.status in (200, 404), (path, page.status, page.body[:300])
    page = get(server, article.get_absolute_url())
    assert page.status == 200 and MARK.encode() not in page.body
    assert server.log().count("replica: not answering") == 1


# The router and the middleware in-process -------------------------------------


def test_the_router_writes_and_migrates_on_the_primary_only() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "default"  # no public request here
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "news") is True
    assert router.allow_migrate("replica", "news") is False
    assert router.allow_relation(object(), object()) is True


@pytest.mark.django_db(transaction=True)
def test_a_public_request_reads_the_replica_until_it_writes_and_never_in_a_transaction() -> None:
    from django.db import transaction

    from newsdesk.server.replica import Reads, _reads

    router = ReplicaRouter()
    token = _reads.set(Reads(replica=True))
    try:
        assert router.db_for_read(Article) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Article) == "default"  # sees its own writes
        assert router.db_for_read(Article) == "replica"
        assert router.db_for_write(Article) == "default"
        assert router.db_for_read(Article) == "default"  # after a write, the primary
    finally:
        _reads.reset(token)
    assert router.db_for_read(Article) == "default"  # the worker, the hub: no request


@pytest.mark.parametrize(
    ("method", "path", "meta", "public"),
    [
        ("GET", "/", {}, True),
        ("HEAD", "/news/x/", {}, True),
        ("GET", "/api/content/articles", {}, True),
        ("POST", "/search", {}, False),
        ("GET", "/desk/", {}, False),
        ("GET", "/desk", {}, False),
        ("GET", "/admin/login/", {}, False),
        ("GET", "/api/admin/articles", {}, False),
        ("GET", "/api/content/articles", {"HTTP_AUTHORIZATION": "Bearer k"}, False),
        ("GET", "/", {"REMOTE_PORT": "0"}, False),  # the front's own render
        ("GET", "/deskside/", {}, True),
        ("GET", "/", {"HTTP_COOKIE": "sessionid=abc"}, False),  # maybe signed in
        ("GET", "/", {"HTTP_COOKIE": "theme=dark"}, True),
    ],
)
def test_which_requests_are_public(
    rf: Any, method: str, path: str, meta: dict[str, str], public: bool
) -> None:
    request = rf.generic(method, path, **meta)
    assert is_public(request) is public


@pytest.mark.django_db
def test_with_shared_pages_the_newest_event_any_process_applied_counts() -> None:
    from newsdesk.cache.shared import RedisPages
    from newsdesk.cache.store import PAGES
    from tests.cache.redis_support import drop_prefix, need_redis, new_prefix

    url, prefix = need_redis(), new_prefix()
    before = PAGES.shared
    try:
        PAGES.shared = RedisPages(url, prefix=prefix)
        assert newest_known() < 10**9
        PAGES.shared._client.set(prefix + "applied", 10**9)
        assert newest_known() == 10**9  # another process's hub read it
        # A Redis that does not answer: cannot tell, so not the replica.
        PAGES.shared = RedisPages(f"redis://127.0.0.1:{free_port()}/0", prefix=prefix)
        assert newest_known() == sys.maxsize
    finally:
        PAGES.shared = before
        drop_prefix(url, prefix)


@pytest.mark.parametrize(
    ("database", "replica_url"),
    [
        ("sqlite:///{dir}/n.sqlite3", "postgres://postgres@127.0.0.1:5432/replica"),
        ("postgres://postgres@127.0.0.1:5432/primary", "mysql://u@h/db"),
        ("postgres://postgres@127.0.0.1:5432/primary", "not a url"),
    ],
)
def test_a_replica_setting_that_cannot_work_stops_start_up(
    tmp_path: Path, database: str, replica_url: str
) -> None:
    env = server_env(
        database.format(dir=tmp_path),
        DATABASE_REPLICA_URL=replica_url,
        NEWSDESK_DATA_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "newsdesk.E012" in done.stderr
