"""A ``newsdesk worker`` of its own hears of a commit in another process at
once (Redis, PostgreSQL's NOTIFY or SQLite's commit counter), not at its
next poll: the purge that makes a page fresh in a CDN does not wait."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.live import brokers
from newsdesk.news.models import Article
from newsdesk.worker.models import Heartbeat
from tests.cache.redis_support import need_redis
from tests.hooks.fake_cdn import FASTLY_TOKEN, SERVICE, FakeCDN, fake_cdn
from tests.live.support import ROOT, current_database_url, server_env

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cdn() -> Iterator[FakeCDN]:
    with fake_cdn() as found:
        yield found


def start_worker(cdn: FakeCDN, log: Path, **env: str) -> subprocess.Popen[bytes]:
    settings = server_env(
        current_database_url(),
        NEWSDESK_PURGE="fastly",
        NEWSDESK_PURGE_FASTLY_API=cdn.url,
        NEWSDESK_PURGE_FASTLY_SERVICE=SERVICE,
        NEWSDESK_PURGE_FASTLY_TOKEN=FASTLY_TOKEN,
        **env,
    )
    return subprocess.Popen(
        # A poll far longer than the test: only a wake-up explains a purge.
        [sys.executable, "-m", "newsdesk.cli", "worker", "--poll", "60"],
        env=settings,
        cwd=ROOT,
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
    )


def wait_for(check: Callable[[], bool], within: float, what: str, log: Path) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > within:
            raise AssertionError(f"{what} within {within} s; worker log:\n{log.read_text()}")
        time.sleep(0.02)
    return time.monotonic() - started


@pytest.mark.parametrize("broker", ["database", "redis"])
def test_a_publish_elsewhere_wakes_a_separate_worker(
    broker: str,
    cdn: FakeCDN,
    tmp_path: Path,
    make_article: Callable[..., Article],
    settings: Any,
) -> None:
    env: dict[str, Any] = {}
    if broker == "redis":  # every process of the site shares it
        env["REDIS_URL"] = settings.REDIS_URL = need_redis()
        brokers._redis_client = None
    log = tmp_path / "worker.log"
    worker = start_worker(cdn, log, **env)
    try:
        # Its first pass has run (and the wake-up listener is up by then).
        wait_for(Heartbeat.objects.exists, 60, "the worker made no pass", log)
        time.sleep(0.5)
        story = make_article(headline="Bridge reopens", tags=["Transport"])
        wait_for(
            lambda: f"article:{story.pk}" in cdn.purged("fastly"),
            10,
            "the separate worker did not purge the publish",
            log,
        )
    finally:
        brokers._redis_client = None
        worker.terminate()
        worker.wait(15)
    assert worker.returncode == 0, log.read_text()
