"""Sending: temporary refusals retried with backoff, permanent ones stop a
subscription, ended subscriptions are never mailed, digests planned once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from newsdesk.alerts import actions, planning, sending
from newsdesk.alerts.models import Alert, Message, Subscription
from newsdesk.news.models import Article

from .sink import Sink

pytestmark = pytest.mark.django_db


def subscriber(address: str, **choices: Any) -> Subscription:
    sub = actions.subscribe(address, language="en", **choices)
    sub.messages.all().delete()  # its confirmation is another test's business
    return actions.confirm(sub)


def later(minutes: float) -> Callable[[], datetime]:
    at = timezone.now() + timedelta(minutes=minutes)
    return lambda: at


def test_a_temporary_refusal_is_retried_with_backoff_and_sent_once(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    subscriber("busy@example.org")
    sink.handler.refuse["busy@example.org"] = "451 4.3.0 Mailbox busy, try later"
    make_article(headline="Flood warning", is_breaking=True)
    assert sending.run() == 0
    message = Message.objects.get()
    assert (message.state, message.attempts) == (Message.State.PENDING, 1)
    assert message.last_error.startswith("451")
    wait = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(minutes=1)
    assert sending.run() == 0  # not due yet: nothing is tried
    assert Message.objects.get().attempts == 1

    sink.handler.refuse.clear()
    assert sending.run(later(2)) == 1
    (mail,) = sink.to("busy@example.org")
    assert mail.message["Subject"] == "Breaking: Flood warning"
    sent = Message.objects.get()
    assert (sent.state, sent.attempts) == (Message.State.SENT, 2)
    assert sending.run(later(10)) == 0 and len(sink.received) == 1


def test_a_refused_connection_is_a_temporary_failure(
    sink: Sink, settings: Any, make_article: Callable[..., Article]
) -> None:
    from tests.live.support import free_port

    subscriber("reader@example.org")
    settings.EMAIL_PORT = free_port()  # nothing listens there
    make_article(headline="Storm", is_breaking=True)
    assert sending.run() == 0
    message = Message.objects.get()
    assert message.state == Message.State.PENDING and "connection" in message.last_error
    assert message.attempts == 0  # the server's trouble, not the address's
    settings.EMAIL_PORT = sink.port
    assert sending.run(later(2)) == 1


def test_permanent_refusals_stop_a_subscription_which_is_never_mailed_again(
    sink: Sink, settings: Any, make_article: Callable[..., Article]
) -> None:
    subscriber("gone@example.org")
    subscriber("fine@example.org")
    sink.handler.refuse["gone@example.org"] = "550 5.1.1 No such user"
    for n in range(2):
        make_article(headline=f"Alert {n}", is_breaking=True)
        sending.run()
    assert Subscription.objects.get(address="gone@example.org").failures == 2
    make_article(headline="Alert 2", is_breaking=True)
    sending.run()
    gone = Subscription.objects.get(address="gone@example.org")
    assert (gone.state, gone.failures) == (Subscription.State.STOPPED, 3)
    assert Message.objects.filter(subscription=gone, state=Message.State.FAILED).count() == 3

    sink.handler.refuse.clear()
    make_article(headline="Alert 3", is_breaking=True)
    sending.run()
    assert sink.to("gone@example.org") == []
    assert len(sink.to("fine@example.org")) == 4
    assert (
        not Message.objects.filter(subscription=gone, alert__key__contains="breaking")
        .exclude(state=Message.State.FAILED)
        .exists()
    )


def test_a_success_between_refusals_starts_the_count_again(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    subscriber("flaky@example.org")
    for n, refuse in enumerate([True, True, False, True, True]):
        if refuse:
            sink.handler.refuse["flaky@example.org"] = "554 5.7.1 Rejected"
        else:
            sink.handler.refuse.clear()
        make_article(headline=f"Update {n}", is_breaking=True)
        sending.run()
    flaky = Subscription.objects.get()
    assert (flaky.state, flaky.failures) == (Subscription.State.CONFIRMED, 2)


def test_unsubscribing_drops_what_was_planned_and_not_sent(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    sub = subscriber("leaving@example.org")
    make_article(headline="Quake", is_breaking=True)
    planning.plan(timezone.now())
    assert Message.objects.get().state == Message.State.PENDING
    actions.unsubscribe(sub)
    assert sending.run() == 0
    assert Message.objects.get().state == Message.State.SKIPPED
    assert sink.received == []


def test_a_correction_goes_to_those_who_had_the_breaking_alert(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    from newsdesk.news import actions as news

    subscriber("early@example.org")
    story = make_article(headline="Bridge collapses", is_breaking=True)
    sending.run()
    subscriber("late@example.org")
    news.correct(story, note="The bridge was damaged, not destroyed.")
    sending.run()
    (correction,) = [
        r for r in sink.to("early@example.org") if "Correction" in r.message["Subject"]
    ]
    assert "The bridge was damaged, not destroyed." in correction.part("plain")
    assert sink.to("late@example.org") == []


def test_old_events_are_not_announced(sink: Sink, make_article: Callable[..., Article]) -> None:
    subscriber("reader@example.org")
    make_article(headline="Yesterday's news", is_breaking=True)
    assert sending.run(later(61)) == 0
    assert not Alert.objects.exists()


def test_the_daily_digest_at_the_chosen_hour_once_with_its_tags(
    sink: Sink, site_languages: Any, make_article: Callable[..., Article]
) -> None:
    from newsdesk.site.actions import update_settings

    update_settings(time_zone="Europe/Kyiv")
    make_article(headline="Grid repaired", tags=["Energy"])
    make_article(headline="Trains run again", tags=["Transport"])
    subscriber("all@example.org", breaking=False, digest=True, digest_hour=7)
    subscriber("energy@example.org", breaking=False, digest=True, digest_hour=7, tags=["energy"])
    subscriber("evening@example.org", breaking=False, digest=True, digest_hour=19)
    # The next 07:05 in Kyiv: the updates published just now are in its day.
    kyiv = ZoneInfo("Europe/Kyiv")
    local = timezone.now().astimezone(kyiv)
    seven = local.replace(hour=7, minute=5, second=0, microsecond=0)
    if seven <= local:
        seven += timedelta(days=1)
    for pass_at in (seven, seven + timedelta(minutes=20)):
        sending.run(lambda at=pass_at: at)  # type: ignore[misc]
    (everything,) = sink.to("all@example.org")
    (energy,) = sink.to("energy@example.org")
    assert sink.to("evening@example.org") == []
    assert "Grid repaired" in everything.part("plain") and "Trains run again" in everything.part(
        "plain"
    )
    assert "Grid repaired" in energy.part("html") and "Trains run again" not in energy.part("html")
    assert everything.message["Subject"].startswith("Newsdesk: the day's updates")
    assert Alert.objects.get().key == f"digest:{seven.date().isoformat()}:07"


def test_a_message_is_written_in_the_subscriptions_language(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    sub = actions.subscribe("uk@example.org", language="uk")
    sending.run()
    (confirmation,) = sink.to("uk@example.org")
    assert confirmation.message["Subject"].strip() == "Підтвердьте сповіщення від Newsdesk"
    assert "Щоб підтвердити, відкрийте це посилання:" in confirmation.part("plain")
    actions.confirm(sub)
    sink.clear()
    make_article(headline="Обстріл енергетики", is_breaking=True)
    sending.run()
    (alert,) = sink.to("uk@example.org")
    assert alert.message["Subject"].strip() == "Терміново: Обстріл енергетики"
    assert "Відписатися:" in alert.part("plain") and "Відписатися</a>" in alert.part("html")


def test_ended_subscriptions_and_old_records_are_forgotten(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    stays = subscriber("stays@example.org")
    leaves = subscriber("leaves@example.org")
    actions.subscribe("never@example.org", language="en")  # never confirmed
    make_article(headline="Old news", is_breaking=True)
    sending.run()
    actions.unsubscribe(leaves)
    month = timezone.now() + timedelta(days=31)
    assert actions.forget(month) == 2
    assert list(Subscription.objects.values_list("address", flat=True)) == [stays.address]
    assert not Message.objects.exists() and not Alert.objects.exists()
