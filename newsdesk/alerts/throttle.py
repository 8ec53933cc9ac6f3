"""How often one client address may use the subscribe form.

Fixed one-hour windows in Django's cache, keyed by a keyed hash of the
address (desk.addresses' rule for who the client is), so not even the cache
holds a reader's address; nothing about it is written to the database.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from newsdesk.desk.addresses import client_address

WINDOW = 3600


def _key(request: HttpRequest) -> str:
    address = client_address(request) or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    window = int(time.time() // WINDOW)
    return f"alerts:subscribe:{digest.hexdigest()[:32]}:{window}"


def allow(request: HttpRequest) -> bool:
    """Count this form; False once the address used up its hour."""
    key = _key(request)
    cache.add(key, 0, WINDOW)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, WINDOW)
        used = 1
    return used <= settings.NEWSDESK_ALERTS_SUBSCRIBE_RATE
