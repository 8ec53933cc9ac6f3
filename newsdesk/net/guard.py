"""Refuse to send requests into the newsroom's own network (SSRF).

``ipaddress`` alone is not a guard: ``100.64.0.0/10`` is not "private",
``::ffff:127.0.0.1`` is not "loopback", ``192.0.0.8`` and ``2002:7f00:1::``
count as global, and ``127.1``, ``2130706433``, ``0x7f.1`` and ``0177.0.0.1``
all reach 127.0.0.1. So the transport below

1. accepts only ``http`` and ``https`` URLs without credentials;
2. resolves the host once (``getaddrinfo`` reads every numeric spelling);
3. unwraps every IPv6 form that carries an IPv4 address (IPv4-mapped,
   IPv4-compatible ``::/96``, IPv4-translated ``::ffff:0:0/96``, 6to4,
   Teredo, NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48``) and checks the IPv4
   address inside first, so ``::7f00:1`` is refused as 127.0.0.1; the
   deprecated and local forms are refused whatever they carry;
4. requires ``is_global`` and no match in :data:`DENIED`, for every address
   the name resolves to, unless the caller's allowlist names it
   (``NEWSDESK_WEBHOOK_ALLOW`` for webhooks, ``NEWSDESK_FETCH_ALLOW`` for the
   wire desk's fetches, ``NEWSDESK_PUSH_ALLOW`` for browser push);
5. connects to exactly the address it checked (the URL's host is replaced by
   the address; the Host header and TLS server name keep the name), so a DNS
   answer that changes between check and connect (rebinding) cannot matter.

Redirects are never followed by the client, so every hop would need its own
check; webhooks simply do not follow them, and the wire desk follows them
itself, one request (and so one check) per hop.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

WEBHOOKS = "NEWSDESK_WEBHOOK_ALLOW"
FETCHES = "NEWSDESK_FETCH_ALLOW"
PUSH = "NEWSDESK_PUSH_ALLOW"
# Who is refused, for the message: "<who> only reach public addresses ...".
_WHO = {WEBHOOKS: "Webhooks", FETCHES: "Wire fetches", PUSH: "Push messages"}

DENIED: list[tuple[Network, str]] = [
    (ipaddress.ip_network(net), label)
    for net, label in (
        ("0.0.0.0/8", "an unspecified address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a carrier-grade NAT address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a 6to4 relay address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
        ("::/128", "an unspecified address"),
        ("::1/128", "a loopback address"),
        ("::/96", "an IPv4-compatible address"),  # deprecated (RFC 4291)
        ("::ffff:0:0:0/96", "an IPv4-translated address"),  # SIIT (RFC 2765)
        ("64:ff9b:1::/48", "a local NAT64 address"),
        ("100::/64", "a discard-only address"),
        ("2001::/23", "an IETF protocol address"),
        ("2001:db8::/32", "a documentation address"),
        ("fc00::/7", "a unique local (private) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address"),
        ("ff00::/8", "a multicast address"),
    )
]
COMPATIBLE = ipaddress.ip_network("::/96")
TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215; the IPv4 address last


class Refused(Exception):
    """The target may not be reached; the message says why."""


def embedded(address: IPAddress) -> list[tuple[ipaddress.IPv4Address, str]]:
    """The IPv4 addresses carried inside an IPv6 one, each with its form's name."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    last = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    inner: list[tuple[ipaddress.IPv4Address, str]] = []
    if address.ipv4_mapped:
        inner.append((address.ipv4_mapped, "IPv4-mapped"))
    elif address in TRANSLATED:
        inner.append((last, "IPv4-translated"))
    elif address in COMPATIBLE and int(address) > 1:  # not :: or ::1
        inner.append((last, "IPv4-compatible"))
    if address.sixtofour:
        inner.append((address.sixtofour, "6to4"))
    if address.teredo:
        server, client = address.teredo
        inner += [(client, "Teredo"), (server, "Teredo")]
    if address in NAT64 or address in LOCAL_NAT64:
        inner.append((last, "NAT64"))
    return inner


