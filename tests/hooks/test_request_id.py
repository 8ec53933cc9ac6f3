"""A request's id follows it into the worker: the publish's outbox event
carries it, and the delivery's log lines are written under it."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from newsdesk.hooks.delivery import Clients
from newsdesk.hooks.models import Webhook
from newsdesk.news import actions
from newsdesk.news.models import Article, Event
from newsdesk.ops import logs
from newsdesk.worker.loop import run_once

from .conftest import Clock, Receiver

RID = "req-7f3a9c2e41d0"


@pytest.mark.django_db
def test_the_request_id_follows_a_publish_into_the_worker(
    receiver: Receiver,
    allow_loopback: None,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
    caplog: pytest.LogCaptureFixture,
) -> None:
    Webhook.objects.create(url=receiver.url + "/in", events=sorted(Event.PUBLIC_TYPES))
    story = make_article(publish=False, headline="Night trains resume")
    with logs.bound(RID):  # as RequestIdMiddleware binds it for a request
        actions.publish(story)
    assert list(
        Event.objects.filter(type="article.published").values_list("request_id", flat=True)
    ) == [RID]

    caplog.handler.addFilter(logs.RequestIdFilter())
    with caplog.at_level(logging.INFO, logger="newsdesk.hooks.delivery"):
        assert run_once(clients, clock) == 1
    sent = [r for r in caplog.records if r.name == "newsdesk.hooks.delivery"]
    assert [getattr(r, "request_id", None) for r in sent] == [RID]
    assert logs.request_id() == ""  # unbound after the delivery
