"""No wire fetch reaches a private, loopback, link-local or CGNAT address,
through a redirect or a DNS answer; canaries prove nothing connected."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from newsdesk.wire.discover import DiscoveryError, add_source
from newsdesk.wire.fetch import make_client, refresh_source
from newsdesk.wire.models import Source, WireItem

from .conftest import Canary, Clock, CountingTransport, FeedServer, Reply

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "169.254.169.254": "169.254.169.254 is a link-local address",
    "10.0.0.1": "10.0.0.1 is a private address",
    "::1": "::1 is a loopback address",
    "::ffff:127.0.0.1": "127.0.0.1 is a loopback address",
    "::7f00:1": "127.0.0.1 is a loopback address",
    "::a9fe:a9fe": "169.254.169.254 is a link-local address",
    "::ffff:0:7f00:1": "127.0.0.1 is a loopback address",
    "100.64.0.1": "100.64.0.1 is a carrier-grade NAT address",
}


@pytest.fixture
def canary6() -> Iterator[Canary]:
    made = Canary(socket.AF_INET6, "::1")
    yield made
    made.close()


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


@pytest.mark.parametrize(("address", "reason"), FORBIDDEN.items())
def test_a_redirect_to_a_forbidden_address_stops_at_that_hop(
    address: str,
    reason: str,
    server: FeedServer,
    canary: Canary,
    canary6: Canary,
    network: CountingTransport,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
) -> None:
    port = canary6.port if address == "::1" else canary.port
    server.routes["/feed"] = Reply(302, b"", {"Location": f"http://{_host(address)}:{port}/x"})
    source = make_source(server.url("/feed"))
    result = refresh_source(source, client=client, clock=clock)
    assert result.status == "failed"
    assert result.error.startswith(f"Refused: {reason}.")
    assert "NEWSDESK_FETCH_ALLOW" in result.error
    assert network.hosts == ["127.0.0.1"]  # the first hop only
    assert canary.connections == canary6.connections == 0
    assert not WireItem.objects.exists()
    source.refresh_from_db()
    assert source.state == "failing" and source.url == server.url("/feed")


@pytest.mark.parametrize(("address", "reason"), FORBIDDEN.items())
def test_a_dns_answer_with_a_forbidden_address_is_refused_before_connecting(
    address: str,
    reason: str,
    wire_settings: Any,
    canary: Canary,
    clock: Clock,
    make_source: Callable[..., Source],
) -> None:
    network = CountingTransport()

    def resolve(host: str, port: int) -> list[str]:
        return {"news.example": [address]}.get(host, [host])

    with make_client(resolve=resolve, transport=network) as client:
        source = make_source(f"http://news.example:{canary.port}/feed")
        result = refresh_source(source, client=client, clock=clock)
    assert result.error.startswith(f"Refused: {reason}.")
    assert network.hosts == []
    assert canary.connections == 0


def test_a_redirect_to_a_name_resolving_inside_is_refused(
    server: FeedServer, wire_settings: Any, canary: Canary, clock: Clock, make_source: Any
) -> None:
    network = CountingTransport()

    def resolve(host: str, port: int) -> list[str]:
        return {"inside.example": ["10.0.0.1"]}.get(host, [host])

    server.routes["/feed"] = Reply(301, b"", {"Location": "http://inside.example/admin"})
    with make_client(resolve=resolve, transport=network) as client:
        source = make_source(server.url("/feed"))
        result = refresh_source(source, client=client, clock=clock)
    assert result.error.startswith("Refused: 10.0.0.1 is a private address.")
    assert result.error.endswith("(at http://inside.example/admin)")
    assert network.hosts == ["127.0.0.1"]
    source.refresh_from_db()
    assert source.url == server.url("/feed") and source.pending_url == ""


def test_a_redirect_to_a_url_httpx_refuses_is_a_clear_error(
    server: FeedServer,
    canary: Canary,
    network: CountingTransport,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
) -> None:
    server.routes["/feed"] = Reply(302, b"", {"Location": f"http://0177.0.0.1:{canary.port}/x"})
    result = refresh_source(make_source(server.url("/feed")), client=client, clock=clock)
    assert result.status == "failed"
    assert result.error == (
        f"Could not fetch {server.url('/feed')}: "
        "Invalid URL in location header: Invalid IPv4 address: '0177.0.0.1'."
    )
    assert network.hosts == ["127.0.0.1"] and canary.connections == 0


def test_dns_rebinding_connects_only_to_the_checked_address(
    server: FeedServer, wire_settings: Any, clock: Clock, make_source: Any
) -> None:
    """The resolver answers the allowed address first and a private one after:
    one lookup per hop, and the connection goes to the address checked."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    server.routes["/feed"] = Reply(
        200,
        b'<rss version="2.0"><channel><item><guid>1</guid>'
        b"<title>One</title></item></channel></rss>",
    )
    network = CountingTransport()
    with make_client(resolve=resolve, transport=network) as client:
        source = make_source(f"http://feeds.example:{server.port}/feed")
        result = refresh_source(source, client=client, clock=clock)
    assert result.new == 1
    assert lookups == ["feeds.example"]
    assert network.hosts == ["127.0.0.1"]
    assert server.seen[0].headers["Host"] == f"feeds.example:{server.port}"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://example.org/", "ftp://example.org/feed", "http://127.1/"],
)
def test_adding_a_forbidden_url_is_refused(url: str, wire_settings: Any, db: None) -> None:
    wire_settings.NEWSDESK_FETCH_ALLOW = []
    with pytest.raises(DiscoveryError):
        add_source(url)
    assert not Source.objects.exists()


def test_without_the_allowlist_loopback_is_refused(
    server: FeedServer, settings: Any, clock: Clock, make_source: Any
) -> None:
    settings.NEWSDESK_FETCH_ALLOW = []
    server.routes["/feed"] = Reply(200, b"<rss/>")
    with make_client() as client:
        result = refresh_source(make_source(server.url("/feed")), client=client, clock=clock)
    assert result.error.startswith("Refused: 127.0.0.1 is a loopback address.")
    assert server.seen == []
