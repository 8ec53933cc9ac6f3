"""A push service of our own on 127.0.0.1, and browsers that subscribe to it.

Each ``FakeBrowser`` makes its P-256 key pair and 16-byte auth secret as a
browser does, so only it can read its messages. The service answers
``POST /push/<name>`` like a real one: it checks the VAPID JWT's ES256
signature against the key in the request and that this key is the one the
site serves, that ``aud`` is its own origin and ``exp`` within 24 hours,
then decrypts the ``aes128gcm`` body with the browser's private key and
secret, keeps what it read, and answers what the test scripted (201 by
default).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid.jwt import decode

from newsdesk.push import keys
from newsdesk.push.models import PushSubscription
from tests.helpers import Clock


@dataclass
class FakeBrowser:
    name: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return keys.b64url(point)

    def to_json(self) -> dict[str, Any]:
        """What ``PushSubscription.toJSON()`` gives in a browser."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": keys.b64url(self.auth)},
        }


@dataclass
class Received:
    browser: str
    headers: dict[str, str]
    claims: dict[str, Any]
    message: dict[str, Any]
    size: int


@dataclass
class PushService:
    url: str = ""
    browsers: dict[str, FakeBrowser] = field(default_factory=dict)
    script: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def browser(self, name: str) -> FakeBrowser:
        made = FakeBrowser(name, f"{self.url}/push/{name}")
        self.browsers[name] = made
        return made

    def handle(self, name: str, headers: dict[str, str], body: bytes) -> int:
        """Check and read one message; returns the status to answer."""
        browser = self.browsers.get(name)
        if browser is None:
            return 404
        scheme, _space, params = headers.get("authorization", "").partition(" ")
        fields = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
        if scheme != "vapid" or fields.get("k") != keys.public_key():
            self.problems.append(f"{name}: not signed with the served key")
            return 401
        claims = decode(fields["t"], fields["k"])  # raises on a bad signature
        if claims["aud"] != self.url or not 0 < claims["exp"] - time.time() <= 86400:
            self.problems.append(f"{name}: bad claims {claims}")
            return 403
        if headers.get("content-encoding") != "aes128gcm":
            self.problems.append(f"{name}: not aes128gcm")
            return 400
        plain = http_ece.decrypt(
            body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
        )
        self.received.append(Received(name, headers, claims, json.loads(plain), len(body)))
        return 201

    def messages(self, name: str) -> list[dict[str, Any]]:
        return [r.message for r in self.received if r.browser == name]


def _serve(service: PushService) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            name = self.path.rsplit("/", 1)[-1]
            headers = {k.lower(): v for k, v in self.headers.items()}
            scripted = service.script.get(name) or []
            if scripted:
                status, extra = scripted.pop(0)
            else:
                try:
                    status, extra = service.handle(name, headers, body), {}
                except Exception as exc:  # noqa: BLE001  # reported to the test, answered 400
                    service.problems.append(f"{name}: {type(exc).__name__}: {exc}")
                    status, extra = 400, {}
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    service.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server


@pytest.fixture(scope="module")
def _push_server() -> Iterator[PushService]:
    service = PushService()
    server = _serve(service)
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def push_service(_push_server: PushService, settings: Any) -> PushService:
    """The module's push service, emptied for this test, reachable through the guard."""
    settings.NEWSDESK_PUSH_ALLOW = ["127.0.0.1"]
    _push_server.browsers.clear()
    _push_server.script.clear()
    _push_server.received.clear()
    _push_server.problems.clear()
    return _push_server


def subscribed(browser: FakeBrowser) -> PushSubscription:
    from newsdesk.push import actions

    found, _created = actions.subscribe(browser.to_json())
    return found


@pytest.fixture
def clock() -> Clock:
    return Clock()
