"""Sign-in throttling: so many failures in a window, per account and per
client address. The answer is the same whether the account exists or not,
and one noisy address or one attacked account never locks out everyone."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginFailure


def _window() -> timedelta:
    return timedelta(minutes=settings.NEWSDESK_LOGIN_WINDOW_MINUTES)


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def wait_minutes(username: str, address: str | None, now: datetime | None = None) -> int:
    """Minutes until another attempt is allowed; 0 when one is allowed now."""
    now = now or timezone.now()
    since = now - _window()
    limit = settings.NEWSDESK_LOGIN_FAILURES
    waits = [0]
    for condition in (Q(username=normalise(username)), Q(address=address) if address else None):
        if condition is None:
            continue
        recent = LoginFailure.objects.filter(condition, at__gt=since)
        if recent.count() >= limit:
            # Allowed again once the oldest failure that counts leaves the window.
            times = list(recent.order_by("-at").values_list("at", flat=True)[:limit])
            free_at = times[-1] + _window()
            waits.append(max(1, math.ceil((free_at - now).total_seconds() / 60)))
    return max(waits)


def fail(username: str, address: str | None, now: datetime | None = None) -> None:
    now = now or timezone.now()
    LoginFailure.objects.create(username=normalise(username), address=address, at=now)
    # Keep the table small: nothing older than the window matters.
    LoginFailure.objects.filter(at__lt=now - _window() * 2).delete()
