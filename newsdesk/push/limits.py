"""How often one client address may change push subscriptions.

Fixed one-minute windows in Django's cache (per process unless the cache is
shared), keyed by a keyed hash of the address, so the cache never holds
readers' addresses. The address is the connection's, or the right-most
``X-Forwarded-For`` hop that is not one of ``NEWSDESK_TRUSTED_PROXIES``
when the connection comes from one of them (the desk's rule, kept here
because this app sits below the desk).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    proxies = []
    for value in settings.NEWSDESK_TRUSTED_PROXIES:
        try:
            proxies.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            continue  # reported by the system checks
    if not any(peer in net for net in proxies):
        return str(peer)
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            return str(peer)  # a garbled chain: trust nothing past the proxy
        if not any(address in net for net in proxies):
            return str(address)
    return str(peer)


def retry_after(request: HttpRequest, *, clock: Callable[[], float] = time.time) -> int | None:
    """Count one change from this client; the seconds to wait when over the limit."""
    now = clock()
    start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    who = hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"newsdesk:push-rate:{who}:{start}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= settings.NEWSDESK_PUSH_RATE:
        return None
    return max(1, math.ceil(start + WINDOW_SECONDS - now))
