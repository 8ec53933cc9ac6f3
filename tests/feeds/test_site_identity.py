"""The site settings in the feeds: the description as the site feed's channel
description (RSS), subtitle (Atom) and description (JSON Feed), and the desk's
author named on updates without a byline."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import feedparser
import pytest
from django.test import Client

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.site.actions import update_settings

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
DESCRIPTION = "News from the harbour & the coast, as it happens."


def parsed(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    result = feedparser.parse(response.content)
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    return result


def json_feed(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    return json.loads(response.content)


def test_the_description_describes_the_site_feeds(client: Client) -> None:
    assert parsed(client, "/rss.xml").feed.subtitle == "The latest updates from Newsdesk."
    update_settings(description=DESCRIPTION)
    rss = parsed(client, "/rss.xml").feed
    # RSS descriptions are HTML to readers: the text, escaped once.
    assert rss.subtitle_detail.type == "text/html"
    assert rss.subtitle == DESCRIPTION.replace("&", "&amp;")
    assert parsed(client, "/atom.xml").feed.subtitle == DESCRIPTION
    assert json_feed(client, "/feed.json")["description"] == DESCRIPTION


def test_updates_without_a_byline_name_the_desks_author(
    client: Client, author: Author, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Roads closed for the regatta", authors=[], tags=["Roads"])
    make_article(headline="Regatta results")
    # No default author: the unsigned update names no one.
    rss = parsed(client, "/rss.xml")
    assert [e.get("author") for e in rss.entries] == ["Mira Castell", None]

    desk = actions.create_author(name="The Harbour Desk", slug="harbour-desk")
    update_settings(default_author=desk)
    desk_url = f"{SITE}/author/harbour-desk/"
    for path in ("/rss.xml", "/atom.xml"):
        entries = parsed(client, path).entries
        assert [e.title for e in entries] == ["Regatta results", "Roads closed for the regatta"]
        assert [e.author for e in entries] == ["Mira Castell", "The Harbour Desk"], path
    atom = parsed(client, "/atom.xml").entries[1]
    assert atom.authors == [{"name": "The Harbour Desk", "href": desk_url}]
    items = json_feed(client, "/feed.json")["items"]
    assert [i["authors"] for i in items] == [
        [{"name": "Mira Castell", "url": f"{SITE}/author/mira-castell/"}],
        [{"name": "The Harbour Desk", "url": desk_url}],
    ]
    # A tag feed names it too, and a rename shows on the next request.
    assert [e.author for e in parsed(client, "/tag/roads/atom.xml").entries] == ["The Harbour Desk"]
    actions.update_author(desk, name="The Harbour Newsroom")
    assert parsed(client, "/rss.xml").entries[1].author == "The Harbour Newsroom"
