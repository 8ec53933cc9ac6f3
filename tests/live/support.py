"""A real ``newsdesk serve`` process and a small SSE client over real sockets."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
#: tests.desk.conftest's password for the people it makes.
DESK_PASSWORD = "correct horse battery staple 2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def current_database_url() -> str:
    """A DATABASE_URL for the database pytest-django set up for this run."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or ""
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@dataclass
class Server:
    """``newsdesk serve`` in a child process."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[str] | None = None
    log_path: Path | None = None
    #: More ``newsdesk serve`` options, e.g. ``("--no-worker",)``.
    args: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> Server:
        log_file = open(self.log_path or os.devnull, "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsdesk.cli",
                "serve",
                "--no-migrate",
                "--port",
                str(self.port),
                *self.args,
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            text=True,
        )
        log_file.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"newsdesk serve exited with {self.process.returncode}: {self.log()}"
                )
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return self
            except urllib.error.HTTPError:
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError("newsdesk serve did not answer in time: " + self.log())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path and self.log_path.exists() else ""


def run_newsdesk(
    env: dict[str, str], *args: str, stdin: str = "", timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``newsdesk ARGS`` in a process of its own, as an operator runs it."""
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def server_env(database_url: str, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_LIVE_")}
    env.pop("REDIS_URL", None)
    env["DATABASE_URL"] = database_url
    env.update(overrides)
    return env


@dataclass
class Frame:
    id: str | None
    event: str | None
    data: str
    comment: str | None
    at: float

    def json(self) -> Any:
        return json.loads(self.data)


class SSEClient:
    """Reads ``/live`` on a background thread; frames queue up with their time."""

    def __init__(self, base_url: str, path: str = "/live", headers: dict[str, str] | None = None):
        host, port = base_url.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)
        self.conn.request("GET", path, headers=headers or {})
        self.response = self.conn.getresponse()
        self.frames: queue.Queue[Frame | None] = queue.Queue()
        self.raw = b""
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        buffer = b""
        try:
            while True:
                chunk = self.response.read1(65536)
                if not chunk:
                    break
                self.raw += chunk
                buffer += chunk
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    self.frames.put(self._parse(block.decode()))
        except (OSError, ValueError, AttributeError, http.client.HTTPException):
            pass
        self.frames.put(None)

    @staticmethod
    def _parse(block: str) -> Frame:
        fields: dict[str, list[str]] = {}
        comment = None
        for line in block.split("\n"):
            if line.startswith(":"):
                comment = line[1:].strip()
                continue
            name, _, value = line.partition(":")
            fields.setdefault(name, []).append(value.removeprefix(" "))
        return Frame(
            id=fields.get("id", [None])[-1],
            event=fields.get("event", [None])[-1],
            data="\n".join(fields.get("data", [])),
            comment=comment,
            at=time.monotonic(),
        )

    def next_event(self, timeout: float = 5.0) -> Frame:
        """The next frame that carries an event (skipping retry hints and comments)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no event arrived")
            frame = self.frames.get(timeout=remaining)
            if frame is None:
                raise ConnectionError("the stream ended")
            if frame.event is not None:
                return frame

    def events_within(self, seconds: float) -> list[Frame]:
        found = []
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                frame = self.frames.get(timeout=remaining)
            except queue.Empty:
                break
            if frame is None:
                break
            if frame.event is not None:
                found.append(frame)
        return found

    def close(self) -> None:
        try:
            if self.conn.sock is not None:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.conn.close()


class DeskSession:
    """An editor signed in to the desk over HTTP, CSRF and all."""

    def __init__(self, server: Server, username: str, password: str = DESK_PASSWORD) -> None:
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.post("/desk/login/", {"username": username, "password": password})

    def token(self, path: str) -> str:
        with self.opener.open(self.server.url + path, timeout=30) as response:
            html = response.read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def post(self, path: str, fields: dict[str, str]) -> str:
        data = {**fields, "csrfmiddlewaretoken": self.token(path)}
        request = urllib.request.Request(
            self.server.url + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": self.server.url},
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return str(response.url)
        except urllib.error.HTTPError as refused:  # e.g. signed in, but no desk rights
            refused.close()
            return str(refused.url)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)
