"""Embedded posts' preview text: fetched by the worker through the wire's safe
fetcher from a provider (here a scripted one on 127.0.0.1), kept as plain
text, shown on the card; a hostile answer never becomes markup anywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import feedparser
import httpx
import pytest
from django.test import Client

from newsdesk.cache import deps
from newsdesk.cache.store import PAGES, make_entry
from newsdesk.news import embeds
from newsdesk.news.models import Article, EmbedPreview
from newsdesk.wire import fetch, previews
from tests.helpers import Clock, find_all, parse, text_of
from tests.wire.conftest import Canary, FeedServer, Reply

pytestmark = pytest.mark.django_db

TELEGRAM = "https://t.me/kyiv_desk/4512"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
BODY = f"The desk's first report.\n\n{TELEGRAM}\n\nThe video:\n\n{YOUTUBE}\n"

OEMBED = {
    "type": "video",
    "title": "<script>alert(1)</script>Sirens over <b>Kyiv</b> &amp; Lviv",
    "author_name": "Kyiv <img src=x onerror=alert(1)> Desk",
    "html": '<iframe src="https://evil.example/"></iframe><script src="https://platform.twitter.com/widgets.js"></script>',
}
PAGE = (
    b'<!doctype html><html><head><meta property="og:title" content="Kyiv Desk">'
    b'<meta property="og:description" content="Air raid alert &lt;script&gt;x()&lt;/script&gt; '
    b'in the capital\xe2\x80\xa8 until 04:00"><script>evil()</script></head><body></body></html>'
)
MARKUP = ("<script", "<iframe", "onerror", "<img src=x", "evil.example", "widgets.js", "<b>")


@pytest.fixture
def provider(server: FeedServer) -> FeedServer:
    server.routes["/oembed"] = Reply(
        200, json.dumps(OEMBED).encode(), {"Content-Type": "application/json"}
    )
    server.routes["/page"] = Reply(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})
    return server


def on(server: FeedServer) -> previews.Endpoint:
    """The providers' endpoints, answered by the scripted server."""

    def where(embed: embeds.Embed) -> tuple[str, str]:
        if embed.provider == "telegram":
            return server.url("/page"), "page"
        return server.url("/oembed?url=" + quote(embed.url, safe="")), "oembed"

    return where


@pytest.fixture
def embedding(make_article: Callable[..., Article]) -> Article:
    return make_article(body=BODY)


def test_the_action_notes_the_posts_and_the_worker_fetches_them_as_plain_text(
    embedding: Article, provider: FeedServer, client: httpx.Client, clock: Clock
) -> None:
    pending = EmbedPreview.objects.order_by("url").values_list("url", "provider", "status")
    assert list(pending) == [
        (TELEGRAM, "telegram", "pending"),
        (YOUTUBE, "youtube", "pending"),
    ]
    assert previews.fill_due(client=client, clock=lambda: clock.now, where=on(provider)) == 2
    assert provider.hits("/oembed")[0].path == "/oembed?url=" + quote(YOUTUBE, safe="")
    kept = {p.url: (p.text, p.author, p.status) for p in EmbedPreview.objects.all()}
    assert kept == {
        YOUTUBE: ("alert(1)Sirens over Kyiv & Lviv", "Kyiv Desk", "fetched"),
        TELEGRAM: ("Air raid alert x() in the capital until 04:00", "Kyiv Desk", "fetched"),
    }
    # Nothing left to do: the next pass asks nobody.
    assert previews.fill_due(client=client, clock=lambda: clock.now, where=on(provider)) == 0
    assert len(provider.seen) == 2


def test_the_page_shows_the_cards_with_text_only_and_frames_only_those_providers(
    embedding: Article,
    make_article: Callable[..., Article],
    provider: FeedServer,
    client: httpx.Client,
    clock: Clock,
) -> None:
    # The pages cached before the text came are dropped when it comes; others stay.
    other = make_article(body="No posts here.")
    headers = [(b"content-type", b"text/html; charset=utf-8")]
    for page in (embedding, other):
        entry = make_entry(200, headers, b"old", frozenset({deps.article(page.pk)}))
        PAGES.put(page.get_absolute_url(), entry, PAGES.token())
    previews.fill_due(client=client, clock=lambda: clock.now, where=on(provider))
    assert PAGES.get(embedding.get_absolute_url()) is None
    assert PAGES.get(other.get_absolute_url()) is not None
    PAGES.clear()
    response = Client().get(embedding.get_absolute_url())
    html = response.content.decode()
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith("; frame-src https://t.me https://www.youtube-nocookie.com")
    assert "script-src 'self'" in policy
    body = find_all(parse(html), "div", class_="story-body")[0]
    cards = find_all(body, "aside", class_="embed")
    assert [text_of(find_all(c, "p", class_="embed-provider")[0]) for c in cards] == [
        "Telegram",
        "YouTube",
    ]
    assert text_of(find_all(cards[1], "blockquote")[0]) == (
        "alert(1)Sirens over Kyiv & Lviv— Kyiv Desk"
    )
    assert [b.attrs["data-embed-frame"] for b in find_all(body, "button")] == [
        "https://t.me/kyiv_desk/4512?embed=1",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ]
    assert find_all(body, "iframe") == [] and find_all(body, "script") == []
    assert find_all(body, "img") == []
    raw = html.split('<div class="story-body">')[1].split("</div>")[0]
    for piece in MARKUP:  # the provider's markup is nowhere, not even escaped
        assert piece not in raw
    assert "evil.example" not in html and "widgets.js" not in html


