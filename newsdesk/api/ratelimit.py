"""Fixed-window rate limits in Django's cache: per content key, per admin
token, and per client address for anonymous readers.

With the default per-process cache, each process counts on its own; point
Django's default cache at Redis to share the counts between processes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from newsdesk.net.clients import over_limit

WINDOW_SECONDS = 60


def retry_after(identity: str, limit: int, *, clock: Callable[[], float] = time.time) -> int | None:
    """Count one request for ``identity``; the seconds to wait when over ``limit``."""
    return over_limit(f"newsdesk:api-rate:{identity}", limit, WINDOW_SECONDS, clock=clock)
