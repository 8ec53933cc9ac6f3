"""Sign-in throttling that cannot lock a newsroom out of its own desk.

Failures are counted per account name and per (account name, address):

- ``NEWSDESK_LOGIN_FAILURES`` failures for one account from one address
  stop that account at that address (someone mistyping, or guessing);
- twice as many for one account from anywhere stop that account everywhere
  (guessing from many addresses);
- an address with ``NEWSDESK_LOGIN_FAILURES`` failures of any kind is slowed
  down only for names that are failing too: a name it already got wrong in
  the window, which is every name of a spray and every made-up one.

So a correct password for an account that has not failed is never refused
because of someone else's failures, even from the same office address, and
there is no global lockout. The rule reads only the failure table, never
whether the account exists, so unknown names get exactly the same answers.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginFailure

#: One account's failures from every address, in multiples of the per-address limit.
ACCOUNT_FACTOR = 2


def _window() -> timedelta:
    return timedelta(minutes=settings.NEWSDESK_LOGIN_WINDOW_MINUTES)


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def _wait(condition: Q, limit: int, since: datetime, now: datetime) -> int:
    """Minutes until fewer than ``limit`` failures match ``condition``; 0 if already so."""
    recent = LoginFailure.objects.filter(condition, at__gt=since)
    times = list(recent.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return 0
    # Allowed again once the oldest failure that counts leaves the window.
    free_at = times[-1] + _window()
    return max(1, math.ceil((free_at - now).total_seconds() / 60))


def wait_minutes(username: str, address: str | None, now: datetime | None = None) -> int:
    """Minutes until another attempt is allowed; 0 when one is allowed now."""
    now = now or timezone.now()
    since = now - _window()
    limit = settings.NEWSDESK_LOGIN_FAILURES
    name = Q(username=normalise(username))
    waits = [
        _wait(name, limit * ACCOUNT_FACTOR, since, now),
        _wait(name & Q(address=address), limit, since, now),  # no address: IS NULL
    ]
    if address and LoginFailure.objects.filter(name, at__gt=since).exists():
        waits.append(_wait(Q(address=address), limit, since, now))
    return max(waits)


def fail(username: str, address: str | None, now: datetime | None = None) -> None:
    now = now or timezone.now()
    LoginFailure.objects.create(username=normalise(username), address=address, at=now)
    # Keep the table small: nothing older than the window matters.
    LoginFailure.objects.filter(at__lt=now - _window() * 2).delete()
