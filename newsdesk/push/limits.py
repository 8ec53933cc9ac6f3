"""How often one client address may change push subscriptions.

Fixed one-minute windows (``net.clients.over_limit``), keyed by a keyed hash
of the client's address (``net.clients.client_address``, the desk's rule),
so the cache never holds readers' addresses.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest

from newsdesk.net.clients import client_address, hashed, over_limit

WINDOW_SECONDS = 60


def retry_after(request: HttpRequest, *, clock: Callable[[], float] = time.time) -> int | None:
    """Count one change from this client; the seconds to wait when over the limit."""
    who = hashed(client_address(request) or "")
    limit = settings.NEWSDESK_PUSH_RATE
    return over_limit(f"newsdesk:push-rate:{who}", limit, WINDOW_SECONDS, clock=clock)
