"""Subscribing and unsubscribing a browser: CSRF, strict checks, limits."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from newsdesk.push import keys
from newsdesk.push.models import PushSubscription

from .conftest import FakeBrowser, PushService

pytestmark = pytest.mark.django_db

URL = "/push/subscriptions"


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    """Each test starts with no changes counted against its address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser_client(settings: Any) -> Client:
    settings.NEWSDESK_PUSH_ALLOW = ["127.0.0.1"]
    return Client(enforce_csrf_checks=True)


def token(client: Client) -> str:
    answer = client.get("/push/token")
    assert answer["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    return str(answer.json()["token"])


def send(client: Client, method: str, body: Any, content_type: str = "application/json") -> Any:
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    call = client.post if method == "POST" else client.delete
    return call(URL, data=data, content_type=content_type, headers={"X-CSRFToken": token(client)})


def test_subscribe_renew_and_unsubscribe(browser_client: Client, push_service: PushService) -> None:
    browser = push_service.browser("tab")
    answer = send(browser_client, "POST", browser.to_json())
    assert (answer.status_code, answer.json()) == (201, {"subscribed": True})
    stored = PushSubscription.objects.get()
    assert (stored.endpoint, stored.p256dh) == (browser.endpoint, browser.p256dh)
    assert stored.auth == keys.b64url(browser.auth)
    renewed = FakeBrowser("tab", browser.endpoint)  # the browser renewed its keys
    assert send(browser_client, "POST", renewed.to_json()).status_code == 200
    assert PushSubscription.objects.get().p256dh == renewed.p256dh
    answer = send(browser_client, "DELETE", {"endpoint": browser.endpoint})
    assert answer.status_code == 204
    assert not PushSubscription.objects.exists()
    # Unknown endpoints answer the same: nobody learns which ones exist.
    assert send(browser_client, "DELETE", {"endpoint": browser.endpoint}).status_code == 204


def test_without_the_csrf_token_nothing_is_stored(
    browser_client: Client, push_service: PushService
) -> None:
    body = json.dumps(push_service.browser("tab").to_json())
    answer = browser_client.post(URL, data=body, content_type="application/json")
    assert answer.status_code == 403
    assert not PushSubscription.objects.exists()


def _valid(service: PushService) -> dict[str, Any]:
    return service.browser("tab").to_json()


def _with(change: dict[str, Any], service: PushService) -> dict[str, Any]:
    data = _valid(service)
    for key, value in change.items():
        if key in ("p256dh", "auth"):
            data["keys"][key] = value
        else:
            data[key] = value
    return data


OFF_CURVE = keys.b64url(b"\x04" + b"\x01" * 64)
HOSTILE = [
    ({"endpoint": "http://push.example/abc"}, "endpoint", "The endpoint must be an https URL."),
    (
        {"endpoint": "https://user:pw@push.example/a"},
        "endpoint",
        "The endpoint must be a plain https URL.",
    ),
    ({"endpoint": "https://10.0.0.7/a"}, "endpoint", "The endpoint points into a private network."),
    (
        {"endpoint": "https://[::ffff:127.0.0.1]/a"},
        "endpoint",
        "The endpoint points into a private network.",
    ),
    ({"endpoint": "javascript:alert(1)"}, "endpoint", "The endpoint must be a plain https URL."),
    (
        {"endpoint": "https://push.example/" + "a" * 1100},
        "endpoint",
        "The endpoint is longer than 1024 characters.",
    ),
    ({"endpoint": None}, "endpoint", "The subscription has no endpoint."),
    (
        {"p256dh": keys.b64url(b"\x04" + b"\x01" * 63)},
        "p256dh",
        "p256dh must be a P-256 public key: 65 bytes, base64url.",
    ),
    ({"p256dh": OFF_CURVE}, "p256dh", "p256dh must be a P-256 public key: 65 bytes, base64url."),
    (
        {"p256dh": "not base64!"},
        "p256dh",
        "p256dh must be a P-256 public key: 65 bytes, base64url.",
    ),
    ({"auth": keys.b64url(b"\x00" * 15)}, "auth", "auth must be a 16-byte secret, base64url."),
    ({"keys": {"p256dh": "x"}}, "keys", "The subscription needs exactly the keys p256dh and auth."),
    ({"expirationTime": "tomorrow"}, "expirationTime", "expirationTime must be a number or null."),
    ({"is_staff": True}, "subscription", "Unknown fields: is_staff."),
]


@pytest.mark.parametrize(("change", "field", "message"), HOSTILE)
def test_hostile_subscriptions_are_refused_with_the_reason(
    browser_client: Client,
    push_service: PushService,
    change: dict[str, Any],
    field: str,
    message: str,
) -> None:
    answer = send(browser_client, "POST", _with(change, push_service))
    assert answer.status_code == 400
    assert answer.json()["errors"][field] == message
    assert not PushSubscription.objects.exists()


def test_bodies_that_are_not_a_subscription(browser_client: Client) -> None:
    assert send(browser_client, "POST", [1, 2]).json()["errors"] == {
        "subscription": "Send the subscription as a JSON object."
    }
    assert send(browser_client, "POST", b"{not json").status_code == 400
    wrong_type = send(browser_client, "POST", "endpoint=x", content_type="text/plain")
    assert wrong_type.status_code == 415
    huge = send(browser_client, "POST", {"endpoint": "https://push.example/" + "a" * 5000})
    assert huge.status_code == 413
    assert browser_client.get(URL).status_code == 405
    assert not PushSubscription.objects.exists()


def test_changes_are_limited_per_client_address(
    browser_client: Client, push_service: PushService, settings: Any
) -> None:
    settings.NEWSDESK_PUSH_RATE = 3
    browsers = [push_service.browser(f"tab{n}") for n in range(4)]
    statuses = [send(browser_client, "POST", b.to_json()).status_code for b in browsers]
    assert statuses == [201, 201, 201, 429]
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.80")
    assert send(other, "POST", browsers[3].to_json()).status_code == 201
    limited = send(browser_client, "DELETE", {"endpoint": browsers[0].endpoint})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    assert PushSubscription.objects.count() == 4


def test_the_service_worker_is_served_from_the_root(client: Client) -> None:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/javascript; charset=utf-8"
    assert answer["Cache-Control"] == "no-cache"
    body = answer.content.decode()
    assert 'addEventListener("push"' in body and 'addEventListener("notificationclick"' in body


def test_the_vapid_key_is_generated_once_into_the_data_directory(
    tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    settings.NEWSDESK_VAPID_PRIVATE_KEY = ""
    public = keys.public_key()
    path = tmp_path / keys.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(keys.b64url_decode(public)) == 65
    keys._load.cache_clear()
    assert keys.public_key() == public  # read back, not made again
    # From the environment, as `web-push generate-vapid-keys` prints it:
    made = ec.generate_private_key(ec.SECP256R1())
    settings.NEWSDESK_VAPID_PRIVATE_KEY = keys.b64url(
        made.private_numbers().private_value.to_bytes(32, "big")
    )
    assert keys.private_key().private_numbers() == made.private_numbers()
    settings.NEWSDESK_VAPID_PRIVATE_KEY = "short"
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_VAPID_PRIVATE_KEY is not a usable"):
        keys.private_key()


def test_a_vapid_key_or_contact_push_services_would_refuse_stops_start_up(
    settings: Any,
) -> None:
    from newsdesk.push.checks import check_push

    settings.NEWSDESK_VAPID_PRIVATE_KEY = "not a key"
    settings.NEWSDESK_VAPID_SUBJECT = "desk@news.example.org"
    assert [m.id for m in check_push(None)] == ["newsdesk.E081", "newsdesk.E082"]
    settings.NEWSDESK_VAPID_PRIVATE_KEY = ""
    settings.NEWSDESK_VAPID_SUBJECT = "mailto:desk@news.example.org"
    assert check_push(None) == []
