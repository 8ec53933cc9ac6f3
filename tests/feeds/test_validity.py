"""Atom feeds validate against RFC 4287's schema; JSON Feeds against JSON Feed 1.1.

And no content the desk can write (or that could reach a feed any other way)
makes a feed malformed: ``]]>``, control characters, lone surrogates, emoji,
right-to-left text, 1 MB of text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import feedparser
import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from lxml import etree

from newsdesk.feeds import atom, jsonfeed, rss
from newsdesk.feeds.entries import Category, Channel, CorrectionNote, Entry, Person, Source
from newsdesk.news import actions
from newsdesk.news.models import Article, Author

from .conftest import assert_valid_atom, assert_valid_jsonfeed

PREFIXES = ("/", "/tag/transport/", "/author/mira-castell/")
HOSTILE = (
    "]]> <![CDATA[ x ]]> \x00\x07\x1b\x7f bell; \u202eRTL override\u202c "
    "שלום עולם مرحبا 🛳️🇺🇦 &amp; <b>"
)


def test_every_atom_feed_is_valid(
    client: Client,
    make_article: Callable[..., Article],
    author: Author,
    atom_schema: etree.RelaxNG,
    settings: Any,
) -> None:
    settings.NEWSDESK_WEBSUB_HUB = "https://hub.example.org/"
    settings.NEWSDESK_FEED_SIZE = 2
    story = make_article(
        tags=["Transport"],
        sources=[actions.SourceInput("the Harbour Gazette", "https://harbour.example/a")],
    )
    actions.correct(story, note="An earlier version gave the wrong pier.")
    make_article(tags=["Transport"], authors=[])  # no byline: the feed's author covers it
    make_article(tags=["Transport"], lede="")
    for prefix in PREFIXES:
        response = client.get(prefix + "atom.xml")
        assert response.status_code == 200
        assert_valid_atom(atom_schema, response.content)
    empty = Author.objects.create(name="Nobody Yet", slug="nobody-yet")
    assert_valid_atom(atom_schema, client.get(f"/author/{empty.slug}/atom.xml").content)


def test_every_json_feed_is_valid(
    client: Client,
    make_article: Callable[..., Article],
    jsonfeed_schema: Draft202012Validator,
    settings: Any,
) -> None:
    settings.NEWSDESK_WEBSUB_HUB = "https://hub.example.org/"
    settings.NEWSDESK_FEED_SIZE = 2
    story = make_article(tags=["Transport"], sources=[actions.SourceInput("Coast Radio")])
    actions.correct(story, note="Corrected the time of the crossing.")
    make_article(tags=["Transport"], authors=[], lede="")
    make_article(tags=["Transport"])
    for prefix in PREFIXES:
        feed = assert_valid_jsonfeed(jsonfeed_schema, client.get(prefix + "feed.json").content)
        assert feed["items"]


def test_the_schemas_do_refuse_invalid_feeds(
    atom_schema: etree.RelaxNG, jsonfeed_schema: Draft202012Validator
) -> None:
    """The validators above could not pass a broken feed."""
    no_id = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2026-01-01T00:00:00Z</updated></feed>'
    with pytest.raises(AssertionError, match="not valid"):
        assert_valid_atom(atom_schema, no_id)
    bad_date = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "t",
            "items": [{"id": "1", "content_html": "x", "date_published": "yesterday"}],
        }
    ).encode()
    with pytest.raises(AssertionError):
        assert_valid_jsonfeed(jsonfeed_schema, bad_date)


@pytest.mark.django_db
def test_hostile_text_through_the_desk_keeps_every_feed_well_formed(
    client: Client,
    make_article: Callable[..., Article],
    atom_schema: etree.RelaxNG,
    jsonfeed_schema: Draft202012Validator,
) -> None:
    headline = "Pier ]]> closes \x1b 🛳️ — הנמל נסגר"
    body = (HOSTILE + "\n\n") * 800 + "x" * 40_000  # near the desk's 100,000-character limit
    story = make_article(
        headline=headline,
        lede="Lede with ]]> and \u202bمرحبا\u202c and 🇺🇦",
        body=body,
        tags=["Transport", "Pier ]]> 🛳️"],
        # An address with a raw ">" is refused at input; "]]" and "&" still reach the feeds.
        sources=[
            actions.SourceInput("Outlet ]]> \u05e9", "https://outlet.example/?a=1&b=]]&c=%3E")
        ],
    )
    actions.correct(story, note="Note with ]]> and \x07 and 🛳️.")
    story.refresh_from_db()
    for prefix in PREFIXES:
        for name in ("rss.xml", "atom.xml"):
            content = client.get(prefix + name).content
            result = feedparser.parse(content)
            assert result.bozo == 0, (prefix + name, result.get("bozo_exception"))
            assert result.entries[0].title == story.headline
            etree.fromstring(content)  # strict: any malformation raises
        assert_valid_atom(atom_schema, client.get(prefix + "atom.xml").content)
        feed = assert_valid_jsonfeed(jsonfeed_schema, client.get(prefix + "feed.json").content)
        assert feed["items"][0]["title"] == story.headline
    assert story.headline == "Pier ]]> closes 🛳️ — הנמל נסגר"  # the desk dropped the ESC


def _entry(body: str, text: str) -> Entry:
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    return Entry(
        id="tag:news.example.org,2026-03-01:article:1",
        url="https://news.example.org/news/x/",
        title=text,
        summary=text,
        content_html=body,
        published=when,
        updated=when,
        language="he",
        breaking=True,
        authors=(Person(text, "https://news.example.org/author/a/"),),
        tags=(Category(text, "t", "https://news.example.org/tag/t/"),),
        sources=(Source(text, "https://outlet.example/?q=]]>", "via"),),
        corrections=(CorrectionNote(when, text),),
    )


def test_a_megabyte_of_hostile_text_in_every_format(
    atom_schema: etree.RelaxNG, jsonfeed_schema: Draft202012Validator
) -> None:
    """Content that cannot come through the desk (lone surrogates, U+FFFE, a
    1 MB body) still cannot break a feed: the writers clean what XML 1.0 and
    UTF-8 cannot carry, whatever its origin."""
    text = "A ]]> B \x00\x0b\x1f \ud800 lone \udfff \ufffe\uffff 🛳️ \u202eשלום\u202c"
    body = (HOSTILE + "\ud83d" + "<p>para ]]></p>\n") * (1_048_576 // len(HOSTILE))
    assert len(body) > 1_000_000
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    channel = Channel(
        id="https://news.example.org/",
        title=text,
        description=text,
        home_url="https://news.example.org/",
        self_url="https://news.example.org/atom.xml",
        next_url=None,
        hub=None,
        language="en",
        updated=when,
        publisher=Person(text, "https://news.example.org/"),
        icon="https://news.example.org/static/feeds/icon.png",
    )
    entries = [_entry(body, text)]
    expected = "A ]]> B   lone   🛳️ \u202eשלום\u202c"
    for render in (rss.render, atom.render):
        document = render(channel, entries)
        result = feedparser.parse(document)
        assert result.bozo == 0, result.get("bozo_exception")
        assert result.entries[0].title == expected
        tree = etree.fromstring(document, etree.XMLParser(huge_tree=True))
        assert tree is not None
    assert_valid_atom(atom_schema, atom.render(channel, entries))
    feed = assert_valid_jsonfeed(jsonfeed_schema, jsonfeed.render(channel, entries))
    item = feed["items"][0]
    assert item["title"] == expected
    assert len(item["content_html"]) > 1_000_000
    assert "\ud800" not in item["content_html"] and "\x00" not in item["content_html"]
