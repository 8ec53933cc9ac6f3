"""Recorded fakes of the Fastly and Cloudflare purge APIs on 127.0.0.1.

Each checks a request as the provider documents it and answers as it does:

- Fastly, "Purge by surrogate key" (batch): ``POST /service/{service_id}/purge``
  with ``Fastly-Key: <token>`` and the keys in ``Surrogate-Key``, space
  separated, at most 256; answers 200 with ``{"<key>": "<purge id>", ...}``,
  401 ``{"msg": "Provided credentials are missing or invalid"}``.
- Varnish: ``PURGE`` with the keys in ``xkey`` (recorded, always 200).
- Cloudflare, "Purge Cached Content" by tags:
  ``POST /client/v4/zones/{zone_id}/purge_cache`` with ``Authorization:
  Bearer <token>``, ``Content-Type: application/json`` and ``{"tags":
  [...]}`` (at most 100 "operations"); answers ``{"success": true, "errors": [],
  "messages": [], "result": {"id": "<zone_id>"}}``, or ``success: false``
  with an error code.

``script`` makes the next answers fail (status codes), to test retries.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SERVICE = "SU1Z0isxPaozGVKXdv0eY"
ZONE = "023e105f4ecef8ad9ca31a8372d0c353"
FASTLY_TOKEN = "fastly-token-123"
CLOUDFLARE_TOKEN = "cloudflare-token-456"


@dataclass
class Call:
    provider: str
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    keys: list[str]


@dataclass
class FakeCDN:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    script: list[int] = field(default_factory=list)

    def purged(self, provider: str) -> list[str]:
        return [key for call in self.calls if call.provider == provider for key in call.keys]


def _fastly(
    cdn: FakeCDN, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, Any]:
    if method != "POST" or path != f"/service/{SERVICE}/purge":
        return 404, {"msg": "Record not found"}
    if headers.get("fastly-key") != FASTLY_TOKEN:
        return 401, {"msg": "Provided credentials are missing or invalid"}
    keys = headers.get("surrogate-key", "").split()
    if not keys or len(keys) > 256 or any(not k.isascii() or len(k) > 1024 for k in keys):
        return 400, {"msg": "Bad request", "detail": "Surrogate-Key: 1 to 256 keys"}
    cdn.calls.append(Call("fastly", method, path, headers, body, keys))
    return 200, {key: f"purge-{n}" for n, key in enumerate(keys)}


def _cloudflare(
    cdn: FakeCDN, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, Any]:
    def error(status: int, code: int, message: str) -> tuple[int, Any]:
        return status, {"success": False, "errors": [{"code": code, "message": message}],
                        "messages": [], "result": None}  # fmt: skip

    if method != "POST" or path != f"/client/v4/zones/{ZONE}/purge_cache":
        return error(
            404, 7003, "Could not route to /zones, perhaps your object identifier is invalid?"
        )
    if headers.get("authorization") != f"Bearer {CLOUDFLARE_TOKEN}":
        return error(403, 10000, "Authentication error")
    if headers.get("content-type", "").split(";")[0] != "application/json":
        return error(400, 6003, "Invalid request headers")
    try:
        data = json.loads(body)
    except ValueError:
        return error(400, 1012, "Request must contain one of 'purge_everything', 'files', 'tags'")
    tags = data.get("tags") if isinstance(data, dict) and set(data) == {"tags"} else None
    if not isinstance(tags, list) or not 1 <= len(tags) <= 100:
        return error(400, 1012, "Request must contain one of 'purge_everything', 'files', 'tags'")
    if any(not isinstance(t, str) or not t.isascii() or " " in t for t in tags):
        return error(400, 1018, "Invalid tag")
    cdn.calls.append(Call("cloudflare", method, path, headers, body, tags))
    return 200, {"success": True, "errors": [], "messages": [], "result": {"id": ZONE}}


@contextmanager
def fake_cdn() -> Iterator[FakeCDN]:
    cdn = FakeCDN()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            if cdn.script:
                status, answer = cdn.script.pop(0), {"msg": "scripted failure"}
            elif self.command == "PURGE":  # Varnish, as deploy/varnish/newsdesk.vcl answers
                keys = headers.get("xkey", "").split()
                cdn.calls.append(Call("varnish", "PURGE", self.path, headers, body, keys))
                status, answer = 200, {"purged": str(len(keys))}
            elif self.path.startswith("/service/"):
                status, answer = _fastly(cdn, self.command, self.path, headers, body)
            else:
                status, answer = _cloudflare(cdn, self.command, self.path, headers, body)
            if status >= 400:
                cdn.refused.append(f"{status} {self.command} {self.path}")
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_GET = do_PURGE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cdn.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield cdn
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
