"""The purge consumer tells Varnish, Fastly or Cloudflare exactly which keys moved."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsdesk.hooks.delivery import Clients
from newsdesk.hooks.models import Attempt, Delivery
from newsdesk.news import actions
from newsdesk.news.models import Article, Tag
from newsdesk.worker.loop import run_once

from .conftest import Clock
from .fake_cdn import CLOUDFLARE_TOKEN, FASTLY_TOKEN, SERVICE, ZONE, FakeCDN, fake_cdn

pytestmark = pytest.mark.django_db

KYIV = "tag:%D0%BA%D0%B8%D1%97%D0%B2"


@pytest.fixture
def cdn() -> Iterator[FakeCDN]:
    with fake_cdn() as found:
        yield found


@pytest.fixture
def fastly(cdn: FakeCDN, settings: Any) -> FakeCDN:
    settings.NEWSDESK_PURGE = "fastly"
    settings.NEWSDESK_PURGE_FASTLY_API = cdn.url
    settings.NEWSDESK_PURGE_FASTLY_SERVICE = SERVICE
    settings.NEWSDESK_PURGE_FASTLY_TOKEN = FASTLY_TOKEN
    return cdn


@pytest.fixture
def cloudflare(cdn: FakeCDN, settings: Any) -> FakeCDN:
    settings.NEWSDESK_PURGE = "cloudflare"
    settings.NEWSDESK_PURGE_CLOUDFLARE_API = cdn.url + "/"
    settings.NEWSDESK_PURGE_CLOUDFLARE_ZONE = ZONE
    settings.NEWSDESK_PURGE_CLOUDFLARE_TOKEN = CLOUDFLARE_TOKEN
    return cdn


def test_a_publish_purges_its_keys_at_fastly(
    fastly: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Київ"])
    run_once(clients, clock)
    assert fastly.refused == []
    assert fastly.purged("fastly") == sorted(
        [
            "all",
            f"article:{story.pk}",
            "author:mira-castell",
            KYIV,
            "language:en",
            f"translations:{story.pk}",
        ]
    )
    (call,) = fastly.calls
    assert call.headers["accept"] == "application/json"
    delivery = Delivery.objects.get(consumer="purge")
    assert delivery.status == "delivered" and delivery.url.endswith(f"/service/{SERVICE}/purge")
    assert delivery.body == call.headers["surrogate-key"]  # the record of what was purged
    assert FASTLY_TOKEN not in delivery.body  # tokens are read when sending, never stored
    assert Attempt.objects.get(delivery=delivery).status_code == 200


def test_a_correction_and_a_tag_rename_purge_at_cloudflare(
    cloudflare: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Energy"])
    run_once(clients, clock)
    cloudflare.calls.clear()
    actions.correct(story, note="The figure was 40, not 14.")
    run_once(clients, clock)
    assert f"article:{story.pk}" in cloudflare.purged("cloudflare")
    cloudflare.calls.clear()
    actions.update_tag(Tag.objects.get(slug="energy"), name="Power")
    run_once(clients, clock)
    assert cloudflare.purged("cloudflare") == ["site"]  # names show on every page
    assert cloudflare.refused == []


def test_cloudflare_gets_at_most_100_tags_a_request(
    cloudflare: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    # all, English, 11 articles, their 11 translation groups and 110 tags, in one batch
    for n in range(11):
        make_article(tags=[f"Topic {n} {m}" for m in range(10)], authors=[])
    run_once(clients, clock)
    assert [len(c.keys) for c in cloudflare.calls] == [100, 34]
    assert cloudflare.refused == []
    recorded = [t for d in Delivery.objects.order_by("key") for t in json.loads(d.body)["tags"]]
    assert recorded == cloudflare.purged("cloudflare")


def test_varnish_gets_an_xkey_purge_at_each_address(
    cdn: FakeCDN,
    settings: Any,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    settings.NEWSDESK_PURGE = "varnish"
    settings.NEWSDESK_PURGE_VARNISH_URLS = [cdn.url + "/one", cdn.url + "/two"]
    story = make_article(authors=[])
    run_once(clients, clock)
    keys = ["all", f"article:{story.pk}", "language:en", f"translations:{story.pk}"]
    assert [(c.method, c.path, c.keys) for c in cdn.calls] == [
        ("PURGE", "/one", keys),
        ("PURGE", "/two", keys),
    ]


def test_a_cdn_that_fails_is_tried_again_with_backoff(
    fastly: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    fastly.script = [503]
    make_article()
    run_once(clients, clock)
    delivery = Delivery.objects.get(consumer="purge")
    assert (delivery.status, delivery.last_status) == ("pending", 503)
    run_once(clients, clock)
    assert fastly.calls == []  # not due yet
    clock.advance(seconds=40)
    run_once(clients, clock)
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    assert len(fastly.calls) == 1


def test_a_refused_token_fails_and_says_so(
    fastly: FakeCDN,
    settings: Any,
    clients: Clients,
    clock: Clock,
    make_article: Callable[..., Article],
) -> None:
    settings.NEWSDESK_PURGE_FASTLY_TOKEN = "wrong"
    make_article()
    run_once(clients, clock)
    delivery = Delivery.objects.get(consumer="purge")
    assert delivery.status == "failed"
    assert delivery.last_error == "The receiver refused the delivery (401)."


def test_no_purger_no_purges(
    cdn: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    make_article()
    run_once(clients, clock)
    assert cdn.calls == [] and not Delivery.objects.filter(consumer="purge").exists()


def test_old_events_are_passed_over(
    fastly: FakeCDN, clients: Clients, clock: Clock, make_article: Callable[..., Article]
) -> None:
    make_article()
    clock.advance(days=2)  # a purger switched on long after
    run_once(clients, clock)
    assert fastly.calls == []
