"""The database goes away under a running ``newsdesk serve`` and comes back
(RELIABILITY rows 32, 33, 36): cached pages 200 marked stale, other pages and
writes 503 with Retry-After, /live stays open, and everything recovers
without a restart.

The PostgreSQL here is the test's own (initdb and pg_ctl in a temporary
folder, as the ``postgres`` user since initdb refuses root), never the shared
one: stopping that would break every other test run.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.support import Server, SSEClient, free_port, run_newsdesk, server_env

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(not PG_BIN, reason="PostgreSQL's binaries are not installed")


class OwnPostgres:
    def __init__(self) -> None:
        self.bin = Path(PG_BIN[-1])
        # Outside pytest's folder, which the postgres user cannot enter.
        self.folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
        self.data = self.folder / "pgdata"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> OwnPostgres:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._as_postgres(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        )
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "pg.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
        )


def newsdesk(env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = run_newsdesk(env, *args, stdin=stdin, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def serve_newsroom(env: dict[str, str], tmp_path: Path) -> tuple[Server, str]:
    """A migrated newsroom with an editor's API token, served."""
    newsdesk(env, "migrate", "--verbosity", "0")
    newsdesk(
        env,
        "createuser",
        "eddie",
        "--role",
        "editor",
        "--password-stdin",
        stdin="correct horse battery staple 2026\n",
    )
    token = newsdesk(env, "apitoken", "create", "eddie").split()[-1]
    return Server(env, log_path=tmp_path / "serve.log").start(), token


def lower(items: object) -> dict[str, str]:
    return {name.lower(): value for name, value in items}  # type: ignore[attr-defined]


def request(
    server: Server,
    path: str,
    *,
    method: str = "GET",
    body: dict[str, object] | None = None,
    token: str = "",
) -> tuple[int, dict[str, str], bytes]:
    headers = {"content-type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(server.url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=15) as response:
            return response.status, lower(response.headers.items()), bytes(response.read())
    except urllib.error.HTTPError as error:
        return error.code, lower(error.headers.items()), bytes(error.read())


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[OwnPostgres, Server, str]]:
    postgres = OwnPostgres().init()
    postgres.start()
    env = server_env(
        postgres.url, NEWSDESK_DATA_DIR=str(tmp_path / "data"), NEWSDESK_RETRY_AFTER="7"
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = None
    try:
        server, token = serve_newsroom(env, tmp_path)
        yield postgres, server, token
    finally:
        if server is not None:
            server.stop()
        postgres.stop()
        shutil.rmtree(postgres.folder, ignore_errors=True)


def publish(server: Server, token: str, headline: str) -> tuple[int, dict[str, object]]:
    status, _, body = request(
        server,
        "/api/admin/articles",
        method="POST",
        token=token,
        body={"headline": headline, "body": "From the scene."},
    )
    if status != 201:
        return status, json.loads(body)
    made = json.loads(body)
    status, _, body = request(
        server, f"/api/admin/articles/{made['id']}/publish", method="POST", token=token, body={}
    )
    return status, json.loads(body)


@pytest.mark.half("postgres")  # a PostgreSQL of its own, whatever the half
def test_postgres_stopped_under_a_running_site(site: tuple[OwnPostgres, Server, str]) -> None:
    postgres, server, token = site
    status, article = publish(server, token, "Power returns to the east bank")
    assert status == 200, article
    page = "/" + str(article["url"]).split("/", 3)[3]
    deadline = time.monotonic() + 10  # stored once the publish's events are read
    while request(server, page)[1].get("x-cache") != "hit" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert request(server, page)[1].get("x-cache") == "hit"
    stream = SSEClient(server.url)
    time.sleep(0.3)

    postgres.stop()
    # Cached: served, marked stale, once the server has noticed.
    deadline = time.monotonic() + 10
    while True:
        status, headers, body = request(server, page)
        if headers.get("x-cache") == "stale" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200
    assert headers["x-cache"] == "stale"
    assert headers["warning"] == '110 - "Response is Stale"'
    assert b"Power returns to the east bank" in body
    # Not cached: 503 with Retry-After, a plain page.
    status, headers, body = request(server, "/")
    assert status == 503
    assert headers["retry-after"] == "7"
    assert headers["content-type"].startswith("text/html")
    assert b"Temporarily unavailable" in body
    assert "x-newsdesk-unavailable" not in headers
    # A write through the API: a 503 problem document.
    status, headers, body = request(
        server,
        "/api/admin/articles",
        method="POST",
        token=token,
        body={"headline": "Lost?", "body": "No."},
    )
    assert status == 503
    assert headers["content-type"] == "application/problem+json"
    assert headers["retry-after"] == "7"
    problem = json.loads(body)
    assert problem["type"] == "urn:newsdesk:problem:unavailable"
    assert problem["status"] == 503
    # Probes say so.
    assert request(server, "/healthz")[0] == 200
    status, _, body = request(server, "/readyz")
    assert status == 503
    assert json.loads(body)["checks"]["database"]["ok"] is False

    postgres.start()
    deadline = time.monotonic() + 15
    while request(server, "/readyz")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.3)
    status, second = publish(server, token, "Ferries run again at dawn")
    assert status == 200, second
    status, headers, body = request(server, "/")
    assert status == 200
    assert b"Ferries run again at dawn" in body
    # The stream opened before the outage is still open, and delivers.
    frame = stream.next_event(timeout=10)
    while frame.json()["article"]["headline"] != "Ferries run again at dawn":
        frame = stream.next_event(timeout=10)
    stream.close()
    assert server.process is not None and server.process.poll() is None


