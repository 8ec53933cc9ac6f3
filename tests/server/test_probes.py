"""``/healthz``, ``/readyz`` and ``/metrics`` on a running ``newsdesk serve``,
and the readiness checks and the metrics' door in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from newsdesk.news.models import Article
from newsdesk.server.health import Readiness
from newsdesk.server.metrics import allowed
from newsdesk.worker import heartbeat
from newsdesk.worker.models import Heartbeat
from tests.live.support import Server, current_database_url, free_port, server_env

TOKEN = "metrics-token-for-the-test-0123456789"


def get(server: Server, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(server.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, bytes(response.read())
    except urllib.error.HTTPError as error:
        return error.code, bytes(error.read())


def samples(text: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict[Any, float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(**overrides: str) -> Server:
        env = server_env(
            current_database_url(), NEWSDESK_DATA_DIR=str(tmp_path / "data"), **overrides
        )
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        server = Server(env, log_path=tmp_path / "serve.log").start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_and_readyz_waits_for_the_worker(serve: Callable[..., Server]) -> None:
    server = serve()
    status, body = get(server, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    deadline = time.monotonic() + 15
    while True:
        status, body = get(server, "/readyz")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    answer = json.loads(body)
    assert status == 200, answer
    assert answer["ready"] is True
    assert answer["checks"]["database"] == {"ok": True}
    assert answer["checks"]["migrations"] == {"ok": True}
    assert answer["checks"]["worker"]["ok"] is True
    assert "redis" not in answer["checks"]
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        assert response.headers["X-Newsdesk-Route"] is None  # internal: never sent
        assert response.headers["X-Newsdesk-Deps"] is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("processes", ["1", "2"])
def test_metrics_parse_and_move_with_traffic(
    serve: Callable[..., Server], make_article: Callable[..., Article], processes: str
) -> None:
    article = make_article(headline="Bridge reopens after repairs")
    server = serve(NEWSDESK_METRICS_TOKEN=TOKEN, NEWSDESK_WEB_PROCESSES=processes)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert get(server, "/metrics")[0] == 403
    assert get(server, "/metrics", {"Authorization": "Bearer wrong"})[0] == 403
    status, before_text = get(server, "/metrics", auth)
    assert status == 200
    before = samples(before_text)

    for _ in range(3):
        assert get(server, article.get_absolute_url())[0] == 200
    assert get(server, "/no-such-page/")[0] == 404
    time.sleep(1.5)  # every web process moves its plain counters each second
    after = samples(get(server, "/metrics", auth)[1])

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    page_route = "/news/<str:slug>/"
    rendered = moved("newsdesk_http_requests_total", route=page_route, status="200")
    cached = moved("newsdesk_page_cache_total", result="hit")
    assert rendered >= 1
    assert rendered + cached == 3
    assert (
        sum(
            moved("newsdesk_http_requests_total", route=route, status="404")
            for (name, labels) in after
            if name == "newsdesk_http_requests_total"
            for key, route in labels
            if key == "route"
        )
        >= 1
    )
    assert moved("newsdesk_http_request_duration_seconds_count", route=page_route) == rendered
    assert value(after, "newsdesk_database_up") == 1
    for queue in ("scheduled", "scheduled_due", "deliveries_due", "wire_sources_due"):
        assert ("newsdesk_worker_queue_depth", (("queue", queue),)) in after
    assert ("newsdesk_outbox_lag_seconds", ()) in after
    assert ("newsdesk_live_readers", ()) in after


@pytest.mark.django_db(transaction=True)
def test_readiness_needs_a_recent_worker_pass() -> None:
    readiness = Readiness()

    def check() -> tuple[bool, dict[str, Any]]:  # on its thread, as the front runs it
        return readiness._pool.submit(readiness.check).result()

    ready, checks = check()
    assert not ready
    assert checks["worker"] == {"ok": False, "error": "no worker has run"}
    assert checks["database"] == {"ok": True}

    heartbeat.beat(force=True)
    ready, checks = check()
    assert ready, checks

    Heartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=5))
    with override_settings(NEWSDESK_WORKER_STALE_SECONDS=60):
        ready, checks = check()
    assert not ready
    assert checks["worker"]["ok"] is False
    assert checks["worker"]["age_seconds"] >= 299


def scope(client: str, **headers: str) -> dict[str, Any]:
    return {
        "client": (client, 50000),
        "headers": [(k.lower().replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
    }


@pytest.mark.parametrize(
    ("settings", "request_scope", "expected"),
    [
        ({}, scope("127.0.0.1"), False),  # closed until configured
        ({"NEWSDESK_METRICS_ALLOW": ["127.0.0.1"]}, scope("127.0.0.1"), True),
        ({"NEWSDESK_METRICS_ALLOW": ["10.0.0.0/8"]}, scope("127.0.0.1"), False),
        ({"NEWSDESK_METRICS_ALLOW": ["10.0.0.0/8"]}, scope("10.1.2.3"), True),
        # A proxy on this host does not open it to the world.
        (
            {"NEWSDESK_METRICS_ALLOW": ["127.0.0.1"], "NEWSDESK_TRUSTED_PROXIES": ["127.0.0.1"]},
            scope("127.0.0.1", x_forwarded_for="203.0.113.9"),
            False,
        ),
        ({"NEWSDESK_METRICS_TOKEN": TOKEN}, scope("203.0.113.9"), False),
        (
            {"NEWSDESK_METRICS_TOKEN": TOKEN},
            scope("203.0.113.9", authorization=f"Bearer {TOKEN}"),
            True,
        ),
    ],
)
def test_metrics_door(
    settings: dict[str, Any], request_scope: dict[str, Any], expected: bool
) -> None:
    defaults = {
        "NEWSDESK_METRICS_TOKEN": "",
        "NEWSDESK_METRICS_ALLOW": [],
        "NEWSDESK_TRUSTED_PROXIES": [],
    }
    with override_settings(**{**defaults, **settings}):
        assert allowed(request_scope) is expected


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("NEWSDESK_METRICS_TOKEN", "short", "newsdesk.E060"),
        ("NEWSDESK_METRICS_ALLOW", "metrics.example.org", "newsdesk.E061"),
    ],
)
def test_a_bad_metrics_setting_stops_start_up(
    tmp_path: Path, name: str, value: str, code: str
) -> None:
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path), name: value}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert code in done.stderr


@pytest.mark.django_db(transaction=True)
def test_live_readers_and_events_delivered_are_counted(
    serve: Callable[..., Server], make_article: Callable[..., Article]
) -> None:
    from tests.live.support import SSEClient

    server = serve(NEWSDESK_METRICS_TOKEN=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stream = SSEClient(server.url)
    try:
        make_article(headline="Curfew lifted in the capital")
        assert stream.next_event(timeout=10).json()["type"] == "article.published"
        time.sleep(1.5)
        found = samples(get(server, "/metrics", auth)[1])
        assert value(found, "newsdesk_live_readers") == 1
        assert value(found, "newsdesk_live_events_delivered_total") >= 1
    finally:
        stream.close()


@pytest.mark.django_db(transaction=True)
def test_readiness_asks_redis_when_it_is_configured() -> None:
    readiness = Readiness()
    heartbeat.beat(force=True)

    def check() -> tuple[bool, dict[str, Any]]:
        return readiness._pool.submit(readiness.check).result()

    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with override_settings(REDIS_URL=closed):
        ready, checks = check()
    assert not ready
    assert checks["redis"]["ok"] is False
    assert checks["redis"]["error"].startswith("ConnectionError")
    if port_open("127.0.0.1", 6379):
        with override_settings(REDIS_URL="redis://127.0.0.1:6379/0"):
            ready, checks = check()
        assert ready, checks
        assert checks["redis"] == {"ok": True}


def port_open(host: str, port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0
