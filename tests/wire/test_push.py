"""Push ingest: WebSub subscriptions to a hub of our own on 127.0.0.1, signed
deliveries through the same ingest as a fetch, forged ones refused."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from django.utils import timezone

from bench.support.websub_hub import Hub
from newsdesk.wire import push
from newsdesk.wire.actions import delete_source
from newsdesk.wire.fetch import refresh_source
from newsdesk.wire.models import PushSubscription, Source, WireItem
from newsdesk.wire.pushed import renew_due

from .conftest import Canary, FeedServer, Reply

pytestmark = pytest.mark.django_db(transaction=True)

FEED = "/feed.xml"


def rss(feed_url: str, hub_url: str, *items: tuple[str, str]) -> bytes:
    """A feed naming its hub and itself, with (guid, headline) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>https://courier.example/{guid}</link>"
        f"<guid>{guid}</guid><description>{title}, the desk reports.</description>"
        "<pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate></item>"
        for guid, title in items
    )
    hub = f'<atom:link rel="hub" href="{hub_url}"/>' if hub_url else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        "<title>Harbour Courier</title><link>https://courier.example/</link>"
        f'<description>News from the harbour</description>{hub}<atom:link rel="self" '
        f'href="{feed_url}"/>{entries}</channel></rss>'
    ).encode()


@pytest.fixture
def hub() -> Iterator[Hub]:
    made = Hub()
    yield made
    made.close()


@pytest.fixture
def site(live_server: Any, wire_settings: Any) -> Any:
    """Hubs call back at this address."""
    wire_settings.NEWSDESK_SITE_URL = live_server.url
    return wire_settings


def subscribed(
    server: FeedServer, hub: Hub, client: httpx.Client
) -> tuple[Source, PushSubscription]:
    feed_url = server.url(FEED)
    server.routes[FEED] = Reply(body=rss(feed_url, hub.url, ("bridge-1", "Bridge reopens")))
    source = Source.objects.create(url=feed_url, kind="rss")
    refresh_source(source, client=client)
    subscription = PushSubscription.objects.get(source=source)
    assert subscription.state == PushSubscription.State.SUBSCRIBING
    assert subscription.hub_url == hub.url and subscription.topic_url == feed_url
    assert renew_due(client=client) == 1
    (request,) = hub.wait_verified(1)
    assert request.mode == "subscribe" and request.verified
    assert request.callback == f"{push.callback_url(subscription)}"
    assert request.secret == subscription.secret and len(request.secret) >= 32
    subscription.refresh_from_db()
    assert subscription.state == PushSubscription.State.ACTIVE
    return source, subscription


def test_a_hub_in_the_feed_is_subscribed_and_a_signed_push_is_ingested(
    site: Any, server: FeedServer, hub: Hub, client: httpx.Client
) -> None:
    source, subscription = subscribed(server, hub, client)
    lease = subscription.expires_at - subscription.verified_at  # type: ignore[operator]
    assert lease == timedelta(seconds=push.LEASE_SECONDS)
    # Renewal is planned before the lease ends.
    assert subscription.next_request_at < subscription.expires_at  # type: ignore[operator]
    assert WireItem.objects.filter(source=source).count() == 1

    body = rss(
        server.url(FEED),
        hub.url,
        ("bridge-2", "Ferries resume across the bay"),
        ("bridge-1", "Bridge reopens"),
    )
    assert hub.publish(hub.requests[0], body) == 202
    items = WireItem.objects.filter(source=source).order_by("id")
    assert [i.title for i in items] == ["Bridge reopens", "Ferries resume across the bay"]
    assert items[1].story_id is not None  # the same story step as a fetch
    # The same content pushed again is no duplicate.
    assert hub.publish(hub.requests[0], body, method="sha512") == 202
    assert WireItem.objects.filter(source=source).count() == 2
    subscription.refresh_from_db()
    assert subscription.deliveries == 2 and subscription.last_delivery_at is not None

    # While pushed to, polling goes on, slower.
    assert push.polling_interval(source, 600) == 600 * push.SAFETY_FACTOR