def problem(address: IPAddress) -> str | None:
    """Why ``address`` is not a public one, or None when it is."""
    for candidate in (*(inner for inner, _form in embedded(address)), address):
        for network, label in DENIED:
            if candidate.version == network.version and candidate in network:
                return f"{candidate} is {label}"
        if not candidate.is_global or candidate.is_multicast:
            return f"{candidate} is not a public address"
    return None


def allowlist(setting: str = WEBHOOKS) -> list[Network]:
    """The allowlist setting named by ``setting`` as networks (bad entries are
    a system check error and are skipped here)."""
    networks = []
    for entry in getattr(settings, setting, []):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return networks


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"{host} does not resolve: {exc}") from exc
    return [str(info[4][0]) for info in infos]


def _entry(network: Network) -> str:
    """An allowlist entry as it was most likely written."""
    return str(network.network_address) if network.num_addresses == 1 else str(network)


def check_address(address: IPAddress, allowed: Iterable[Network], setting: str = WEBHOOKS) -> None:
    reason = problem(address)
    allowed = list(allowed)
    if not reason or any(address.version == n.version and address in n for n in allowed):
        return
    # The allowlist names addresses as they are written: an IPv4-mapped, 6to4
    # or NAT64 spelling of an allowed IPv4 address is not itself allowed, and
    # the message says which entry did not apply.
    for inner, form in embedded(address):
        entry = next((n for n in allowed if n.version == 4 and inner in n), None)
        if entry is not None:
            raise Refused(
                _(
                    "Refused: %(reason)s. It is written here in %(form)s form "
                    "(%(address)s), and the %(setting)s entry %(entry)s allows it only as "
                    "written there; add %(address)s to %(setting)s to allow this form too."
                )
                % {
                    "reason": reason,
                    "form": form,
                    "address": address,
                    "setting": setting,
                    "entry": _entry(entry),
                }
            )
    who = _WHO.get(setting, "Requests")
    raise Refused(
        f"Refused: {reason}. {who} only reach public addresses unless {setting} names this one."
    )


def check_url(url: httpx.URL) -> tuple[str, int]:
    if url.scheme not in ("http", "https"):
        raise Refused(f"Refused: only http and https URLs are delivered to, not {url.scheme}:.")
    if url.userinfo:
        raise Refused("Refused: URLs with a user name or password are not delivered to.")
    if not url.host:
        raise Refused("Refused: the URL has no host.")
    return url.host, url.port or (443 if url.scheme == "https" else 80)


def pick_address(host: str, port: int, resolve: Resolver, setting: str = WEBHOOKS) -> IPAddress:
    """Resolve once; every answer must pass; the first is the one to connect to."""
    try:
        answers = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
    except ValueError as exc:
        raise Refused(f"{host} resolved to something that is not an address: {exc}") from exc
    if not answers:
        raise Refused(f"{host} does not resolve to any address.")
    allowed = allowlist(setting)
    for address in answers:
        check_address(address, allowed, setting)
    return answers[0]


def check_target(
    url: str, resolve: Resolver = system_resolver, *, allow: str = WEBHOOKS
) -> IPAddress:
    """For forms: would a request to ``url`` be allowed right now?"""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise Refused(f"Refused: {exc}.") from exc
    host, port = check_url(parsed)
    return pick_address(host, port, resolve, allow)


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that only connects to addresses it has checked.

    ``allow`` names the setting whose addresses may be reached although they
    are not public: ``WEBHOOKS`` (the default) or ``FETCHES``. It is read on
    every request, so a changed setting applies at once.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        resolve: Resolver = system_resolver,
        *,
        allow: str = WEBHOOKS,
    ) -> None:
        self.inner = inner or httpx.HTTPTransport(retries=0)
        self.resolve = resolve
        self.allow = allow

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host, port = check_url(request.url)
        address = pick_address(host, port, self.resolve, self.allow)
        # Connect to the checked address; keep the name for Host and TLS (SNI
        # and certificate verification), which httpx takes from the extension.
        request.url = request.url.copy_with(host=str(address))
        request.extensions = {**request.extensions, "sni_hostname": host}
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
