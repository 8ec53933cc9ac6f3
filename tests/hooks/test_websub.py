"""WebSub: each publish, update, correction or unpublish pings the hub, with retries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest

from newsdesk.hooks.delivery import Clients
from newsdesk.hooks.models import Delivery
from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.worker.loop import run_once

from .conftest import Clock, Receiver

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def pinged(receiver: Receiver) -> list[str]:
    topics = []
    for request in receiver.requests:
        form = parse_qs(request.body.decode())
        assert form["hub.mode"] == ["publish"]
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        topics += form["hub.url"]
    return topics


def feeds(prefix: str) -> list[str]:
    return [f"{SITE}{prefix}{name}" for name in ("rss.xml", "atom.xml", "feed.json")]


@pytest.fixture
def hub(receiver: Receiver, settings: Any) -> Receiver:
    # The hub comes from the operator's settings: no allowlist is needed for it.
    settings.NEWSDESK_WEBSUB_HUB = receiver.url + "/hub"
    return receiver


def test_each_public_change_pings_every_feed_it_touches(
    hub: Receiver, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Energy"])
    expected = feeds("/") + feeds("/tag/energy/") + feeds("/author/mira-castell/")
    run_once(clients, clock)
    assert pinged(hub) == expected
    assert {r.path for r in hub.requests} == {"/hub"}
    for change in (
        lambda: actions.update(story, lede="A new lede."),
        lambda: actions.correct(story, note="A fix."),
        lambda: actions.unpublish(story),
    ):
        hub.requests.clear()
        change()
        run_once(clients, clock)
        assert pinged(hub) == expected
    hub.requests.clear()
    actions.publish(story)
    actions.pin(story)
    actions.unpin(story)
    run_once(clients, clock)
    assert pinged(hub) == expected  # the publish; pins change no feed


def test_a_burst_of_changes_pings_each_feed_once(
    hub: Receiver, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    story = make_article(authors=[])
    for n in range(5):
        actions.update(story, lede=f"Lede {n}")
    run_once(clients, clock)
    assert pinged(hub) == feeds("/")


def test_a_hub_that_is_down_is_pinged_again(
    hub: Receiver, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    hub.script = [(503, {}, b"")] * 3
    make_article(authors=[])
    run_once(clients, clock)
    assert len(hub.requests) == 3
    assert Delivery.objects.filter(status="pending", last_status=503).count() == 3
    clock.advance(minutes=1)
    run_once(clients, clock)
    assert len(hub.requests) == 6
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_no_hub_no_pings(
    receiver: Receiver, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    make_article()
    run_once(clients, clock)
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_old_events_are_not_pinged_about(
    hub: Receiver, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    make_article()
    clock.advance(hours=2)  # the worker was down: the hub fetches the feed as it is now
    run_once(clients, clock)
    assert hub.requests == []
    assert clock.now - timedelta(hours=2) < clock.now
