"""How often one client address may use the subscribe form.

Fixed one-hour windows (``net.clients.over_limit``), counted under a keyed
hash of the client's address, so not even the cache holds a reader's
address; nothing about it is written to the database.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from newsdesk.net.clients import client_address, hashed, over_limit

WINDOW = 3600


def allow(request: HttpRequest) -> bool:
    """Count this form; False once the address used up its hour."""
    who = hashed(client_address(request) or "unknown")
    limit = settings.NEWSDESK_ALERTS_SUBSCRIBE_RATE
    return over_limit(f"alerts:subscribe:{who}", limit, WINDOW) is None
