"""Send planned messages through Django's e-mail backend, exactly once in effect.

Sending threads (``NEWSDESK_ALERTS_CONNECTIONS``), each with one SMTP
connection, claim batches of due messages (state ``sending``, the process's
``host:pid`` and a lease; ``SKIP LOCKED`` on PostgreSQL), send them one by
one, and record each as sent in its own small commit right after the
server's 250. A crash between the 250 and that commit cannot be closed (an
SMTP exchange is not part of a database transaction): a message claimed and
not recorded is sent again, with the same Message-ID, which is how mail
systems recognise the same message. At most one message per connection was
in flight, so that is the most a crash can repeat; the rest of a claimed
batch was never sent and is simply sent now.

Claims of a process on this host that has gone are released as soon as
another worker here passes; any other claim when its lease runs out.

Outcomes: 250 sent (the count of permanent failures starts again); 4xx to
the address or the message retried after 1, 2, 4... minutes (capped at 6 h)
up to ``MAX_ATTEMPTS``; the server's trouble (refused or dropped
connections, timeouts, a refused sign-in or sender, 421) tried again in a
minute and never counted against the address; 5xx failed for good, and
``NEWSDESK_ALERTS_MAX_FAILURES`` of those in a row stop the subscription.
An ended subscription's messages are skipped, never sent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import smtplib
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from . import actions, planning
from .mail import Composer
from .models import Message, Subscription

log = logging.getLogger(__name__)

BATCH = 100
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
MAX_ATTEMPTS = 10
#: How long one pass of the worker sends before its other duties (scheduled
#: publishing, webhooks, the wire) get their turn; the next pass goes on.
PASS_SECONDS = 10.0
State = Message.State


def owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def release_abandoned(now: datetime) -> int:
    """Claims whose lease ran out, or whose process on this host is gone, go
    back to pending (their in-flight message is sent again, same Message-ID)."""
    here, me = socket.gethostname(), owner()
    gone = []
    for claimed_by, until in (
        Message.objects.filter(state=State.SENDING)
        .values_list("claimed_by", "claimed_until")
        .distinct()
    ):
        name, _colon, pid = claimed_by.rpartition(":")
        dead_here = name == here and claimed_by != me and pid.isdigit() and not _alive(int(pid))
        if dead_here or until is None or until < now:
            gone.append(claimed_by)
    if not gone:
        return 0
    released = Message.objects.filter(state=State.SENDING, claimed_by__in=gone).update(
        state=State.PENDING, claimed_by="", claimed_until=None, next_attempt_at=now
    )
    log.warning("released %s alert messages claimed by stopped senders", released)
    return released


def claim(now: datetime, limit: int = BATCH) -> list[Message]:
    """Lease up to ``limit`` due messages to this process."""
    with transaction.atomic():
        due = Message.objects.filter(state=State.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "id"
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due.values_list("id", flat=True)[:limit])
        if not ids:
            return []
        Message.objects.filter(pk__in=ids).update(
            state=State.SENDING, claimed_by=owner(), claimed_until=now + LEASE
        )
    return list(
        Message.objects.filter(pk__in=ids).select_related("subscription", "alert").order_by("id")
    )


def backoff(attempts: int) -> timedelta:
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


def _sent(message: Message, now: datetime) -> None:
    # Its own commit, right after the 250: a crash after this never resends it.
    # One plain statement: this runs once per message, 100,000 times for a
    # large list, and the ORM's update() costs several times the commit.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Message._meta.db_table} SET state = %s, sent_at = %s, "  # noqa: S608 (our table)
            "attempts = attempts + 1, claimed_by = '', claimed_until = NULL, last_error = '' "
            "WHERE id = %s",
            [State.SENT, connection.ops.adapt_datetimefield_value(now), message.pk],
        )
    if message.subscription.failures:
        actions.delivered([message.subscription_id])


def _skipped(message: Message) -> None:
    Message.objects.filter(pk=message.pk).update(
        state=State.SKIPPED, claimed_by="", claimed_until=None
    )


def _temporary(message: Message, now: datetime, error: str) -> None:
    attempts = message.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        _permanent(message, now, f"gave up after {attempts} attempts: {error}")
        return
    Message.objects.filter(pk=message.pk).update(
        state=State.PENDING,
        attempts=attempts,
        next_attempt_at=now + backoff(attempts),
        claimed_by="",
        claimed_until=None,
        last_error=error[:300],
    )


def _server_trouble(message: Message, now: datetime, error: str) -> None:
    """The server, not the address, failed: again in a minute, no attempt counted."""
    Message.objects.filter(pk=message.pk).update(
        state=State.PENDING,
        next_attempt_at=now + BACKOFF_BASE,
        claimed_by="",
        claimed_until=None,
        last_error=error[:300],
    )


def _permanent(message: Message, now: datetime, error: str) -> None:
    Message.objects.filter(pk=message.pk).update(
        state=State.FAILED,
        attempts=F("attempts") + 1,
        claimed_by="",
        claimed_until=None,
        last_error=error[:300],
    )
    if actions.failed_permanently(message.subscription_id, now):
        log.warning(
            "alert subscription %s stopped after permanent failures",
            message.subscription_id,
            extra={"subscription_id": message.subscription_id},
        )


def _release(messages: list[Message], when: datetime) -> None:
    Message.objects.filter(pk__in=[m.pk for m in messages], state=State.SENDING).update(
        state=State.PENDING, claimed_by="", claimed_until=None, next_attempt_at=when
    )


def _sendable(message: Message) -> bool:
    state = message.subscription.state
    if message.kind == Message.Kind.CONFIRM:
        return state == Subscription.State.PENDING
    return state == Subscription.State.CONFIRMED


def _code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return max(codes) if codes else None
    if isinstance(exc, smtplib.SMTPResponseException):
        return int(exc.smtp_code)
    return None


class _Connection:
    """One SMTP connection (or whatever EMAIL_URL names), opened on first use."""

    def __init__(self) -> None:
        self.backend: Any = None

    def send(self, email: Any) -> None:
        if self.backend is None:
            backend = get_connection(fail_silently=False)
            backend.open()
            self.backend = backend
        self.backend.send_messages([email])

    def close(self) -> None:
        if self.backend is not None:
            with contextlib.suppress(OSError):  # smtplib's errors are OSErrors too
                self.backend.close()
            self.backend = None


def send_batch(
    messages: list[Message], conn: _Connection, composer: Composer, clock: Callable[[], datetime]
) -> tuple[int, bool]:
    """Send a claimed batch; returns (sent, whether the connection still works)."""
    sent = 0
    for index, message in enumerate(messages):
        now = clock()
        if not _sendable(message):
            _skipped(message)
            continue
        email = composer.compose(message)
        if email is None:
            _skipped(message)
            continue
        try:
            conn.send(email)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
            # The server answered about this message or this address.
            code = _code(exc)
            if code == 421:  # ... and is closing the connection
                conn.close()
                _server_trouble(message, now, f"{code}: {exc}")
                _release(messages[index + 1 :], now + timedelta(seconds=30))
                return sent, False
            if code is not None and 500 <= code < 600:
                _permanent(message, now, f"{code}: {exc}")
            else:
                _temporary(message, now, f"{code}: {exc}")
            continue
        except OSError as exc:
            # Connecting, signing in, the sender refused, the connection lost
            # (smtplib's errors are OSErrors): the server's trouble, not this
            # address's; tried again later and never counted against it.
            conn.close()
            _server_trouble(message, now, f"connection: {type(exc).__name__}: {exc}")
            _release(messages[index + 1 :], now + timedelta(seconds=30))
            return sent, False
        _sent(message, now)
        sent += 1
    return sent, True


def _sender(
    clock: Callable[[], datetime], counts: list[int], until: float, own_thread: bool = True
) -> None:
    conn, composer = _Connection(), Composer()
    try:
        while time.monotonic() < until and (batch := claim(clock())):
            try:
                sent, working = send_batch(batch, conn, composer, clock)
            finally:
                _release(batch, clock())  # only what is still ours, on any error
            counts.append(sent)
            if not working:
                break
    finally:
        conn.close()
        if own_thread:  # the thread's own database connection ends with it
            connection.close()


def send_due(
    clock: Callable[[], datetime] = timezone.now,
    threads: int | None = None,
    seconds: float = PASS_SECONDS,
) -> int:
    """Send due messages over several connections for up to ``seconds`` (then
    the worker's other duties get their turn and the next pass goes on);
    returns how many were sent. With one connection it sends in the calling
    thread."""
    release_abandoned(clock())
    if not Message.objects.filter(state=State.PENDING, next_attempt_at__lte=clock()).exists():
        return 0
    count = threads or settings.NEWSDESK_ALERTS_CONNECTIONS
    counts: list[int] = []
    until = time.monotonic() + seconds
    if count == 1:
        _sender(clock, counts, until, own_thread=False)
        return sum(counts)
    workers = [
        threading.Thread(
            target=_sender, args=(clock, counts, until), name=f"alerts-{n}", daemon=True
        )
        for n in range(count)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts)


_forgot_at: list[float] = []


def run(clock: Callable[[], datetime] = timezone.now) -> int:
    """The worker's step: plan what the outbox and the clock call for, then
    send; once an hour, forget what is no longer needed (actions.forget)."""
    while planning.plan(clock()):
        pass
    if not _forgot_at or time.monotonic() - _forgot_at[-1] > 3600:
        _forgot_at[:] = [time.monotonic()]
        actions.forget(clock())
    return send_due(clock)
