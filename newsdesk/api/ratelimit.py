"""Fixed-window rate limits in Django's cache: per content key, per admin
token, and per client address for anonymous readers.

With the default per-process cache, each process counts on its own; point
Django's default cache at Redis to share the counts between processes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from django.core.cache import cache

WINDOW_SECONDS = 60


def retry_after(identity: str, limit: int, *, clock: Callable[[], float] = time.time) -> int | None:
    """Count one request for ``identity``; the seconds to wait when over ``limit``."""
    now = clock()
    start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    key = f"newsdesk:api-rate:{identity}:{start}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil(start + WINDOW_SECONDS - now))
