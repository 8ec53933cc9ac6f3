"""Several app processes: a commit in one wakes the streams of the others
through PostgreSQL LISTEN/NOTIFY or Redis pub/sub; with the broker gone,
streams fall back to reading the table and recover when it returns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.support.port_open import port_open

from .support import ROOT, Server, SSEClient, free_port, server_env

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
FALLBACK_SECONDS = 2.0


def need(condition: bool, reason: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


def run_newsdesk(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def publish(env: dict[str, str], headline: str) -> float:
    """Publish from a third process (the command line); returns when it committed."""
    run_newsdesk(env, "post", "--headline", headline, "--lede", "Broker test.")
    return time.monotonic()


def open_streams(servers: list[Server]) -> list[SSEClient]:
    clients = [SSEClient(s.url) for s in servers]
    deadline = time.monotonic() + 5
    while not all(b"retry:" in c.raw for c in clients) and time.monotonic() < deadline:
        time.sleep(0.01)
    return clients


def assert_everyone_gets(
    clients: list[SSEClient], headline: str, committed: float, within: float
) -> None:
    for client in clients:
        frame = client.next_event(timeout=within + 5)
        assert frame.json()["article"]["headline"] == headline
        # ``committed`` is taken after the publishing process exited, a little
        # after its commit: the bound is generous by that much, never tighter.
        assert frame.at - committed < within, f"{headline!r} took {frame.at - committed:.2f}s"


@pytest.fixture
def postgres_database() -> Iterator[str]:
    need(port_open("127.0.0.1", 5432), "PostgreSQL does not answer at 127.0.0.1:5432")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, in the SQLite half of the suite (it makes its own database)")
    import psycopg

    name = f"newsdesk_live_{os.getpid()}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgres_listen_notify_across_processes(postgres_database: str, tmp_path: Path) -> None:
    import psycopg

    env = server_env(
        postgres_database,
        NEWSDESK_LIVE_POLL_SECONDS=str(FALLBACK_SECONDS),
        NEWSDESK_LIVE_SAFETY_POLL_SECONDS="60",
        NEWSDESK_DATA_DIR=str(tmp_path),
    )
    run_newsdesk(env, "migrate", "--verbosity", "0")
    servers = [Server(env, log_path=tmp_path / f"serve-{i}.log").start() for i in range(2)]
    try:
        clients = open_streams(servers)
        time.sleep(0.5)  # let both listeners subscribe
        # Well inside the 2 s fallback: the wake-up came through NOTIFY.
        assert_everyone_gets(clients, "Through NOTIFY", publish(env, "Through NOTIFY"), 1.0)

        # The listeners' connections are killed: streams poll the table meanwhile.
        with psycopg.connect(postgres_database, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                # Only this test's servers: the PostgreSQL half of the suite
                # may be listening on the same server meanwhile.
                "WHERE application_name = 'newsdesk-live' AND datname = current_database()"
            ).fetchone()
        assert killed is not None and killed[0] == 2
        committed = publish(env, "While the listeners reconnect")
        assert_everyone_gets(
            clients, "While the listeners reconnect", committed, FALLBACK_SECONDS + 1
        )

        time.sleep(1.5)  # reconnected (backoff starts at 0.25 s)
        assert_everyone_gets(clients, "After recovery", publish(env, "After recovery"), 1.0)
        for client in clients:
            client.close()
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    binary = shutil.which("redis-server")
    need(binary is not None, "redis-server is not installed")
    assert binary is not None
    yield free_port(), Path(binary)


def start_redis(binary: Path, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            str(binary),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not port_open("127.0.0.1", port, 0.2):
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    return process


def test_redis_pubsub_across_processes_and_fallback(
    redis_server: tuple[int, Path], tmp_path: Path
) -> None:
    port, binary = redis_server
    redis = start_redis(binary, port, tmp_path)
    env = server_env(
        f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{port}/0",
        NEWSDESK_LIVE_POLL_SECONDS=str(FALLBACK_SECONDS),
        NEWSDESK_LIVE_SAFETY_POLL_SECONDS="60",
        NEWSDESK_DATA_DIR=str(tmp_path),
    )
    run_newsdesk(env, "migrate", "--verbosity", "0")
    servers = [Server(env, log_path=tmp_path / f"serve-{i}.log").start() for i in range(2)]
    try:
        clients = open_streams(servers)
        time.sleep(0.5)
        assert_everyone_gets(clients, "Through Redis", publish(env, "Through Redis"), 1.0)

        redis.terminate()
        redis.wait(timeout=10)
        time.sleep(0.5)
        committed = publish(env, "With Redis stopped")
        assert_everyone_gets(clients, "With Redis stopped", committed, FALLBACK_SECONDS + 1)

        redis = start_redis(binary, port, tmp_path)
        time.sleep(6)  # listeners retry with backoff capped at 5 s
        assert_everyone_gets(clients, "Redis is back", publish(env, "Redis is back"), 1.0)
        for client in clients:
            client.close()
    finally:
        for server in servers:
            server.stop()
        redis.terminate()
        redis.wait(timeout=10)