def test_feeds_and_the_api_carry_the_link_and_the_text_never_markup(
    embedding: Article, provider: FeedServer, client: httpx.Client, clock: Clock
) -> None:
    previews.fill_due(client=client, clock=lambda: clock.now, where=on(provider))
    web = Client()
    rss = feedparser.parse(web.get("/rss.xml").content)
    assert rss.bozo == 0
    content = rss.entries[0].content[0].value
    api = web.get(f"/api/content/articles/{embedding.pk}").json()["body_html"]
    jsonfeed = web.get("/feed.json").json()["items"][0]["content_html"]
    for shown in (content, api, jsonfeed):
        tree = parse(shown)
        assert [a.attrs["href"] for a in find_all(tree, "a")] == [TELEGRAM, YOUTUBE]
        assert "Air raid alert x() in the capital until 04:00" in text_of(tree)
        assert find_all(tree, "button") == [] and "data-embed-frame" not in shown
        assert find_all(tree, "script") == [] and find_all(tree, "iframe") == []
        assert find_all(tree, "img") == [] and "evil.example" not in shown


def test_a_provider_that_fails_is_retried_then_left_and_the_card_shows_without_text(
    embedding: Article, server: FeedServer, client: httpx.Client, clock: Clock
) -> None:
    server.routes["/oembed"] = Reply(500, b"down")
    server.routes["/page"] = Reply(404, b"gone")

    def run() -> int:
        return previews.fill_due(client=client, clock=lambda: clock.now, where=on(server))

    assert run() == 0
    assert set(EmbedPreview.objects.values_list("status", "attempts")) == {("pending", 1)}
    assert run() == 0 and len(server.seen) == 2  # not due again yet
    for _ in range(2):
        clock.advance(hours=1)
        run()
    assert set(EmbedPreview.objects.values_list("status", "attempts")) == {("failed", 3)}
    clock.advance(hours=24)
    assert run() == 0 and len(server.seen) == 6
    html = Client().get(embedding.get_absolute_url()).content
    cards = find_all(parse(html), "aside", class_="embed")
    assert len(cards) == 2 and all(find_all(c, "blockquote") == [] for c in cards)


def test_the_real_endpoints_go_through_the_ssrf_guard(
    embedding: Article, canary: Canary, settings: Any, clock: Clock
) -> None:
    """A provider's name resolving to a loopback address is refused before any
    connection (the guard of the wire's fetcher), and counts as a failure."""
    settings.NEWSDESK_FETCH_ALLOW = []
    assert previews.endpoint(embeds.recognise(YOUTUBE)) == (  # type: ignore[arg-type]
        "https://www.youtube.com/oembed?format=json&url=" + quote(YOUTUBE, safe=""),
        "oembed",
    )
    assert previews.endpoint(embeds.recognise(TELEGRAM)) == (TELEGRAM, "page")  # type: ignore[arg-type]

    def loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    with fetch.make_client(resolve=loopback) as guarded:
        assert previews.fill_due(client=guarded, clock=lambda: clock.now) == 0
    assert canary.connections == 0
    assert set(EmbedPreview.objects.values_list("status", "attempts")) == {("pending", 1)}


def test_a_page_without_embeds_allows_no_frames(make_article: Callable[..., Article]) -> None:
    article = make_article(body="https://t.me.evil.example/kyiv_desk/1")
    response = Client().get(article.get_absolute_url())
    assert response.headers["Content-Security-Policy"].endswith("; frame-src 'none'")
    assert Client().get("/").headers["Content-Security-Policy"].endswith("; frame-src 'none'")


def test_previews_can_be_switched_off(
    embedding: Article, provider: FeedServer, client: httpx.Client, settings: Any, clock: Clock
) -> None:
    settings.NEWSDESK_EMBED_PREVIEWS = False
    assert previews.fill_due(client=client, clock=lambda: clock.now, where=on(provider)) == 0
    assert provider.seen == []
    assert set(EmbedPreview.objects.values_list("status", flat=True)) == {"pending"}
