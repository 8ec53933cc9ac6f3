"""Real HTTP receivers on 127.0.0.1 for delivery tests, and a fixed clock."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsdesk.hooks.delivery import Clients, make_clients
from tests.helpers import Clock


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers POSTs from a script of (status, headers, body), then 200."""

    script: list[tuple[int, dict[str, str], bytes]] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)
    url: str = ""
    delay: float = 0.0


def _serve(receiver: Receiver) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            receiver.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status, headers, answer = (
                receiver.script.pop(0) if receiver.script else (200, {}, b"ok")
            )
            if receiver.delay:
                threading.Event().wait(receiver.delay)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server, thread


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    server, thread = _serve(found)
    yield found
    server.shutdown()
    server.server_close()
    thread.join(5)


@dataclass
class Canary:
    """A listener that only counts connections: nothing may ever reach it."""

    port: int
    connections: int = 0


@pytest.fixture
def canary() -> Iterator[Canary]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.1)
    found = Canary(sock.getsockname()[1])
    done = threading.Event()

    def accept() -> None:
        while not done.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            found.connections += 1
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    done.set()
    thread.join(5)
    sock.close()


@pytest.fixture
def allow_loopback(settings: Any) -> None:
    settings.NEWSDESK_WEBHOOK_ALLOW = ["127.0.0.1"]


@pytest.fixture
def clients() -> Iterator[Clients]:
    made = make_clients()
    yield made
    made.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()