def test_forged_deliveries_store_nothing_and_are_logged(
    site: Any,
    server: FeedServer,
    hub: Hub,
    client: httpx.Client,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source, subscription = subscribed(server, hub, client)
    request = hub.requests[0]
    forged = rss(server.url(FEED), hub.url, ("forged-1", "Invented headline"))
    caplog.set_level(logging.WARNING, logger="newsdesk.wire")

    assert hub.publish(request, forged, secret="not the secret") == 202
    assert hub.publish(request, forged, signed=False) == 202
    assert "bad signature" in caplog.text and "missing signature" in caplog.text

    unknown = site.NEWSDESK_SITE_URL + "/wire/push/no-such-subscription/"
    assert hub.publish(request, forged, callback=unknown) == 404
    assert "unknown callback" in caplog.text

    PushSubscription.objects.filter(pk=subscription.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert hub.publish(request, forged) == 410
    assert "after the lease ended" in caplog.text

    assert not WireItem.objects.filter(title="Invented headline").exists()
    assert "Invented headline" not in caplog.text  # bodies are never logged
    assert WireItem.objects.filter(source=source).count() == 1


def test_verification_is_refused_for_what_this_site_did_not_ask(
    site: Any, server: FeedServer, hub: Hub, client: httpx.Client
) -> None:
    _source, subscription = subscribed(server, hub, client)
    callback = push.callback_url(subscription)
    other_topic = {"hub.mode": "subscribe", "hub.topic": "https://elsewhere.example/feed",
                   "hub.challenge": "abc"}  # fmt: skip
    assert httpx.get(callback, params=other_topic).status_code == 404
    not_asked = {"hub.mode": "unsubscribe", "hub.topic": subscription.topic_url,
                 "hub.challenge": "abc"}  # fmt: skip
    answer = httpx.get(callback, params=not_asked)
    assert answer.status_code == 404 and "abc" not in answer.text
    unknown = site.NEWSDESK_SITE_URL + "/wire/push/nobody/"
    assert httpx.get(unknown, params={**not_asked, "hub.mode": "subscribe"}).status_code == 404
    assert answer.headers["cache-control"].startswith("max-age=0")
    subscription.refresh_from_db()
    assert subscription.state == PushSubscription.State.ACTIVE


def test_a_lease_is_renewed_and_a_removed_source_is_unsubscribed(
    site: Any, server: FeedServer, hub: Hub, client: httpx.Client
) -> None:
    source, subscription = subscribed(server, hub, client)
    first_expiry = subscription.expires_at
    # 80% of the lease has passed: the worker asks again.
    PushSubscription.objects.filter(pk=subscription.pk).update(
        next_request_at=timezone.now() - timedelta(seconds=1)
    )
    assert renew_due(client=client) == 1
    requests = hub.wait_verified(2)
    assert requests[1].mode == "subscribe" and requests[1].verified
    subscription.refresh_from_db()
    assert subscription.expires_at > first_expiry  # type: ignore[operator]
    assert subscription.state == PushSubscription.State.ACTIVE

    delete_source(source)
    subscription.refresh_from_db()
    assert subscription.source is None
    assert subscription.state == PushSubscription.State.UNSUBSCRIBING
    # A delivery meanwhile stores nothing.
    late = rss(server.url(FEED), hub.url, ("late-1", "Late push"))
    assert hub.publish(requests[0], late) == 410
    assert renew_due(client=client) == 1
    requests = hub.wait_verified(3)
    assert requests[2].mode == "unsubscribe" and requests[2].verified
    assert not PushSubscription.objects.exists()
    assert not WireItem.objects.filter(title="Late push").exists()


def test_a_hub_named_in_the_link_header_and_a_hub_that_denies(
    site: Any, server: FeedServer, hub: Hub, client: httpx.Client
) -> None:
    feed_url = server.url(FEED)
    server.routes[FEED] = Reply(
        body=rss(feed_url, "", ("pier-1", "Pier closed for repairs")),
        headers={"Link": f'<{hub.url}>; rel="hub", <{feed_url}>; rel="self"'},
    )
    source = Source.objects.create(url=feed_url, kind="rss")
    refresh_source(source, client=client)
    subscription = PushSubscription.objects.get(source=source)
    assert subscription.hub_url == hub.url
    renew_due(client=client)
    (request,) = hub.wait_verified(1)
    assert hub.deny(request) == 200
    subscription.refresh_from_db()
    assert subscription.state == PushSubscription.State.DENIED
    assert subscription.last_error == "not accepted here"
    assert subscription.next_request_at is None
    assert push.polling_interval(source, 600) == 600  # polled as before


def test_a_hub_at_a_private_address_is_never_asked(
    site: Any, server: FeedServer, client: httpx.Client, canary: Canary
) -> None:
    feed_url = server.url(FEED)
    hub_url = f"http://127.0.0.1:{canary.port}/hub"
    server.routes[FEED] = Reply(body=rss(feed_url, hub_url, ("quay-1", "Quay reopens")))
    source = Source.objects.create(url=feed_url, kind="rss")
    refresh_source(source, client=client)
    site.NEWSDESK_FETCH_ALLOW = []  # only the feed's own host was allowed
    assert renew_due(client=client) == 1
    subscription = PushSubscription.objects.get(source=source)
    assert subscription.state == PushSubscription.State.SUBSCRIBING
    assert "refused" in subscription.last_error and subscription.attempts == 1
    assert subscription.next_request_at > timezone.now()  # type: ignore[operator]
    assert canary.connections == 0


def test_link_headers_are_read_as_rfc_8288_says() -> None:
    base = "https://courier.example/feed"
    assert push.link_header('<https://hub.example/>; rel="hub"', base) == (
        "https://hub.example/",
        "",
    )
    assert push.link_header('</h>; rel="hub self", <javascript:x>; rel=self', base) == (
        "https://courier.example/h",
        "https://courier.example/h",
    )
    assert push.link_header("garbage <<>>;;; rel", base) == ("", "")
    assert push.link_header("<https://a.example/>; rel=alternate", base) == ("", "")


def test_signatures() -> None:
    body = b"<rss/>"
    import hashlib
    import hmac

    good = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert push.signature_ok("s3cret", body, f"sha256={good}")
    assert push.signature_ok("s3cret", body, f"SHA256={good.upper()}")
    assert not push.signature_ok("s3cret", body + b" ", f"sha256={good}")
    assert not push.signature_ok("s3cret", body, f"md5={good}")
    assert not push.signature_ok("s3cret", body, "sha256=")
    assert not push.signature_ok("s3cret", body, "")
