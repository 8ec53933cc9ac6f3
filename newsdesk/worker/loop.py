"""The background loop: publish what is scheduled, deliver from the outbox, poll the wire, repeat.

``newsdesk worker`` runs :func:`run` in its own process. In the embedded
one-process shape, ``newsdesk serve`` starts the same function in a thread:

    stop = threading.Event()
    threading.Thread(target=newsdesk.worker.loop.run, args=(stop,), daemon=True).start()
    ...
    stop.set()

A commit in this process (``events_committed``) wakes it at once, and so
does one in another process (``wakeups.py``: Redis, PostgreSQL's NOTIFY, or
SQLite's commit counter); otherwise it looks every ``poll`` seconds, which
is also how it notices retries that have come due.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from newsdesk.alerts.sending import run as send_alerts
from newsdesk.hooks.consumers import plan_all
from newsdesk.hooks.delivery import Clients, deliver_due, make_clients
from newsdesk.news.actions import publish_due
from newsdesk.news.outbox import events_committed
from newsdesk.push import sending as push
from newsdesk.tips.actions import prune as prune_tips
from newsdesk.wire.fetch import RefreshResult, refresh_due
from newsdesk.wire.previews import fill_due as fill_embed_previews
from newsdesk.wire.pushed import renew_due

from . import wakeups
from .heartbeat import beat

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0


WIRE_THREADS = 4


def run_once(clients: Clients, clock: Callable[[], datetime] = timezone.now) -> int:
    """Publish scheduled articles that are due, plan every consumer up to the
    newest event, send what is due, then refresh the wire sources that are due
    (a bounded batch, claimed through the database so that two workers never
    fetch the same source; see newsdesk/wire/fetch.py)."""
    publish_due(clock())
    plan_all(clock())
    sent = deliver_due(clients, clock)
    push.plan_all(clock())  # browser push for breaking updates (newsdesk/push)
    sent += push.deliver_due(clock)
    sent += send_alerts(clock)  # e-mail alerts: planned from the outbox and the clock
    fetched = refresh_due(clock=clock, parallel=WIRE_THREADS)
    renew_due(clock=clock)  # WebSub subscriptions to the sources' hubs
    prune_tips(clock())  # tips past the site's retention period, with their files
    fill_embed_previews(clock=clock)  # embedded posts' preview text, after their commit
    beat()  # the real time: /readyz asks whether the worker is alive now
    _count_fetches(fetched)
    return sent


def _count_fetches(results: list[RefreshResult]) -> None:
    from newsdesk.ops import metrics

    outcomes = Counter(r.status for r in results)
    for outcome, count in outcomes.items():
        metrics.add(metrics.WIRE_FETCHES, count, outcome)


def _count_pass(outcome: str) -> None:
    from newsdesk.ops import metrics

    metrics.WORKER_PASSES.labels(outcome).inc()


def run(
    stop: threading.Event,
    *,
    poll: float = POLL_SECONDS,
    clients: Clients | None = None,
    listen: bool = False,
) -> None:
    """Loop until ``stop`` is set; never raises for a failed pass (it logs and goes on).

    With ``listen``, commits in other processes wake it too (``wakeups.py``).
    """
    wake = threading.Event()

    def on_commit(**kwargs: Any) -> None:
        wake.set()

    events_committed.connect(on_commit, weak=False, dispatch_uid=f"newsdesk-worker-{id(wake)}")
    listening = stop_listening = None
    watch = None
    if listen:
        stop_listening = threading.Event()
        listening = wakeups.start(wake, stop_listening)
        if listening is None:
            from newsdesk.live.freshness import for_default_database

            watch = for_default_database()
    step = settings.NEWSDESK_LIVE_WATCH_SECONDS if watch is not None else 0.1
    own_clients = clients is None
    active = clients or make_clients()
    log.info("delivery worker started")
    try:
        while not stop.is_set():
            wake.clear()
            try:
                run_once(active)
                _count_pass("ok")
            except DatabaseError:
                log.exception("delivery worker pass failed; trying again shortly")
                _count_pass("failed")
            finally:
                close_old_connections()
            if watch is not None:
                watch.tick()  # this pass's own writes wake nothing
            # Wake on a commit here or elsewhere, on stop, or after ``poll`` seconds.
            waited = 0.0
            while waited < poll and not (stop.is_set() or wake.is_set()):
                wake.wait(step)
                waited += step
                if watch is not None and watch.tick():
                    break
    finally:
        events_committed.disconnect(dispatch_uid=f"newsdesk-worker-{id(wake)}")
        if stop_listening is not None:
            stop_listening.set()
        if listening is not None:
            listening.join(timeout=5)
        if watch is not None:
            watch.close()
        if own_clients:
            active.close()
        connection.close()
        log.info("delivery worker stopped")
