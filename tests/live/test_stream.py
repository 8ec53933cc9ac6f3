"""GET /live against a real server process, with real HTTP clients."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from newsdesk.news import actions, outbox
from newsdesk.news.models import Article, Event

from .support import Server, SSEClient, current_database_url, server_env

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", params=["connection", "asgi"])
def site(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: Any,
) -> Iterator[Server]:
    """The server with each /live handler: the lean connection-level one that
    ``newsdesk serve`` uses, and the plain ASGI one other servers would run."""
    with django_db_blocker.unblock():
        url = current_database_url()
    log_path = Path(tmp_path_factory.mktemp("live")) / "serve.log"
    env = server_env(url, NEWSDESK_LIVE_HANDLER=request.param)
    server = Server(env, log_path=log_path).start()
    yield server
    server.stop()


@pytest.fixture
def stream(site: Server) -> Iterator[Callable[..., SSEClient]]:
    clients: list[SSEClient] = []

    def open_stream(path: str = "/live", **headers: str) -> SSEClient:
        client = SSEClient(site.url, path, {k.replace("_", "-"): v for k, v in headers.items()})
        clients.append(client)
        # The stream starts at the newest event when it opens: wait for the
        # opening bytes so that what the test publishes next is "new".
        deadline = time.monotonic() + 5
        while b"retry:" not in client.raw and time.monotonic() < deadline:
            time.sleep(0.01)
        return client

    yield open_stream
    for client in clients:
        client.close()


def public_ids(after: int) -> list[int]:
    return list(
        Event.objects.filter(public=True, id__gt=after).order_by("id").values_list("id", flat=True)
    )


def test_stream_headers_and_retry_hint(stream: Callable[..., SSEClient]) -> None:
    client = stream()
    assert client.response.status == 200
    assert client.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert client.response.getheader("Cache-Control") == "no-store"
    assert client.response.getheader("X-Accel-Buffering") == "no"
    assert client.raw.startswith(b"retry: 3000\n\n")


def test_a_publish_arrives_within_a_second(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    client = stream()
    draft = make_article(publish=False, headline="Dam inspection finds new cracks", tags=["Energy"])
    started = time.monotonic()
    article = actions.publish(draft)
    frame = client.next_event(timeout=5)
    assert frame.at - started < 1.0, f"took {frame.at - started:.2f}s"
    event = Event.objects.get(article=article, type="article.published")
    assert frame.id == str(event.id)
    assert frame.event == "article.published"
    data = frame.json()
    assert data["id"] == event.id and data["type"] == "article.published"
    assert data["article"]["headline"] == "Dam inspection finds new cracks"
    assert data["article"]["url"] == article.get_absolute_url()
    assert data["article"]["tags"] == [{"name": "Energy", "slug": "energy"}]


def test_only_public_events_are_streamed(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    client = stream()
    secret = make_article(publish=False, headline="Secret draft")
    actions.update(secret, lede="Still a draft")
    article = actions.publish(make_article(publish=False, headline="Public at last"))
    actions.correct(article, note="We fixed a name.")
    actions.unpublish(article)
    frames = [client.next_event() for _ in range(3)]
    assert [f.event for f in frames] == [
        "article.published",
        "article.corrected",
        "article.unpublished",
    ]
    assert frames[1].json()["article"]["correction"]["text"] == "We fixed a name."
    assert frames[2].json()["article"] == {
        "id": article.pk,
        "slug": article.slug,
        "url": article.get_absolute_url(),
    }
    assert client.events_within(0.8) == []
    assert b"Still a draft" not in client.raw and b"Secret draft" not in client.raw


def test_reconnect_gets_exactly_the_missed_events_in_order(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    client = stream()
    make_article(headline="Before the drop")
    seen = client.next_event()
    client.close()
    missed = []
    for n in range(5):
        article = make_article(headline=f"While away {n}")
        actions.update(make_article(publish=False), lede="draft noise between them")
        missed.append(Event.objects.get(article=article, type="article.published").id)
    assert seen.id is not None
    again = stream(Last_Event_ID=seen.id)
    frames = [again.next_event() for _ in range(5)]
    assert [int(f.id or 0) for f in frames] == missed
    assert [f.json()["article"]["headline"] for f in frames] == [
        f"While away {n}" for n in range(5)
    ]
    assert again.events_within(0.8) == []  # nothing twice
    # The query parameter works the same for a first connection.
    by_query = stream(f"/live?last_event_id={seen.id}")
    assert [int(by_query.next_event().id or 0) for _ in range(5)] == missed


def test_reconnect_across_a_server_restart(
    site: Server, stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    make_article(headline="Last one before the restart")
    last = Event.objects.filter(public=True).order_by("-id").first()
    assert last is not None
    site.stop()
    for n in range(5):
        make_article(headline=f"Published while the server was down {n}")
    site.start()
    client = stream(Last_Event_ID=str(last.id))
    frames = [client.next_event() for _ in range(5)]
    assert [int(f.id or 0) for f in frames] == public_ids(last.id)
    assert client.events_within(0.5) == []


def test_garbage_id_counts_as_absent(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    make_article(headline="Old news")
    client = stream(Last_Event_ID="not-a-number")
    fresh = make_article(headline="New news")
    frame = client.next_event()
    assert frame.json()["article"]["id"] == fresh.pk
    for garbage in ("-1", "1e9", "99999999999999999999999", " ", "0x10"):
        other = stream(Last_Event_ID=garbage)
        assert other.events_within(0.3) == []


def test_an_id_from_the_future_gets_a_reset(stream: Callable[..., SSEClient]) -> None:
    client = stream(Last_Event_ID="999999999")
    frame = client.next_event()
    assert frame.event == "reset"
    assert frame.json()["type"] == "reset"


def test_an_id_older_than_retention_gets_a_reset(
    site: Server, stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    make_article(headline="Long ago")
    old = Event.objects.filter(public=True).order_by("-id").first()
    assert old is not None
    make_article(headline="Also long ago")
    outbox.prune(timezone.now() + timedelta(seconds=1))  # everything so far
    make_article(headline="Recent")
    site.restart()  # a fresh process knows only what the table holds
    client = stream(Last_Event_ID=str(old.id))
    frame = client.next_event()
    assert frame.event == "reset"
    latest = Event.objects.order_by("-id").first()
    assert latest is not None and frame.id == str(latest.id)


def test_tag_filter(stream: Callable[..., SSEClient], make_article: Callable[..., Article]) -> None:
    client = stream("/live?tag=energy")
    sport = make_article(headline="Stadium reopens", tags=["Sport"])
    energy = make_article(headline="Substation repaired", tags=["Energy", "Grid"])
    actions.unpublish(sport)  # carries no tags: every stream must hear it
    frames = [client.next_event(), client.next_event()]
    assert [(f.event, f.json()["article"]["id"]) for f in frames] == [
        ("article.published", energy.pk),
        ("article.unpublished", sport.pk),
    ]


def test_coverage_filter(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    """A coverage's stream gets its own updates and events, not another's."""
    talks = actions.open_coverage(title="Ceasefire talks, day 3")
    alerts = actions.open_coverage(title="Air raid alerts")
    client = stream(f"/live?coverage={talks.slug}")
    make_article(headline="Sirens in the east", coverages=[alerts])
    make_article(headline="Nothing to do with either")
    inside = make_article(headline="Delegations arrive", coverages=[talks, alerts])
    actions.update_coverage(alerts, key_points="- Sirens in four regions")
    actions.update_coverage(talks, key_points="- Delegations met at nine")
    actions.end_coverage(talks)
    frames = [client.next_event() for _ in range(3)]
    assert [f.event for f in frames] == [
        "article.published",
        "coverage.updated",
        "coverage.ended",
    ]
    assert frames[0].json()["article"]["id"] == inside.pk
    assert frames[1].json()["coverage"]["key_points_html"] == (
        "<ul>\n<li>Delegations met at nine</li>\n</ul>"
    )
    assert client.events_within(0.5) == []
    assert b"Sirens" not in client.raw and b"Nothing to do" not in client.raw


def test_a_rolled_back_publish_emits_nothing(
    stream: Callable[..., SSEClient], make_article: Callable[..., Article]
) -> None:
    client = stream()
    draft = make_article(publish=False, headline="Never happened")
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.publish(draft)
        raise RuntimeError("the desk's save failed after publish")
    real = make_article(headline="This one happened")
    frame = client.next_event()
    assert frame.json()["article"]["id"] == real.pk
    assert b"Never happened" not in client.raw


def test_other_methods_are_refused(site: Server) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=5)
    conn.request("POST", "/live", body=b"x")
    response = conn.getresponse()
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD"
    conn.close()


@pytest.mark.parametrize("handler", ["connection", "asgi"])
def test_idle_streams_get_heartbeats(handler: str, tmp_path: Path) -> None:
    env = server_env(
        current_database_url(),
        NEWSDESK_LIVE_HANDLER=handler,
        NEWSDESK_LIVE_HEARTBEAT_SECONDS="0.3",
    )
    server = Server(env, log_path=tmp_path / "serve.log").start()
    try:
        client = SSEClient(server.url)
        deadline = time.monotonic() + 5
        while client.raw.count(b": keep-alive\n\n") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.raw.count(b": keep-alive\n\n") >= 2
        assert client.raw.startswith(b"retry: 3000\n\n")
        client.close()
    finally:
        server.stop()
