"""A WebSub hub of our own on 127.0.0.1 (tests/wire/test_push.py,
bench/wire.py): takes subscription requests, verifies intent on the
subscriber's callback as a real hub does, and pushes signed (or forged)
content to verified subscribers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx


@dataclass
class Request:
    mode: str
    topic: str
    callback: str
    secret: str
    lease: str
    verified: bool | None = None  # None: not verified yet


class Hub:
    def __init__(self, lease_seconds: int | None = None) -> None:
        self.requests: list[Request] = []
        self.lease_seconds = lease_seconds  # what the hub grants (None: what was asked)
        self.done = threading.Condition()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                request = Request(
                    mode=form.get("hub.mode", ""),
                    topic=form.get("hub.topic", ""),
                    callback=form.get("hub.callback", ""),
                    secret=form.get("hub.secret", ""),
                    lease=form.get("hub.lease_seconds", ""),
                )
                ok = request.mode in ("subscribe", "unsubscribe") and request.callback
                self.send_response(202 if ok else 400)
                self.send_header("Content-Length", "0")
                self.end_headers()
                if ok:
                    hub.requests.append(request)
                    # Verification of intent comes after the answer, as hubs do.
                    threading.Thread(target=hub.verify, args=(request,), daemon=True).start()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hub"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def verify(self, request: Request) -> None:
        challenge = secrets.token_urlsafe(16)
        params = {
            "hub.mode": request.mode,
            "hub.topic": request.topic,
            "hub.challenge": challenge,
        }
        if request.mode == "subscribe":
            params["hub.lease_seconds"] = str(self.lease_seconds or request.lease or 86400)
        answer = httpx.get(request.callback, params=params, timeout=10)
        with self.done:
            request.verified = answer.status_code // 100 == 2 and answer.text == challenge
            self.done.notify_all()

    def wait_verified(self, count: int, timeout: float = 10) -> list[Request]:
        with self.done:
            self.done.wait_for(
                lambda: sum(r.verified is not None for r in self.requests) >= count, timeout
            )
        return self.requests

    def deny(self, request: Request, reason: str = "not accepted here") -> int:
        params = {"hub.mode": "denied", "hub.topic": request.topic, "hub.reason": reason}
        return httpx.get(request.callback, params=params, timeout=10).status_code

    def publish(
        self,
        request: Request,
        body: bytes,
        *,
        secret: str | None = None,
        method: str = "sha256",
        signed: bool = True,
        callback: str | None = None,
    ) -> int:
        """Push ``body`` to a subscriber, signed with its secret (or another)."""
        headers = {"Content-Type": "application/rss+xml"}
        if signed:
            key = (secret if secret is not None else request.secret).encode()
            digest = hmac.new(key, body, getattr(hashlib, method)).hexdigest()
            headers["X-Hub-Signature"] = f"{method}={digest}"
        answer = httpx.post(callback or request.callback, content=body, headers=headers, timeout=10)
        return answer.status_code

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
