"""Webhooks: signed, retried with backoff, logged, and never sent inside the network."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from newsdesk.hooks import signing
from newsdesk.hooks.consumers import plan_all
from newsdesk.hooks.delivery import Clients, make_clients
from newsdesk.hooks.models import Attempt, Cursor, Delivery, Webhook
from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Event, Tag
from newsdesk.site.actions import update_settings
from newsdesk.worker.loop import run, run_once

from .conftest import Canary, Clock, Receiver

pytestmark = pytest.mark.django_db

ALL = sorted(Event.PUBLIC_TYPES)


def hook(url: str, events: list[str] | None = None, **fields: Any) -> Webhook:
    return Webhook.objects.create(url=url, events=events or ALL, **fields)


def test_signed_deliveries_that_verify(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    webhook = hook(receiver.url + "/incoming", ["article.published", "article.corrected"])
    story = make_article(headline="Port reopens after the storm")
    actions.correct(story, note="The port reopened at noon.")
    actions.update(story, lede="Not subscribed: no delivery.")
    assert run_once(clients, clock) == 2
    assert [r.path for r in receiver.requests] == ["/incoming", "/incoming"]
    for request in receiver.requests:
        stamp = request.headers["newsdesk-timestamp"]
        sent = request.headers["newsdesk-signature"]
        assert signing.verify(webhook.secret, request.body, stamp, sent, now=time.time())
        # What a receiver in any language computes:
        mac = hmac.new(webhook.secret.encode(), stamp.encode() + b"." + request.body, "sha256")
        assert sent == "sha256=" + mac.hexdigest()
        assert request.headers["content-type"] == "application/json"
        assert request.headers["user-agent"] == "newsdesk-webhooks/1"
        # Tampering, another secret or a stale timestamp all fail.
        assert not signing.verify(webhook.secret, request.body + b" ", stamp, sent, time.time())
        assert not signing.verify("another secret", request.body, stamp, sent, time.time())
        assert not signing.verify(webhook.secret, request.body, stamp, sent, time.time() + 301)
    published, corrected = (json.loads(r.body) for r in receiver.requests)
    assert published["type"] == "article.published"
    assert corrected["type"] == "article.corrected"
    assert published["data"]["headline"] == "Port reopens after the storm"
    assert published["data"]["url"] == f"http://127.0.0.1:8000{story.get_absolute_url()}"
    assert corrected["data"]["correction"]["text"] == "The port reopened at noon."
    assert receiver.requests[0].headers["newsdesk-event"] == "article.published"
    assert {d.status for d in Delivery.objects.all()} == {Delivery.Status.DELIVERED}


def test_500_500_200_is_one_delivery_in_three_logged_attempts(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    receiver.script = [(500, {}, b"down"), (500, {}, b"still down"), (200, {}, b"thanks")]
    hook(receiver.url, ["article.published"])
    story = make_article()
    assert run_once(clients, clock) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("pending", 1, 500)
    first_wait = delivery.next_attempt_at - clock.now
    assert 30 <= first_wait.total_seconds() <= 33
    assert run_once(clients, clock) == 0  # not due yet: nothing is sent early
    clock.advance(seconds=first_wait.total_seconds())
    assert run_once(clients, clock) == 1
    delivery.refresh_from_db()
    second_wait = delivery.next_attempt_at - clock.now
    assert 60 <= second_wait.total_seconds() <= 66  # doubled
    clock.advance(hours=1)
    assert run_once(clients, clock) == 1
    clock.advance(days=2)
    assert run_once(clients, clock) == 0  # delivered: never again
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("delivered", 3, 200)
    log = list(Attempt.objects.filter(delivery=delivery).order_by("number"))
    assert [(a.number, a.status_code) for a in log] == [(1, 500), (2, 500), (3, 200)]
    assert [a.response for a in log] == ["down", "still down", "thanks"]
    bodies = {r.body for r in receiver.requests}
    assert len(receiver.requests) == 3 and len(bodies) == 1  # the same event, byte for byte
    assert json.loads(bodies.pop())["id"] == Event.objects.get(type="article.published").id
    # Planning the same events again (a reset cursor) adds nothing.
    Cursor.objects.update(last_event_id=0)
    plan_all(clock())
    assert Delivery.objects.count() == 1
    assert story.pk


def test_retry_after_permanent_refusals_and_giving_up(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
    settings: Any,
) -> None:
    settings.NEWSDESK_DELIVERY_MAX_ATTEMPTS = 2
    busy = hook(receiver.url + "/busy", ["article.published"])
    gone = hook(receiver.url + "/gone", ["article.published"])
    receiver.script = [(429, {"Retry-After": "600"}, b""), (410, {}, b"")]
    make_article()
    run_once(clients, clock)
    by_path = {r.path: r for r in receiver.requests}
    assert set(by_path) == {"/busy", "/gone"}
    retried = Delivery.objects.get(webhook=busy if receiver.requests[0].path == "/busy" else gone)
    refused = Delivery.objects.exclude(pk=retried.pk).get()
    assert retried.status == "pending"
    assert (retried.next_attempt_at - clock.now).total_seconds() == 600
    assert refused.status == "failed" and "refused the delivery (410)" in refused.last_error
    receiver.script = [(503, {}, b"")]
    clock.advance(seconds=600)
    run_once(clients, clock)
    retried.refresh_from_db()
    assert (retried.status, retried.attempts) == ("failed", 2)  # the limit: given up, logged


def test_a_hanging_receiver_times_out_and_is_retried(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    receiver.delay = 7
    hook(receiver.url, ["article.published"])
    make_article()
    started = time.monotonic()
    run_once(clients, clock)
    assert time.monotonic() - started < 6.5
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.last_error == "No answer within 5 s."


def test_large_answers_are_cut(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    receiver.script = [(200, {}, b"y" * 5_000_000)]
    hook(receiver.url, ["article.published"])
    make_article()
    run_once(clients, clock)
    attempt = Attempt.objects.get()
    assert attempt.status_code == 200 and attempt.response == "y" * 500


def test_who_gets_what(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    early = make_article()  # before any webhook existed
    hook(receiver.url + "/on", ["article.unpublished"])
    hook(receiver.url + "/off", ALL, active=False)
    actions.unpublish(early)
    make_article(publish=False)  # drafts are never delivered
    run_once(clients, clock)
    assert [(r.path, json.loads(r.body)["type"]) for r in receiver.requests] == [
        ("/on", "article.unpublished")
    ]
    assert json.loads(receiver.requests[0].body)["data"] == {
        "id": early.pk,
        "slug": early.slug,
        "url": f"http://127.0.0.1:8000{early.get_absolute_url()}",
    }


def test_author_tag_and_site_changes_are_delivered(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    author: Author,
    make_article: Callable[..., Article],
) -> None:
    make_article(tags=["Energy"])
    hook(receiver.url + "/records", ["author.updated", "tag.updated", "tag.merged", "site.updated"])
    actions.update_author(author, name="Mira Castell-Ortiz", slug="mira-castell-ortiz")
    energy = Tag.objects.get(slug="energy")
    actions.update_tag(energy, description="Power, fuel and the grid.")
    actions.merge_tags(actions.create_tag(name="Power"), energy)
    update_settings(site_name="The Averre Desk")
    assert run_once(clients, clock) == 4
    bodies = [json.loads(r.body) for r in receiver.requests]
    assert [b["type"] for b in bodies] == [
        "author.updated",
        "tag.updated",
        "tag.merged",
        "site.updated",
    ]
    renamed, described, merged, site = (b["data"] for b in bodies)
    assert (renamed["name"], renamed["previous_slug"]) == ("Mira Castell-Ortiz", "mira-castell")
    assert renamed["url"] == "http://127.0.0.1:8000/author/mira-castell-ortiz/"
    assert described["description"] == "Power, fuel and the grid."
    assert (merged["slug"], merged["merged"]["slug"]) == ("energy", "power")
    assert site["name"] == "The Averre Desk" and site["changed"] == ["site_name"]


# The SSRF guard, end to end ---------------------------------------------


def test_a_url_resolving_to_the_metadata_address_is_refused(
    clock: Clock, make_article: Callable[..., Article]
) -> None:
    def resolve(host: str, port: int) -> list[str]:
        return {"metadata.example": ["169.254.169.254"]}.get(host, [host])

    guarded = make_clients(resolve=resolve)
    try:
        hook("http://metadata.example/latest/meta-data/", ["article.published"])
        hook("http://169.254.169.254/latest/meta-data/", ["article.published"])
        make_article()
        run_once(guarded, clock)
    finally:
        guarded.close()
    for delivery in Delivery.objects.all():
        assert delivery.status == "failed"
        assert delivery.last_error.startswith("Refused: 169.254.169.254 is a link-local address.")
        assert delivery.last_status is None
        assert delivery.log.count() == 1


def test_loopback_is_refused_however_it_is_spelled(
    canary: Canary, clock: Clock, make_article: Callable[..., Article], settings: Any
) -> None:
    names = {"inside.example": ["127.0.0.1"]}

    def resolve(host: str, port: int) -> list[str]:
        return names.get(host, [host])

    guarded = make_clients(resolve=resolve)
    try:
        for url in (
            f"http://inside.example:{canary.port}/",
            f"http://127.0.0.1:{canary.port}/",
            f"http://[::ffff:127.0.0.1]:{canary.port}/",
            f"http://0177.0.0.1:{canary.port}/",
        ):
            hook(url, ["article.published"])
        make_article()
        run_once(guarded, clock)
    finally:
        guarded.close()
    assert canary.connections == 0
    errors = [d.last_error for d in Delivery.objects.order_by("webhook_id")]
    assert errors[0].startswith("Refused: 127.0.0.1 is a loopback address.")
    assert errors[2].startswith("Refused: 127.0.0.1 is a loopback address.")  # unwrapped
    assert errors[3] == "Refused: Invalid IPv4 address: '0177.0.0.1'."
    assert {d.status for d in Delivery.objects.all()} == {"failed"}


def test_redirects_are_not_followed(
    receiver: Receiver,
    canary: Canary,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    receiver.script = [
        (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        (301, {"Location": f"http://127.0.0.1:{canary.port}/internal"}, b""),
    ]
    hook(receiver.url + "/a", ["article.published"])
    hook(receiver.url + "/b", ["article.published"])
    make_article()
    run_once(clients, clock)
    assert len(receiver.requests) == 2 and canary.connections == 0
    for delivery in Delivery.objects.all():
        assert delivery.status == "failed"
        assert delivery.last_status in (301, 302)
        assert delivery.last_error.startswith("Redirects are not followed")
    assert "169.254.169.254" in Delivery.objects.get(last_status=302).last_error


# The worker ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_delivers_promptly_and_stops(
    receiver: Receiver, allow_loopback: None, make_article: Callable[..., Article]
) -> None:
    hook(receiver.url, ["article.published"])
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(stop,), kwargs={"poll": 30}, daemon=True)
    thread.start()
    try:
        make_article()  # the commit wakes the worker long before its 30 s poll
        deadline = time.monotonic() + 10
        while not receiver.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(receiver.requests) == 1
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_worker_command_once(
    receiver: Receiver, allow_loopback: None, make_article: Callable[..., Article], capsys: Any
) -> None:
    hook(receiver.url, ["article.published"])
    make_article()
    call_command("worker", "--once")
    assert "1 delivery attempt(s) made." in capsys.readouterr().out
    assert Delivery.objects.get().status == "delivered"


# The admin ----------------------------------------------------------------


@pytest.fixture
def admin_client(client: Client, db: None) -> Client:
    get_user_model().objects.create_superuser("chief", password="a long admin passphrase")
    client.login(username="chief", password="a long admin passphrase")
    return client


def test_admins_register_webhooks_and_read_the_log(
    admin_client: Client,
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    refused = admin_client.post(
        "/admin/hooks/webhook/add/",
        {"url": "http://169.254.169.254/", "events": ["article.published"], "active": "on"},
    )
    assert refused.status_code == 200
    assert "169.254.169.254 is a link-local address" in refused.content.decode()
    added = admin_client.post(
        "/admin/hooks/webhook/add/",
        {"url": receiver.url + "/in", "events": ["article.published"], "active": "on"},
    )
    assert added.status_code == 302
    webhook = Webhook.objects.get()
    assert webhook.events == ["article.published"] and len(webhook.secret) >= 40
    receiver.script = [(500, {}, b"oops")]
    make_article()
    run_once(clients, clock)
    clock.advance(minutes=5)
    run_once(clients, clock)
    delivery = Delivery.objects.get()
    listing = admin_client.get(f"/admin/hooks/delivery/?webhook__id__exact={webhook.pk}")
    assert listing.status_code == 200 and "article.published" in listing.content.decode()
    page = admin_client.get(f"/admin/hooks/delivery/{delivery.pk}/change/").content.decode()
    assert "oops" in page and "500" in page
    assert hashlib.sha256(page.encode()).hexdigest()  # rendered whole
