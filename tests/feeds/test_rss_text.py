"""RSS readers take ``<description>`` as HTML: a lede and a channel
description reach them as the text the desk wrote, never as markup, as in
Atom and JSON Feed. An update with a lede and no body still carries content."""

from __future__ import annotations

import json
from collections.abc import Callable

import feedparser
import lxml.html
import pytest
from django.test import Client
from lxml import etree

from newsdesk.news.models import Article, Tag

pytestmark = pytest.mark.django_db

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
LEDE = "<img src=x onerror=\"alert('lede')\"> Fish & chips <b>at 5</b> “cheap” again"
TAG = "R&D <lab>"


def as_html(fragment: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(fragment, create_parent="div")


def assert_text_in_html(fragment: str | None, text: str) -> None:
    """``fragment``, read as HTML, is exactly ``text``, with no element in it."""
    assert fragment is not None
    html = as_html(fragment)
    assert [child.tag for child in html] == []
    assert html.text_content() == text


def assert_paragraph(fragment: str | None, text: str) -> None:
    """``fragment``, read as HTML, is one paragraph of exactly ``text``."""
    assert fragment is not None
    html = as_html(fragment)
    assert [child.tag for child in html.iter()] == ["div", "p"]
    assert html.text_content() == text


def rss(client: Client, path: str) -> tuple[etree._Element, feedparser.FeedParserDict]:
    response = client.get(path)
    assert response.status_code == 200
    result = feedparser.parse(response.content)
    assert result.bozo == 0, result.get("bozo_exception")
    return etree.fromstring(response.content), result


def test_a_lede_with_markup_reaches_rss_readers_as_text(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(lede=LEDE, tags=[TAG])
    path = Tag.objects.get(name=TAG).get_absolute_url() + "rss.xml"
    tree, parsed = rss(client, path)

    assert_text_in_html(tree.findtext("channel/item/description"), LEDE)
    assert_text_in_html(parsed.entries[0].summary, LEDE)
    channel = f"Updates tagged “{TAG}” from Newsdesk."
    assert_text_in_html(tree.findtext("channel/description"), channel)
    assert_text_in_html(parsed.feed.subtitle, channel)

    # What Atom and JSON Feed already said: the same text, typed as text.
    atom = feedparser.parse(client.get(path.replace("rss.xml", "atom.xml")).content)
    assert atom.entries[0].summary == LEDE and atom.feed.subtitle == channel
    feed = json.loads(client.get(path.replace("rss.xml", "feed.json")).content)
    assert feed["items"][0]["summary"] == LEDE and feed["description"] == channel


def test_an_update_with_only_a_lede_carries_it_as_content(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(lede=LEDE, body="")
    tree, parsed = rss(client, "/rss.xml")
    item = tree.find("channel/item")
    assert item is not None
    assert_paragraph(item.findtext(CONTENT), LEDE)
    assert_paragraph(parsed.entries[0].content[0].value, LEDE)

    atom = etree.fromstring(client.get("/atom.xml").content)
    assert_paragraph(atom.findtext(f"{ATOM}entry/{ATOM}content"), LEDE)
    feed = json.loads(client.get("/feed.json").content)
    assert_paragraph(feed["items"][0]["content_html"], LEDE)
