"""Publish at the source to visible in the open monitor: a source pushing
through a WebSub hub against one polled, in the same run (``bench/wire.py``
runs it last; ``python -m bench.wire --latency`` runs only it).

Everything is real and on 127.0.0.1: ``newsdesk serve`` on a fresh SQLite
file with its worker thread, a hub of our own (bench/support/websub_hub.py)
that the server subscribes to as it would to an outlet's, two outlets' feed
servers, and an editor signed in over HTTP with ``/live/desk`` open, as the
monitor keeps it. A report counts as visible when ``items.json`` (what the
monitor asks on each ``desk.wire_items``) lists it.

- pushed: the outlet's feed gains an item and the hub pushes it at once (as
  a hub does when the outlet pings it);
- polled: the outlet's feed gains an item at a random moment of a 60 s poll
  interval (the wire's shortest; most sources are polled less often), and
  the worker finds it at the next poll.

Prints p50 and p95 of each and the ratio of pushed to polled.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import logging
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.support.websub_hub import Hub

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench password for the wire desk"  # noqa: S105 - a throwaway database's
POLL_INTERVAL = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Outlet:
    """An outlet's RSS feed, which the bench adds items to."""

    def __init__(self, name: str, hub_url: str = "") -> None:
        self.name = name
        self.hub_url = hub_url
        self.items: list[tuple[str, str, str]] = []  # guid, title, date
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = outlet.body()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/rss.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, n: int) -> str:
        from django.utils import timezone

        title = f"{self.name} report {n}: ferry timetable {random.randrange(10**6)}"
        self.items.insert(0, (f"{self.name}-{n}", title, format_datetime(timezone.now())))
        return title

    def body(self) -> bytes:
        hub = f'<atom:link rel="hub" href="{self.hub_url}"/>' if self.hub_url else ""
        entries = "".join(
            f"<item><title>{title}</title><link>https://outlet.example/{guid}</link>"
            f"<guid>{guid}</guid><description>{title}.</description><pubDate>{date}</pubDate>"
            "</item>"
            for guid, title, date in self.items[:20]
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>{self.name}</title><link>https://outlet.example/</link>"
            f'<description>News</description>{hub}<atom:link rel="self" href="{self.url}"/>'
            f"{entries}</channel></rss>"
        ).encode()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Monitor:
    """An editor's open monitor: signed in, ``/live/desk`` open, and
    ``items.json`` asked for on every ``desk.wire_items``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        with self.opener.open(base + "/desk/login/", timeout=30) as answer:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.read().decode())
        assert token, "no sign-in form"
        data = {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
        request = urllib.request.Request(
            base + "/desk/login/",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": base},
        )
        self.opener.open(request, timeout=30).close()
        self.after = 0
        self.seen: dict[str, float] = {}
        self.lock = threading.Condition()
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        host, port = base.removeprefix("http://").split(":")
        self.stream = http.client.HTTPConnection(host, int(port), timeout=600)
        self.stream.request("GET", "/live/desk", headers={"Cookie": cookie})
        answer = self.stream.getresponse()
        assert answer.status == 200, answer.status
        self.answer = answer
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self.answer.read1(65536)
            except (OSError, http.client.HTTPException):
                return  # the server stopped
            if not chunk:
                return
            buffer += chunk
            while b"\n\n" in buffer:
                frame, buffer = buffer.split(b"\n\n", 1)
                if b"event: desk.wire_items" in frame:
                    self.fetch()

    def fetch(self) -> None:
        url = f"{self.base}/desk/wire/items.json?after={self.after}"
        with self.opener.open(url, timeout=30) as answer:
            items = json.loads(answer.read())["items"]
        now = time.monotonic()
        with self.lock:
            for item in items:
                self.after = max(self.after, item["id"])
                self.seen.setdefault(item["title"], now)
            self.lock.notify_all()

    def wait_for(self, title: str, timeout: float) -> float:
        with self.lock:
            self.lock.wait_for(lambda: title in self.seen, timeout)
            return self.seen.get(title, float("nan"))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(pushes: int = 20, polls: int = 3) -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the hub's own requests
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from newsdesk.news.roles import EDITOR, ensure_roles
    from newsdesk.wire.models import PushSubscription, Source

    ensure_roles()
    editor = User.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITOR))

    hub = Hub()
    pushed = Outlet("Harbour Courier", hub.url)
    polled = Outlet("Valley Post")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "NEWSDESK_FETCH_ALLOW": "127.0.0.1",
        "NEWSDESK_SITE_URL": base,
        "DATABASE_URL": f"sqlite:///{settings.DATABASES['default']['NAME']}",
    }
    log = open(Path(settings.DATABASES["default"]["NAME"]).parent / "serve.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--no-migrate", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("newsdesk serve did not start") from None
                time.sleep(0.2)
        pushed.add(0)
        polled.add(0)
        push_source = Source.objects.create(url=pushed.url, outlet=pushed.name)
        poll_source = Source.objects.create(url=polled.url, outlet=polled.name)
        deadline = time.monotonic() + 60
        while not PushSubscription.objects.filter(
            source=push_source, state=PushSubscription.State.ACTIVE
        ).exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not subscribe to the hub")
            time.sleep(0.1)
        monitor = Monitor(base)
        subscription = next(r for r in hub.requests if r.mode == "subscribe" and r.verified)

        push_times: list[float] = []
        for n in range(1, pushes + 1):
            title = pushed.add(n)
            sent = time.monotonic()
            status = hub.publish(subscription, pushed.body())
            assert status == 202, status
            push_times.append(monitor.wait_for(title, 30) - sent)
        print(
            f"pushed through a hub ({pushes} reports): p50 {statistics.median(push_times):.2f} s, "
            f"p95 {pct(push_times, 95):.2f} s (target: p95 <= 5 s)",
            flush=True,
        )

        poll_times: list[float] = []
        for n in range(1, polls + 1):
            # The next poll is due at a random moment of the interval from now.
            due = random.uniform(0, POLL_INTERVAL)
            Source.objects.filter(pk=poll_source.pk).update(
                next_check_at=timezone.now() + timedelta(seconds=due)
            )
            title = polled.add(n)
            sent = time.monotonic()
            poll_times.append(monitor.wait_for(title, POLL_INTERVAL + 30) - sent)
        print(
            f"polled every {POLL_INTERVAL} s ({polls} reports): "
            f"p50 {statistics.median(poll_times):.2f} s, p95 {pct(poll_times, 95):.2f} s",
            flush=True,
        )
        p50 = statistics.median(push_times) / statistics.median(poll_times)
        p95 = pct(push_times, 95) / pct(poll_times, 95)
        print(f"pushed / polled: p50 {p50:.3f}x, p95 {p95:.3f}x")
    finally:
        server.terminate()
        server.wait(30)
        hub.close()
        pushed.close()
        polled.close()
