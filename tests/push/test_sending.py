"""Browser push from the outbox, against a push service on 127.0.0.1 that
checks the VAPID signature and decrypts every message with the browser's key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from newsdesk.hooks.delivery import make_clients
from newsdesk.hooks.models import Cursor
from newsdesk.news import actions
from newsdesk.news.models import Article, Event
from newsdesk.push import sending
from newsdesk.push.models import PushDelivery, PushMessage, PushSubscription
from newsdesk.worker.loop import run_once
from tests.helpers import Clock

from .conftest import PushService, subscribed

pytestmark = pytest.mark.django_db


def test_a_breaking_update_and_its_correction_reach_every_browser_signed_and_encrypted(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    first, second = push_service.browser("first"), push_service.browser("second")
    subscriptions = [subscribed(first), subscribed(second)]
    make_article(headline="Not breaking: no alert")
    story = make_article(
        headline="Dam on the Ostrel river breached",
        lede="Villages below the dam are being evacuated.",
        is_breaking=True,
    )
    clients = make_clients()
    try:
        assert run_once(clients, clock) == 2  # the worker's pass sends them
        actions.correct(story, note="The dam is on the Ostrel, not the Ves.")
        assert run_once(clients, clock) == 2
        assert run_once(clients, clock) == 0
    finally:
        clients.close()
    assert push_service.problems == []
    url = f"http://127.0.0.1:8000{story.get_absolute_url()}"
    for name in ("first", "second"):
        published, corrected = push_service.messages(name)
        assert published == {
            "title": "Dam on the Ostrel river breached",
            "body": "Villages below the dam are being evacuated.",
            "url": url,
            "tag": f"article-{story.pk}",
            "lang": "en",
            "timestamp": published["timestamp"],
        }
        assert corrected["title"] == "Correction: Dam on the Ostrel river breached"
        assert corrected["body"] == "The dam is on the Ostrel, not the Ves."
        assert corrected["tag"] == published["tag"]  # it replaces the first notification
    for received in push_service.received:
        assert received.headers["urgency"] == "high"
        assert received.headers["ttl"] == "21600"
        assert received.headers["topic"].startswith("event-")
        assert received.headers["content-type"] == "application/octet-stream"
        assert received.claims["sub"] == "http://127.0.0.1:8000"
        assert received.size < 4096
    assert {d.status for d in PushDelivery.objects.all()} == {"sent"}
    assert PushMessage.objects.count() == 2
    for subscription in subscriptions:
        subscription.refresh_from_db()
        assert subscription.last_success_at == clock.now
        assert subscription.failures == 0


def test_404_and_410_remove_the_subscription_and_what_was_planned_for_it(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    gone, revoked, kept = (push_service.browser(n) for n in ("gone", "revoked", "kept"))
    for browser in (gone, revoked, kept):
        subscribed(browser)
    push_service.script = {"gone": [(404, {})] * 2, "revoked": [(410, {})] * 2}
    make_article(headline="Breaking one", is_breaking=True)
    make_article(headline="Breaking two", is_breaking=True)
    sending.plan_all(clock())
    assert PushDelivery.objects.count() == 6
    assert sending.deliver_due(clock) == 6
    assert sending.deliver_due(clock) == 0
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [kept.endpoint]
    assert sorted(m["title"] for m in push_service.messages("kept")) == [
        "Breaking one",
        "Breaking two",
    ]
    assert PushDelivery.objects.filter(status="sent").count() == 2
    assert PushDelivery.objects.count() == 2


def test_429_and_5xx_are_tried_again_with_backoff_then_sent_once(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    browser = push_service.browser("busy")
    subscription = subscribed(browser)
    push_service.script = {"busy": [(429, {"Retry-After": "300"}), (503, {})]}
    make_article(headline="Storm warning", is_breaking=True)
    sending.plan_all(clock())
    assert sending.deliver_due(clock) == 1
    delivery = PushDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("pending", 1, 429)
    assert delivery.next_attempt_at - clock.now == timedelta(seconds=300)  # Retry-After wins
    subscription.refresh_from_db()
    assert subscription.failures == 1
    assert sending.deliver_due(clock) == 0  # not due yet
    clock.advance(seconds=300)
    assert sending.deliver_due(clock) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("pending", 2, 503)
    assert 60 <= (delivery.next_attempt_at - clock.now).total_seconds() <= 66  # doubled
    clock.advance(minutes=2)
    assert sending.deliver_due(clock) == 1
    clock.advance(hours=1)
    assert sending.deliver_due(clock) == 0
    delivery.refresh_from_db()
    subscription.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("sent", 3, 201)
    assert (subscription.failures, subscription.last_success_at) == (
        0,
        clock.now - timedelta(hours=1),
    )
    assert [m["title"] for m in push_service.messages("busy")] == ["Storm warning"]


def test_planning_again_or_a_second_worker_never_sends_twice(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    subscribed(push_service.browser("one"))
    make_article(headline="Bridge closed", is_breaking=True)
    sending.plan_all(clock())
    Cursor.objects.filter(consumer="push").update(last_event_id=0)  # a reset cursor
    sending.plan_all(clock())
    assert PushDelivery.objects.count() == 1
    claimed = sending.claim(clock())  # one worker holds it...
    assert [d.pk for d in claimed] == [PushDelivery.objects.get().pk]
    assert sending.claim(clock()) == []  # ...so another finds nothing to send
    assert sending.deliver_due(clock) == 0
    # The first worker dies before sending: the lease runs out and it is sent, once.
    clock.advance(seconds=sending.LEASE.total_seconds())
    assert sending.deliver_due(clock) == 1
    clock.advance(days=1)
    assert sending.deliver_due(clock) == 0
    assert len(push_service.received) == 1


def test_late_subscribers_and_stale_events_get_nothing(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article], settings: Any
) -> None:
    make_article(headline="Before anyone subscribed", is_breaking=True)
    subscribed(push_service.browser("late"))
    sending.plan_all(clock())
    assert PushDelivery.objects.count() == 0
    make_article(headline="Old by the time the worker runs", is_breaking=True)
    clock.advance(seconds=settings.NEWSDESK_PUSH_TTL + 1)
    sending.plan_all(clock())
    assert PushDelivery.objects.count() == 0
    assert PushMessage.objects.count() == 0


def test_long_text_is_cut_to_fit_one_small_message(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    subscribed(push_service.browser("reader"))
    story = make_article(headline="Ж" * 150, lede="Слово " * 100, is_breaking=True)
    sending.plan_all(clock())
    sending.deliver_due(clock)
    (message,) = push_service.messages("reader")
    assert message["title"] == "Ж" * 150
    assert len(message["body"]) == sending.TEXT_CHARS and message["body"].endswith("…")
    (received,) = push_service.received
    assert received.size < 4096
    assert story.pk


def test_a_push_service_inside_the_network_is_refused_without_the_allowlist(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article], settings: Any
) -> None:
    subscribed(push_service.browser("inside"))
    settings.NEWSDESK_PUSH_ALLOW = []
    make_article(headline="Breaking", is_breaking=True)
    sending.plan_all(clock())
    assert sending.deliver_due(clock) == 1
    delivery = PushDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Refused: 127.0.0.1 is a loopback address.")
    assert "NEWSDESK_PUSH_ALLOW" in delivery.last_error
    assert push_service.received == []


def test_messages_are_forgotten_with_the_outbox_retention(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article], settings: Any
) -> None:
    subscribed(push_service.browser("reader"))
    make_article(headline="Breaking", is_breaking=True)
    sending.plan_all(clock())
    sending.deliver_due(clock)
    clock.advance(days=settings.NEWSDESK_EVENT_RETENTION_DAYS - 1)
    sending.plan_all(clock())
    assert (PushMessage.objects.count(), PushDelivery.objects.count()) == (1, 1)
    clock.advance(days=2)
    sending.plan_all(clock())
    assert (PushMessage.objects.count(), PushDelivery.objects.count()) == (0, 0)
    assert PushSubscription.objects.count() == 1


def test_a_refusal_other_than_gone_fails_at_once_and_keeps_the_subscription(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    subscription = subscribed(push_service.browser("strict"))
    push_service.script = {"strict": [(413, {})]}
    make_article(headline="Breaking", is_breaking=True)
    sending.plan_all(clock())
    assert sending.deliver_due(clock) == 1
    clock.advance(days=1)
    assert sending.deliver_due(clock) == 0
    delivery = PushDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 1, 413)
    subscription.refresh_from_db()
    assert subscription.failures == 1


def test_a_correction_is_announced_in_the_updates_own_language(
    make_article: Callable[..., Article], site_languages: Callable[[str], None]
) -> None:
    site_languages("en, uk")
    story = make_article(
        headline="Прорив дамби", lede="Евакуація.", language="uk", is_breaking=True
    )
    actions.correct(story, note="Дамба на Острелі.")
    published, corrected = (
        sending.message_for(e)
        for e in Event.objects.filter(article=story, public=True).order_by("id")
    )
    assert published is not None and published["lang"] == "uk"
    assert corrected is not None
    assert (corrected["title"], corrected["body"]) == (
        "Виправлення: Прорив дамби",
        "Дамба на Острелі.",
    )


def test_a_pass_sends_within_its_time_budget_and_the_next_goes_on(
    push_service: PushService, clock: Clock, make_article: Callable[..., Article]
) -> None:
    subscribed(push_service.browser("reader"))
    make_article(headline="First", is_breaking=True)
    make_article(headline="Second", is_breaking=True)
    sending.plan_all(clock())
    assert sending.deliver_due(clock, budget=0) == 0  # the budget is spent before a claim
    assert sending.deliver_due(clock) == 2
