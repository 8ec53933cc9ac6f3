"""RSS, Atom and JSON Feed for the site, a tag and an author: what each says."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import etree

from newsdesk.feeds.entries import w3c_date
from newsdesk.news import actions
from newsdesk.news.models import Article, Author

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
FILES = ("rss.xml", "atom.xml", "feed.json")
# feedparser 6.0.14 (the newest release) reads RSS and Atom but not JSON Feed;
# JSON Feeds are checked against the JSON Feed 1.1 schema in test_validity.py.
XML_FILES = ("rss.xml", "atom.xml")


@pytest.fixture
def story(make_article: Callable[..., Article], author: Author) -> Article:
    second = Author.objects.create(name="Teo Varga", slug="teo-varga")
    return make_article(
        headline="Ferry service resumes across the strait",
        lede="The first crossing left at seven.",
        body="Passengers **cheered** as the ferry left.",
        tags=["Transport", "Strait"],
        authors=[author, second],
        sources=[
            actions.SourceInput("the Harbour Gazette", "https://harbour.example/ferry"),
            actions.SourceInput("Coast Radio", "", "according to"),
        ],
    )


def get(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def parsed(client: Client, path: str) -> Any:
    result = feedparser.parse(get(client, path).content)
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    return result


PREFIXES = ("/", "/tag/transport/", "/author/mira-castell/")


def links(client: Client, path: str) -> list[str]:
    """The item links of any feed: feedparser for XML, the JSON itself for JSON Feed."""
    if path.endswith(".json"):
        return [item["url"] for item in json.loads(get(client, path).content)["items"]]
    return [e.link for e in parsed(client, path).entries]


def test_every_feed_parses_cleanly_and_lists_the_story(client: Client, story: Article) -> None:
    for path in [p + f for p in PREFIXES for f in XML_FILES]:
        result = parsed(client, path)
        assert [e.link for e in result.entries] == [f"{SITE}{story.get_absolute_url()}"], path
        assert result.entries[0].title == story.headline
    for path in [p + "feed.json" for p in PREFIXES]:
        items = json.loads(get(client, path).content)["items"]
        assert [(i["url"], i["title"]) for i in items] == [
            (f"{SITE}{story.get_absolute_url()}", story.headline)
        ]


def test_media_types(client: Client, story: Article) -> None:
    assert get(client, "/rss.xml")["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert get(client, "/atom.xml")["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert get(client, "/feed.json")["Content-Type"] == "application/feed+json; charset=utf-8"


def test_rss_elements(client: Client, story: Article) -> None:
    root = etree.fromstring(get(client, "/tag/transport/rss.xml").content)
    channel = root.find("channel")
    assert channel is not None
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link is not None
    assert self_link.get("href") == f"{SITE}/tag/transport/rss.xml"
    assert self_link.get("type") == "application/rss+xml"
    assert channel.findtext("title") == "Newsdesk: Transport"
    assert channel.findtext("link") == f"{SITE}/tag/transport/"
    item = channel.find("item")
    assert item is not None
    assert [c.text for c in item.findall("dc:creator", NS)] == ["Mira Castell", "Teo Varga"]
    encoded = item.findtext("content:encoded", namespaces=NS)
    assert encoded is not None and "<strong>cheered</strong>" in encoded
    assert "the Harbour Gazette" in encoded and "Coast Radio" in encoded
    source = item.find("source")
    assert source is not None
    assert (source.get("url"), source.text) == (
        "https://harbour.example/ferry",
        "the Harbour Gazette",
    )
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:127.0.0.1,{story.created_at:%Y-%m-%d}:article:{story.pk}"
    assert item.findtext("description") == story.lede
    assert [c.text for c in item.findall("category")] == ["Strait", "Transport"]


def test_atom_elements(client: Client, story: Article) -> None:
    root = etree.fromstring(get(client, "/author/mira-castell/atom.xml").content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.findtext("atom:id", namespaces=NS) == f"{SITE}/author/mira-castell/"
    entry = root.find("atom:entry", NS)
    assert entry is not None
    assert [a.findtext("atom:name", namespaces=NS) for a in entry.findall("atom:author", NS)] == [
        "Mira Castell",
        "Teo Varga",
    ]
    via = entry.find("atom:link[@rel='via']", NS)
    assert via is not None and via.get("href") == "https://harbour.example/ferry"
    content = entry.find("atom:content", NS)
    assert content is not None and content.get("type") == "html"
    assert entry.findtext("atom:summary", namespaces=NS) == story.lede


def test_json_feed_fields_and_extension(client: Client, story: Article) -> None:
    actions.correct(story, note="The first crossing left at seven, not six.")
    feed = json.loads(get(client, "/feed.json").content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == f"{SITE}/feed.json"
    assert feed["home_page_url"] == f"{SITE}/"
    assert feed["language"] == "en"
    assert feed["authors"] == [{"name": "Newsdesk", "url": f"{SITE}/"}]
    assert "next_url" not in feed and "hubs" not in feed
    [item] = feed["items"]
    assert item["authors"] == [
        {"name": "Mira Castell", "url": f"{SITE}/author/mira-castell/"},
        {"name": "Teo Varga", "url": f"{SITE}/author/teo-varga/"},
    ]
    assert item["tags"] == ["Strait", "Transport"]
    assert item["language"] == "en"
    extension = item["_newsdesk"]
    assert extension["sources"] == [
        {
            "outlet": "the Harbour Gazette",
            "url": "https://harbour.example/ferry",
            "quote_style": "as quoted by",
        },
        {"outlet": "Coast Radio", "url": None, "quote_style": "according to"},
    ]
    [correction] = extension["corrections"]
    assert correction["text"] == "The first crossing left at seven, not six."
    assert extension["breaking"] is False


def test_ids_survive_edits_and_updated_moves(client: Client, story: Article) -> None:
    before = parsed(client, "/atom.xml").entries[0]
    before_json = json.loads(get(client, "/feed.json").content)["items"][0]
    actions.update(story, headline="Ferry service resumes across the strait at dawn")
    after_update = parsed(client, "/atom.xml").entries[0]
    assert after_update.id == before.id
    assert after_update.title == "Ferry service resumes across the strait at dawn"
    story.refresh_from_db()
    assert story.updated_at is not None
    assert after_update.updated == w3c_date(story.updated_at) != before.updated
    actions.correct(story, note="The crossing takes forty minutes.")
    after_correction = json.loads(get(client, "/feed.json").content)["items"][0]
    assert after_correction["id"] == before_json["id"]
    story.refresh_from_db()
    assert story.updated_at is not None
    assert after_correction["date_modified"] == w3c_date(story.updated_at)
    assert after_correction["date_modified"] > after_update.updated
    assert after_correction["date_published"] == before_json["date_published"]
    rss = parsed(client, "/rss.xml").entries[0]
    assert rss.id == before.id


def test_unpublished_items_leave_every_feed(
    client: Client, story: Article, make_article: Callable[..., Article]
) -> None:
    other = make_article(tags=["Transport"])
    actions.unpublish(story)
    for path in [p + f for p in PREFIXES for f in FILES]:
        assert f"{SITE}{story.get_absolute_url()}" not in links(client, path), path
    for path in ("/tag/transport/atom.xml", "/tag/transport/feed.json", "/rss.xml"):
        assert links(client, path) == [f"{SITE}{other.get_absolute_url()}"], path


def test_drafts_never_appear(client: Client, make_article: Callable[..., Article]) -> None:
    make_article(publish=False, headline="A draft nobody may read yet")
    for path in ("/rss.xml", "/atom.xml", "/feed.json"):
        assert b"A draft nobody may read yet" not in get(client, path).content


def test_paging_with_next_url(
    client: Client, published: Callable[..., list[Article]], settings: Any
) -> None:
    settings.NEWSDESK_FEED_SIZE = 3
    articles = published(7)[::-1]
    seen: list[str] = []
    url: str | None = f"{SITE}/feed.json"
    while url:
        feed = json.loads(get(client, url.removeprefix(SITE)).content)
        seen += [item["url"] for item in feed["items"]]
        url = feed.get("next_url")
    assert seen == [f"{SITE}{a.get_absolute_url()}" for a in articles]
    atom = etree.fromstring(get(client, "/atom.xml").content)
    next_link = atom.find("atom:link[@rel='next']", NS)
    assert next_link is not None and next_link.get("href", "").startswith(
        f"{SITE}/atom.xml?before="
    )
    assert client.get("/feed.json?before=nonsense").status_code == 400


def test_unknown_tag_or_author_is_404(client: Client) -> None:
    assert client.get("/tag/nothing-here/rss.xml").status_code == 404
    assert client.get("/author/nobody/feed.json").status_code == 404


def test_feed_queries_are_constant(client: Client, published: Callable[..., list[Article]]) -> None:
    published(2, tags=["Energy"])
    get(client, "/rss.xml")  # the site settings are read once per edit generation
    with CaptureQueriesContext(connection) as few:
        get(client, "/rss.xml")
    published(12, tags=["Energy", "Grid"], sources=[actions.SourceInput("Coast Radio")])
    get(client, "/rss.xml")
    with CaptureQueriesContext(connection) as many:
        get(client, "/rss.xml")
    # validators, the articles, then bylines, tags, sources, corrections
    assert len(few) == len(many) == 6


def test_hub_is_advertised_in_documents_and_headers(
    client: Client, story: Article, settings: Any
) -> None:
    settings.NEWSDESK_WEBSUB_HUB = "https://hub.example.org/"
    for path in ("/rss.xml", "/tag/transport/atom.xml", "/author/mira-castell/feed.json"):
        response = get(client, path)
        assert response["Link"] == (
            f'<https://hub.example.org/>; rel="hub", <{SITE}{path}>; rel="self"'
        )
    rss = etree.fromstring(get(client, "/rss.xml").content)
    assert rss.find("channel/atom:link[@rel='hub']", NS).get("href") == "https://hub.example.org/"
    atom = etree.fromstring(get(client, "/atom.xml").content)
    assert atom.find("atom:link[@rel='hub']", NS).get("href") == "https://hub.example.org/"
    feed = json.loads(get(client, "/feed.json").content)
    assert feed["hubs"] == [{"type": "WebSub", "url": "https://hub.example.org/"}]


def test_no_hub_no_hub_link(client: Client, story: Article) -> None:
    response = get(client, "/rss.xml")
    assert response["Link"] == f'<{SITE}/rss.xml>; rel="self"'
    assert b'rel="hub"' not in response.content
