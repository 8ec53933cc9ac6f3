"""The SSRF guard on its own: addresses, spellings, schemes, and what is connected to."""

from __future__ import annotations

import ipaddress
from typing import Any

import httpx
import pytest

from newsdesk.net.guard import FETCHES, GuardedTransport, Refused, check_target, problem

REFUSED = {
    "127.0.0.1": "a loopback address",
    "10.1.2.3": "a private address",
    "172.16.0.9": "a private address",
    "192.168.1.1": "a private address",
    "169.254.169.254": "a link-local address",
    "100.64.0.1": "a carrier-grade NAT address",
    "0.0.0.0": "an unspecified address",  # noqa: S104  (an address to refuse, not to bind)
    "192.0.0.8": "an IETF protocol address",
    "198.18.0.1": "a benchmarking address",
    "224.0.0.1": "a multicast address",
    "255.255.255.255": "a reserved address",
    "::1": "a loopback address",
    "fe80::1": "a link-local address",
    "fd00::1": "a unique local (private) address",
    "ff02::1": "a multicast address",
}
# IPv6 forms that carry an IPv4 address inside: the inner one is what counts.
WRAPPED = {
    "::ffff:127.0.0.1": "127.0.0.1 is a loopback address",
    "::ffff:169.254.169.254": "169.254.169.254 is a link-local address",
    "2002:7f00:1::": "127.0.0.1 is a loopback address",  # 6to4
    "2002:a9fe:a9fe::": "169.254.169.254 is a link-local address",
    "64:ff9b::a9fe:a9fe": "169.254.169.254 is a link-local address",  # NAT64
    "64:ff9b:1::7f00:1": "127.0.0.1 is a loopback address",  # local-use NAT64
    "::7f00:1": "127.0.0.1 is a loopback address",  # IPv4-compatible
    "::a9fe:a9fe": "169.254.169.254 is a link-local address",
    "::ffff:0:7f00:1": "127.0.0.1 is a loopback address",  # IPv4-translated
    "::ffff:0:a00:1": "10.0.0.1 is a private address",
    "2001:0:4136:e378:8000:63bf:80ff:fffe": "127.0.0.1 is a loopback address",  # Teredo
}
# Deprecated and local forms are refused even around a public address; the
# mapped, 6to4 and NAT64 forms of a public address reach it, and pass.
FORMS = {
    "::808:808": "::808:808 is an IPv4-compatible address",
    "::ffff:0:808:808": "::ffff:0:808:808 is an IPv4-translated address",
    "64:ff9b:1::808:808": "64:ff9b:1::808:808 is a local NAT64 address",
}


@pytest.mark.parametrize(("address", "label"), REFUSED.items())
def test_non_public_addresses(address: str, label: str) -> None:
    assert problem(ipaddress.ip_address(address)) == f"{address} is {label}"


@pytest.mark.parametrize(("address", "reason"), WRAPPED.items())
def test_wrapped_addresses_are_unwrapped(address: str, reason: str) -> None:
    assert problem(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(("address", "reason"), FORMS.items())
def test_deprecated_and_local_forms_are_refused_whatever_they_carry(
    address: str, reason: str
) -> None:
    assert problem(ipaddress.ip_address(address)) == reason


def test_public_addresses_pass() -> None:
    public = ("93.184.215.14", "2606:4700::1111", "2002:5db8:d70e::", "64:ff9b::808:808")
    for address in (*public, "::ffff:808:808"):
        assert problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["127.1", "2130706433", "0x7f.1", "localhost", "[::1]"])
def test_every_spelling_of_loopback_is_refused(host: str) -> None:
    """The system resolver turns these into 127.0.0.1 (or ::1) before the check."""
    with pytest.raises(Refused, match="loopback address"):
        check_target(f"http://{host}:9/")


def test_octal_dotted_quads_are_refused_as_urls() -> None:
    with pytest.raises(Refused, match="Invalid IPv4 address: '0177.0.0.1'"):
        check_target("http://0177.0.0.1:9/")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://example.org/", "ftp://example.org/x"]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(Refused, match="only http and https"):
        check_target(url)


