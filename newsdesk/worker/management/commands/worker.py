from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsdesk.hooks.delivery import make_clients
from newsdesk.worker import loop


class Command(BaseCommand):
    help = (
        "Publish scheduled articles, refresh the wire and deliver webhooks and WebSub "
        "pings from the outbox, with retries, until stopped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")
        parser.add_argument(
            "--poll", type=float, default=loop.POLL_SECONDS, help="Seconds between passes (1)."
        )

    def handle(self, *args: Any, once: bool, poll: float, **options: Any) -> None:
        if once:
            clients = make_clients()
            try:
                made = loop.run_once(clients)
            finally:
                clients.close()
            self.stdout.write(f"{made} delivery attempt(s) made.")
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("newsdesk worker: delivering webhooks and WebSub pings (Ctrl-C stops).")
        self.stdout.flush()
        loop.run(stop, poll=poll, listen=True)
