"""A breaking update pushed to many browsers through a local push service,
beside that service's own maximum rate measured in the same run.

    python -m bench.push                         # SQLite, 10,000 subscriptions
    python -m bench.push --subscribers 2000

The push service is a small HTTP server in a process of its own on
127.0.0.1, answering 201 and counting. First a minimal client (httpx, as
many threads as the worker uses, one prepared body of a real message's size)
measures how many requests a second it accepts; then the subscriptions are
created in bulk, a breaking update is published through the actions, and the
worker's step (``push.sending``: plan from the outbox, then claim, encrypt
to each browser's keys, sign with VAPID and send, each outcome recorded)
runs until every message is sent. Prints the planning time, the sending rate
and that rate over the service's maximum: the rest is our own cost
(encryption, signing, the database).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.push", description=__doc__)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--blast", type=int, default=5_000, help="requests the baseline sends")
    return parser.parse_args()


ARGS = _args() if __name__ == "__main__" else argparse.Namespace(subscribers=100, blast=100)
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-push-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ["NEWSDESK_SITE_URL"] = "https://news.example"
os.environ["NEWSDESK_PUSH_ALLOW"] = "127.0.0.1"

import django  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(port: int, counter: Any, ready: Any) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with counter.get_lock():
                counter.value += 1
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    ready.set()
    server.serve_forever()


def blast(url: str, count: int, threads: int, body: bytes) -> float:
    """Requests a second the service accepts from the least a client can do."""
    import httpx

    with httpx.Client(timeout=10) as client:

        def one(_n: int) -> None:
            client.post(url, content=body).raise_for_status()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(one, range(count)))
        return count / (time.perf_counter() - started)


def main() -> None:
    port = free_port()
    counter = multiprocessing.Value("q", 0)
    ready = multiprocessing.Event()
    service = multiprocessing.Process(target=serve, args=(port, counter, ready), daemon=True)
    service.start()
    if not ready.wait(30):
        raise SystemExit("the push service did not start")
    django.setup()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.core.management import call_command
    from django.utils import timezone

    from newsdesk.news import actions
    from newsdesk.push import keys, sending, webpush
    from newsdesk.push.models import PushMessage, PushSubscription

    call_command("migrate", verbosity=0)
    browser = ec.generate_private_key(ec.SECP256R1())
    p256dh = keys.b64url(
        browser.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    auth = keys.b64url(os.urandom(16))
    now = timezone.now()
    started = time.perf_counter()
    base_url = f"http://127.0.0.1:{port}/push/"
    for first in range(0, ARGS.subscribers, 10_000):
        PushSubscription.objects.bulk_create(
            [
                PushSubscription(
                    endpoint=f"{base_url}{n}", p256dh=p256dh, auth=auth, created_at=now
                )
                for n in range(first, min(first + 10_000, ARGS.subscribers))
            ]
        )
    print(
        f"{ARGS.subscribers:,} subscriptions in {time.perf_counter() - started:.1f} s", flush=True
    )
    story = actions.create_draft(
        headline="Dam breach upstream: evacuate the river towns now",
        lede="Residents below the dam must leave by noon; buses leave from the square.",
        is_breaking=True,
    )
    actions.publish(story)

    started = time.perf_counter()
    sending.plan_all()
    planned = time.perf_counter() - started
    message = PushMessage.objects.get()
    body = webpush.build(f"{base_url}x", p256dh, auth, message.body.encode(), "event-1").body
    sink_rate = blast(base_url + "blast", ARGS.blast, sending.THREADS, body)
    print(
        f"planned {ARGS.subscribers:,} deliveries in {planned:.2f} s; "
        f"push service maximum: {sink_rate:,.0f} requests/s ({ARGS.blast:,} bodies of "
        f"{len(body)} bytes, {sending.THREADS} threads, minimal client)",
        flush=True,
    )
    base = counter.value
    started = time.perf_counter()
    sent = 0
    while made := sending.deliver_due():
        sent += made
    seconds = time.perf_counter() - started
    rate = sent / seconds
    print(
        f"sent {sent:,} ({counter.value - base:,} accepted) in {seconds:.1f} s: "
        f"{rate:,.0f}/s, {rate / sink_rate:.2f}x the push service's maximum",
        flush=True,
    )
    service.terminate()
    threading.Event().wait(0.1)


if __name__ == "__main__":
    main()
