"""A publish through the API reaches readers exactly as a publish from the desk
does: on the News Feed, in the feeds and on the live stream. Against the real
server (``newsdesk serve``) with real sockets."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import feedparser
import pytest
from django.contrib.auth.models import User

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken
from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Event, Revision
from newsdesk.news.roles import ensure_roles
from tests.live.support import Server, SSEClient

pytestmark = pytest.mark.django_db(transaction=True)


def request(site: Server, method: str, path: str, secret: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        site.url + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as answer:
        return json.loads(answer.read())


def fetch(site: Server, path: str) -> str:
    with urllib.request.urlopen(site.url + path, timeout=10) as answer:
        return str(answer.read().decode())


@pytest.fixture
def stream(site: Server) -> Iterator[SSEClient]:
    client = SSEClient(site.url)
    deadline = time.monotonic() + 5
    while b"retry:" not in client.raw and time.monotonic() < deadline:
        time.sleep(0.01)
    yield client
    client.close()


def shape(value: Any) -> Any:
    """The structure of a JSON value with its leaves' types, not their values."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [shape(v) for v in value[:1]]
    return type(value).__name__


def until(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.1)


def test_an_api_publish_is_a_desk_publish(site: Server, stream: SSEClient, author: Author) -> None:
    ensure_roles()
    editor = User.objects.create_user("edith", password="not-used-in-tests-1", is_superuser=True)
    _token, secret = tokens.create(ApiToken.Kind.ADMIN, user=editor)

    # From the desk: the actions called directly.
    desk = actions.create_draft(
        headline="Desk: bridge reopens to traffic",
        lede="The bridge reopened at noon.",
        tags=["Transport"],
        authors=[author],
        user=editor,
    )
    desk = actions.publish(desk, user=editor)
    desk_frame = stream.next_event(timeout=10)

    # Through the API, over HTTP, on the real server.
    draft = request(
        site,
        "POST",
        "/api/admin/articles",
        secret,
        {
            "headline": "API: ferries resume after the storm",
            "lede": "The first boat left at six.",
            "tags": ["Transport"],
            "authors": [author.slug],
        },
    )
    published = request(site, "POST", f"/api/admin/articles/{draft['id']}/publish", secret, {})
    assert published["status"] == "published"
    api_frame = stream.next_event(timeout=10)
    via_api = Article.objects.get(pk=draft["id"])

    # The live stream: the same event type and the same payload, field for field.
    assert (desk_frame.event, api_frame.event) == ("article.published", "article.published")
    api_event = Event.objects.get(article=via_api, type="article.published")
    assert api_frame.id == str(api_event.id)
    assert api_frame.json()["article"]["id"] == via_api.pk
    assert api_frame.json()["article"]["headline"] == "API: ferries resume after the storm"
    assert shape(api_frame.json()) == shape(desk_frame.json())
    assert set(api_frame.json()) == set(desk_frame.json())

    # The records behind it: revisions and outbox rows of the same kinds, by the same user.
    for article in (desk, via_api):
        assert list(
            Revision.objects.filter(article=article)
            .order_by("number")
            .values_list("action", "created_by")
        ) == [("create", editor.pk), ("publish", editor.pk)]
        assert list(
            Event.objects.filter(article=article).order_by("id").values_list("type", "public")
        ) == [("article.draft_created", False), ("article.published", True)]

    # The News Feed: both cards, newest first.
    def on_the_feed() -> bool:
        page = fetch(site, "/")
        return "API: ferries resume after the storm" in page and "Desk: bridge" in page

    until(on_the_feed)
    page = fetch(site, "/")
    assert page.index("API: ferries resume") < page.index("Desk: bridge reopens")
    assert f'href="/news/{via_api.slug}/"' in page

    # The feeds: the same entry shape in RSS, Atom and JSON Feed.
    for path in ("/rss.xml", "/atom.xml", "/tag/transport/atom.xml"):
        parsed = feedparser.parse(fetch(site, path))
        assert parsed.bozo == 0, path
        titles = [e.title for e in parsed.entries]
        assert titles[:2] == [
            "API: ferries resume after the storm",
            "Desk: bridge reopens to traffic",
        ], path
        assert sorted(parsed.entries[0].keys()) == sorted(parsed.entries[1].keys()), path
    items = json.loads(fetch(site, "/feed.json"))["items"]
    assert [i["title"] for i in items[:2]] == [
        "API: ferries resume after the storm",
        "Desk: bridge reopens to traffic",
    ]
    assert shape(items[0]) == shape(items[1])

    # And the Content API serves it like any other article.
    listed = json.loads(fetch(site, "/api/content/articles?tag=transport"))
    assert [i["id"] for i in listed["items"]] == [via_api.pk, desk.pk]
