"""A ``newsdesk worker`` killed (SIGKILL) in the middle of a breaking alert to
10,000 subscribers, then started again: each subscriber gets exactly one
message (one Message-ID); at most the one message in flight on each SMTP
connection reaches the server twice, under the same Message-ID."""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone

from newsdesk.alerts.models import Message, Subscription
from newsdesk.news.models import Article
from tests.live.support import ROOT, current_database_url, server_env

from .sink import Sink

pytestmark = pytest.mark.django_db(transaction=True)
logger = logging.getLogger(__name__)

SUBSCRIBERS = 10_000
CONNECTIONS = 6
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>]+>)", re.MULTILINE | re.IGNORECASE)


def start_worker(sink: Sink, log: Path) -> subprocess.Popen[bytes]:
    env = server_env(
        current_database_url(),
        NEWSDESK_ALERTS_CONNECTIONS=str(CONNECTIONS),
        NEWSDESK_SITE_URL="http://news.example",
        **sink.env(),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "worker", "--poll", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=open(log, "ab"),
        stderr=subprocess.STDOUT,
    )


def wait_for(check: Callable[[], bool], within: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{what} within {within} s; worker log:\n{log.read_text()[-3000:]}"
            )
        time.sleep(0.05)


def test_a_killed_worker_resumes_and_each_subscriber_gets_one_message(
    sink: Sink,
    tmp_path: Path,
    make_article: Callable[..., Article],
    record_property: Callable[[str, object], None],
) -> None:
    now = timezone.now()
    Subscription.objects.bulk_create(
        [
            Subscription(
                address=f"reader{n}@example.org",
                language="en",
                state=Subscription.State.CONFIRMED,
                created_at=now,
                confirmed_at=now,
            )
            for n in range(SUBSCRIBERS)
        ],
        batch_size=2000,
    )
    make_article(headline="Dam breach: evacuate the valley", is_breaking=True)
    log = tmp_path / "worker.log"
    worker = start_worker(sink, log)
    try:
        wait_for(lambda: len(sink.received) >= SUBSCRIBERS // 4, 120, "a quarter sent", log)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        at_kill = len(sink.received)
        in_flight = Message.objects.filter(state=Message.State.SENDING).count()
        assert 0 < at_kill < SUBSCRIBERS, "the kill came before or after the alert"

        worker = start_worker(sink, log)
        wait_for(
            lambda: Message.objects.filter(state=Message.State.SENT).count() == SUBSCRIBERS,
            180,
            "every message recorded as sent",
            log,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    received = sink.received
    ids_by_recipient: dict[str, set[bytes]] = {}
    for mail in received:
        found = MESSAGE_ID.search(mail.raw)
        assert found is not None
        (recipient,) = mail.recipients
        ids_by_recipient.setdefault(recipient, set()).add(found.group(1))
    assert len(ids_by_recipient) == SUBSCRIBERS
    assert all(len(ids) == 1 for ids in ids_by_recipient.values())
    duplicates = len(received) - SUBSCRIBERS
    repeated = Counter(mail.recipients[0] for mail in received)
    report = (
        f"killed at {at_kill} received, {in_flight} claimed and unrecorded; "
        f"raw duplicates of in-flight messages: {duplicates} "
        f"({sorted(r for r, n in repeated.items() if n > 1)})"
    )
    record_property("crash", report)
    logger.warning(report)
    assert 0 <= duplicates <= CONNECTIONS  # at most one in flight per connection
    assert not Message.objects.exclude(state=Message.State.SENT).exists()
