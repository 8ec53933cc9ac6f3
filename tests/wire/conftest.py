"""A scripted HTTP server on 127.0.0.1, a canary listener, a hand-moved clock."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.wire import fetch
from newsdesk.wire.models import Source
from tests.helpers import Clock

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable[[BaseHTTPRequestHandler], object] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line (a timeout)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    """Answers each path from a script: a list is played in order, its last
    reply repeating; a single Reply always answers."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | list[Reply]] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.seen.append(Seen(self.path, dict(self.headers.items())))
                reply = server.next_reply(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status == 0 and callable(reply.body):  # the raw answer, by hand
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        reply.body(self)
                    self.close_connection = True
                    return
                try:
                    self.send_response(reply.status)
                    if callable(reply.body):
                        for name, value in reply.headers.items():
                            self.send_header(name, value)
                        self.end_headers()
                        reply.body(self)
                        self.close_connection = True
                        return
                    headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def next_reply(self, path: str) -> Reply:
        route = self.routes.get(path.split("?")[0])
        if route is None:
            return Reply(404, b"not here")
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        return route

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path.split("?")[0] == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    made = FeedServer()
    yield made
    made.close()


class Canary:
    """A listener that counts connections: proof that nothing reached it."""

    def __init__(self, family: int = socket.AF_INET, host: str = "127.0.0.1") -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.done.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    made = Canary()
    yield made
    made.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


@pytest.fixture
def wire_settings(settings: Any) -> Any:
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.1"]
    settings.NEWSDESK_WIRE_DEADLINE = 3.0
    settings.NEWSDESK_WIRE_MAX_BYTES = 1_000_000
    settings.NEWSDESK_WIRE_PER_HOST = 2
    return settings


class CountingTransport(httpx.BaseTransport):
    """The real network, counting what reaches it (behind the guard)."""

    def __init__(self) -> None:
        self.inner = fetch.DeadlineTransport()
        self.hosts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def network() -> CountingTransport:
    return CountingTransport()


@pytest.fixture
def client(wire_settings: Any, network: CountingTransport) -> Iterator[httpx.Client]:
    made = fetch.make_client(transport=network)
    yield made
    made.close()


@pytest.fixture
def make_source(db: None, clock: Clock) -> Callable[..., Source]:
    def make(url: str, kind: str = "rss", **fields: Any) -> Source:
        fields.setdefault("next_check_at", clock.now)
        return Source.objects.create(url=url, kind=kind, **fields)

    return make
