"""Redis for the page cache tests: the server at 127.0.0.1:6379 when it
answers (skipped with the reason otherwise, never under CI=true), each test
under a key prefix of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.support.port_open import free_port, port_open

IN_CI = os.environ.get("CI", "").lower() == "true"
REDIS_URL = "redis://127.0.0.1:6379/0"


def need(condition: bool, reason: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


def need_redis() -> str:
    need(port_open("127.0.0.1", 6379), "Redis does not answer at 127.0.0.1:6379")
    return REDIS_URL


def new_prefix() -> str:
    return f"newsdesk-test:{os.getpid()}:{uuid.uuid4().hex[:8]}:"


def drop_prefix(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def shared_keys(url: str, prefix: str) -> set[str]:
    import redis

    client = redis.Redis.from_url(url)
    try:
        return {k.decode().removeprefix(prefix) for k in client.scan_iter(match=prefix + "*")}
    finally:
        client.close()


class OwnRedis:
    """A redis-server of the test's own, to stop and start again."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        need(binary is not None, "redis-server is not installed")
        assert binary is not None
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> OwnRedis:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port, 0.2):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def own_redis(workdir: Path) -> Iterator[OwnRedis]:
    server = OwnRedis(workdir).start()
    try:
        yield server
    finally:
        server.stop()
