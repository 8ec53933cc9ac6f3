"""The client's address, from forwarded headers only behind a trusted proxy."""

from __future__ import annotations

import ipaddress

from django.conf import settings
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
