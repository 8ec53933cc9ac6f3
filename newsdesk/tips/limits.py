"""How many tips one address may send, counted without keeping the address.

The count's key is an HMAC of the client's address under a secret that
changes every day (derived from the secret key and the date), so even the
cache holds no address, and yesterday's keys cannot be matched to today's
addresses once the day's secret is gone. Counts live in Django's cache for
a fixed one-hour window (``net.clients.over_limit``), like the API's rate limits.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings

from newsdesk.net.clients import hashed, over_limit

WINDOW = 3600


def _daily_secret(day: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"newsdesk tips rate limit " + day.encode(), hashlib.sha256
    ).digest()


def address_key(address: str, now: datetime) -> str:
    """The day's keyed hash of ``address``: the same all day, unlinkable across days."""
    return hashed(address, _daily_secret(now.date().isoformat()))


def allow(address: str | None, now: datetime) -> bool:
    """Count one tip from ``address``; False once the hour's limit is passed."""
    key = f"newsdesk:tips:rate:{address_key(address or '-', now)}"
    return over_limit(key, settings.NEWSDESK_TIPS_PER_HOUR, WINDOW, clock=now.timestamp) is None