def test_credentials_in_urls_are_refused() -> None:
    with pytest.raises(Refused, match="user name or password"):
        check_target("https://user:secret@hooks.example.org/")


def test_allowlist_names_an_address(settings: Any) -> None:
    settings.NEWSDESK_WEBHOOK_ALLOW = ["10.20.0.0/16"]
    assert str(check_target("http://10.20.3.4/")) == "10.20.3.4"
    with pytest.raises(Refused):
        check_target("http://10.21.3.4/")


def test_allowlist_does_not_extend_to_wrapped_spellings(settings: Any) -> None:
    settings.NEWSDESK_WEBHOOK_ALLOW = ["127.0.0.1"]
    settings.NEWSDESK_FETCH_ALLOW = []
    assert str(check_target("http://127.0.0.1/")) == "127.0.0.1"
    for wrapped in ("[::ffff:127.0.0.1]", "[2002:7f00:1::]", "[64:ff9b::7f00:1]"):
        with pytest.raises(Refused, match="127.0.0.1 is a loopback address"):
            check_target(f"http://{wrapped}/")


@pytest.mark.parametrize(
    ("host", "form"),
    [
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::7f00:1", "IPv4-compatible"),
        ("::ffff:0:7f00:1", "IPv4-translated"),
        ("2002:7f00:1::", "6to4"),
        ("64:ff9b::7f00:1", "NAT64"),
    ],
)
def test_a_wrapped_allowed_address_names_the_entry_that_did_not_apply(
    settings: Any, host: str, form: str
) -> None:
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.0/8", "10.0.0.1"]
    with pytest.raises(Refused) as refused:
        check_target(f"http://[{host}]/", allow=FETCHES)
    address = ipaddress.ip_address(host)
    assert str(refused.value) == (
        f"Refused: 127.0.0.1 is a loopback address. It is written here in {form} form "
        f"({address}), and the NEWSDESK_FETCH_ALLOW entry 127.0.0.0/8 allows it only as "
        f"written there; add {address} to NEWSDESK_FETCH_ALLOW to allow this form too."
    )
    settings.NEWSDESK_FETCH_ALLOW = ["127.0.0.0/8", str(address)]
    assert check_target(f"http://[{host}]/", allow=FETCHES) == address


def test_each_caller_has_its_own_allowlist(settings: Any) -> None:
    settings.NEWSDESK_WEBHOOK_ALLOW = []
    settings.NEWSDESK_FETCH_ALLOW = ["10.20.0.0/16"]
    assert str(check_target("http://10.20.3.4/", allow=FETCHES)) == "10.20.3.4"
    with pytest.raises(Refused, match="Webhooks only reach public addresses unless "):
        check_target("http://10.20.3.4/")
    settings.NEWSDESK_FETCH_ALLOW = []
    with pytest.raises(Refused, match="NEWSDESK_FETCH_ALLOW names this one"):
        check_target("http://10.20.3.4/", allow=FETCHES)


def test_one_bad_answer_refuses_the_name() -> None:
    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "127.0.0.1"]

    with pytest.raises(Refused, match="127.0.0.1 is a loopback address"):
        check_target("https://mixed.example/", resolve)


def test_connects_to_exactly_the_checked_address() -> None:
    """A rebinding resolver answers public first, loopback after: only the first
    answer is ever used, the name stays in Host and TLS, and no second lookup happens."""
    answers = [["93.184.215.14"], ["127.0.0.1"]]
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        return answers[len(lookups) - 1]

    seen: list[httpx.Request] = []

    def network(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    transport = GuardedTransport(httpx.MockTransport(network), resolve)
    with httpx.Client(transport=transport) as client:
        response = client.post("https://hooks.example.org:8443/in?x=1", content=b"{}")
    assert response.status_code == 204
    assert lookups == ["hooks.example.org"]
    [request] = seen
    assert str(request.url) == "https://93.184.215.14:8443/in?x=1"
    assert request.headers["Host"] == "hooks.example.org:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.org"
