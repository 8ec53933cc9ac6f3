"""Who a request comes from, and how often: the inbound side of net/.

``client_address`` is the one rule for the client's address (forwarded
headers only behind ``NEWSDESK_TRUSTED_PROXIES``), used by the desk's
sign-in throttle and audit log and by every public form's rate limit.
``hashed`` turns an address into a keyed hash, so that a rate limit's cache
keys never hold a reader's address. ``over_limit`` counts one request in a
fixed window of Django's cache (per process unless the cache is shared) and
says how long to wait once the window's limit is passed: the API, the push
subscriptions, the alerts form and the tip line all count with it.
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


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    found = []
    for value in settings.NEWSDESK_TRUSTED_PROXIES:
        try:
            found.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            continue  # reported by the system checks
    return found


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The connection's address, unless it is a trusted proxy: then the
    right-most X-Forwarded-For entry that is not a trusted proxy itself."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    proxies = _networks()

    def trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in net for net in proxies)

    if not proxies or not trusted(peer):
        return str(peer)
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return str(peer)  # a garbled chain: trust nothing past the proxy
        if not trusted(address):
            return str(address)
    return str(peer)


def hashed(address: str, secret: bytes | None = None) -> str:
    """A keyed hash of ``address`` (under the secret key unless given another)."""
    key = settings.SECRET_KEY.encode() if secret is None else secret
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def over_limit(
    name: str, limit: int, window: int, *, clock: Callable[[], float] = time.time
) -> int | None:
    """Count one request under ``name`` in the current ``window`` seconds;
    None while within ``limit``, else the seconds until the window ends."""
    now = clock()
    start = int(now // window) * window
    key = f"{name}:{start}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil(start + window - now))