CHATTR = shutil.which("chattr")


def immutable(folder: Path, on: bool) -> None:
    """Make the database's folder and files unwritable, even for root (tests
    run as root, whom a chmod does not stop)."""
    assert CHATTR is not None
    for path in [folder, *folder.iterdir()]:
        subprocess.run([CHATTR, "+i" if on else "-i", str(path)], check=True)


@pytest.mark.half("sqlite")  # a SQLite file of its own, whatever the half
@pytest.mark.skipif(CHATTR is None, reason="chattr is not installed")
def test_sqlite_folder_made_read_only_under_a_running_site(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    env = server_env(
        f"sqlite:///{folder / 'newsdesk.sqlite3'}",
        NEWSDESK_DATA_DIR=str(tmp_path / "data"),
        NEWSDESK_RETRY_AFTER="7",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server, token = serve_newsroom(env, tmp_path)
    locked = False
    try:
        status, article = publish(server, token, "Water back on in the old town")
        assert status == 200, article
        page = "/" + str(article["url"]).split("/", 3)[3]
        deadline = time.monotonic() + 10
        while request(server, page)[1].get("x-cache") != "hit" and time.monotonic() < deadline:
            time.sleep(0.1)

        immutable(folder, True)
        locked = True
        status, headers, body = request(
            server,
            "/api/admin/articles",
            method="POST",
            token=token,
            body={"headline": "Lost?", "body": "No."},
        )
        assert status == 503, body
        assert headers["content-type"] == "application/problem+json"
        assert headers["retry-after"] == "7"
        assert json.loads(body)["type"] == "urn:newsdesk:problem:unavailable"
        # Reads still work from a read-only file; the cached page is marked.
        status, headers, body = request(server, page)
        assert status == 200
        assert headers["x-cache"] == "stale"
        assert b"Water back on in the old town" in body

        immutable(folder, False)
        locked = False
        status, second = publish(server, token, "Schools reopen on Monday")
        assert status == 200, second
        status, headers, body = request(server, "/")
        assert status == 200
        assert b"Schools reopen on Monday" in body
    finally:
        if locked:
            immutable(folder, False)
        server.stop()
