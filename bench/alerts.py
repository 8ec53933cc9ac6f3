"""A breaking alert to many confirmed subscribers through a local SMTP sink,
beside the sink's own maximum acceptance rate measured in the same run.

    python -m bench.alerts                       # SQLite, 100,000 subscribers
    python -m bench.alerts --subscribers 20000 --connections 4
    python -m bench.alerts --postgres postgres://postgres@127.0.0.1:5432/postgres

The sink is aiosmtpd in a process of its own on 127.0.0.1, counting what it
accepts. First a minimal blaster (raw sockets, one prepared message of the
alert's size, as many connections as the alert uses) measures how many
messages a second the sink itself accepts; then the subscribers are created
in bulk, a breaking update is published through the actions, and the
worker's step (``alerts.sending.run``: plan from the outbox, then send over
``--connections`` SMTP connections through Django's SMTP backend, each
message recorded in its own commit) runs until every message is sent.
Prints the alert's time and rate, and its rate over the sink's maximum.
The target: 100,000 messages in at most 60 s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import sys
import tempfile
import threading
import time

TARGET_SECONDS = 60.0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--blast", type=int, default=20_000, help="messages the blaster sends")
    parser.add_argument(
        "--postgres", metavar="URL", help="a PostgreSQL server to create a database on"
    )
    return parser.parse_args()


ARGS = (
    _args()
    if __name__ == "__main__"
    else argparse.Namespace(subscribers=100, connections=2, blast=100, postgres=None)
)
BENCH_DB = "newsdesk_bench_alerts"
if ARGS.postgres:
    os.environ["DATABASE_URL"] = f"{ARGS.postgres.rsplit('/', 1)[0]}/{BENCH_DB}"
else:
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-alerts-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ["NEWSDESK_ALERTS_CONNECTIONS"] = str(ARGS.connections)
os.environ["NEWSDESK_SITE_URL"] = "https://news.example"

import django  # noqa: E402

from bench.support.smtp_sink import serve  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_sink() -> tuple[multiprocessing.Process, int, object]:
    port = free_port()
    counter = multiprocessing.Value("q", 0)
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=serve, args=(port, counter, ready), daemon=True)
    process.start()
    if not ready.wait(30):
        raise SystemExit("the SMTP sink did not start")
    return process, port, counter


def _read_replies(sock: socket.socket, wanted: int, buffer: bytearray) -> None:
    """Read until ``wanted`` complete final reply lines ("250 ...", not "250-...")."""
    seen = 0
    while seen < wanted:
        while b"\r\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("the sink closed the connection")
            buffer += chunk
        line, _sep, rest = bytes(buffer).partition(b"\r\n")
        buffer[:] = rest
        if len(line) >= 4 and line[3:4] == b" ":
            if not (line.startswith(b"2") or line.startswith(b"3")):
                raise ConnectionError(f"the sink refused: {line!r}")
            seen += 1


def blast(port: int, count: int, connections: int, size: int) -> float:
    """Messages a second the sink accepts from the least a client can do."""
    body = b"Subject: blast\r\n\r\n" + (b"x" * 76 + b"\r\n") * max(1, size // 78)
    one = b"MAIL FROM:<bench@news.example>\r\nRCPT TO:<r@example.org>\r\nDATA\r\n" + body
    one += b".\r\n"

    def run(n: int) -> None:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            buffer = bytearray()
            _read_replies(sock, 1, buffer)  # greeting
            sock.sendall(b"EHLO blaster\r\n")
            _read_replies(sock, 1, buffer)
            for _ in range(n):
                sock.sendall(one)
                _read_replies(sock, 4, buffer)
            sock.sendall(b"QUIT\r\n")

    per = count // connections
    threads = [threading.Thread(target=run, args=(per,)) for _ in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return per * connections / (time.perf_counter() - started)


def main() -> None:
    if ARGS.postgres:
        import psycopg

        with psycopg.connect(ARGS.postgres, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    sink, port, counter = start_sink()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from newsdesk.alerts import sending
    from newsdesk.alerts.mail import Composer
    from newsdesk.alerts.models import Message, Subscription
    from newsdesk.news import actions

    call_command("migrate", verbosity=0)
    now = timezone.now()
    started = time.perf_counter()
    for first in range(0, ARGS.subscribers, 10_000):
        Subscription.objects.bulk_create(
            [
                Subscription(
                    address=f"reader{n}@example.org",
                    language="en",
                    state=Subscription.State.CONFIRMED,
                    created_at=now,
                    confirmed_at=now,
                )
                for n in range(first, min(first + 10_000, ARGS.subscribers))
            ]
        )
    print(
        f"{connection.vendor}: {ARGS.subscribers:,} confirmed subscribers in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    author = actions.create_author(name="Bench Desk", slug="bench-desk")
    story = actions.create_draft(
        headline="Dam breach upstream: evacuate the river towns now",
        lede="Residents below the dam must leave by noon; buses leave from the square.",
        body="The regional authority ordered an evacuation.",
        authors=[author],
        tags=["Floods"],
        is_breaking=True,
    )
    actions.publish(story)

    # The size of one real message, for the blaster.
    from newsdesk.alerts import planning

    planning.plan(timezone.now())
    sample = Message.objects.select_related("subscription", "alert").first()
    assert sample is not None
    size = len(Composer().compose(sample).message().as_bytes())  # type: ignore[union-attr]
    sink_rate = blast(port, ARGS.blast, ARGS.connections, size)
    base = counter.value  # type: ignore[attr-defined]
    print(
        f"sink maximum: {sink_rate:,.0f} messages/s "
        f"({ARGS.blast:,} messages of {size:,} bytes over {ARGS.connections} connections, "
        "minimal blaster)",
        flush=True,
    )

    started = time.perf_counter()
    sent = 0
    while made := sending.run():
        sent += made
    seconds = time.perf_counter() - started
    accepted = counter.value - base  # type: ignore[attr-defined]
    rate = sent / seconds
    print(
        f"alert: {sent:,} messages sent ({accepted:,} accepted by the sink) in {seconds:.1f} s, "
        f"{rate:,.0f} messages/s over {ARGS.connections} connections"
    )
    print(
        f"ratio to the sink's maximum: {rate / sink_rate:.2f}; "
        f"{ARGS.subscribers:,} within {TARGET_SECONDS:.0f} s: "
        f"{'yes' if seconds <= TARGET_SECONDS else 'no'}",
        flush=True,
    )
    sink.terminate()
    sink.join(5)


if __name__ == "__main__":
    main()
    sys.exit(0)
