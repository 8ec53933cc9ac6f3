"""How many tips one address may send, counted without keeping the address.

The count's key is an HMAC of the client's address under a secret that
changes every day (derived from the secret key and the date), so even the
cache holds no address, and yesterday's keys cannot be matched to today's
addresses once the day's secret is gone. Counts live in Django's cache for
a fixed one-hour window, like the API's rate limits.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def _daily_secret(day: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"newsdesk tips rate limit " + day.encode(), hashlib.sha256
    ).digest()


def address_key(address: str, now: datetime) -> str:
    """The day's keyed hash of ``address``: the same all day, unlinkable across days."""
    digest = hmac.new(_daily_secret(now.date().isoformat()), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def allow(address: str | None, now: datetime) -> bool:
    """Count one tip from ``address``; False once the hour's limit is passed."""
    window = int(now.timestamp()) // WINDOW
    key = f"newsdesk:tips:rate:{window}:{address_key(address or '-', now)}"
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count <= settings.NEWSDESK_TIPS_PER_HOUR
