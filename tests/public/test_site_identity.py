"""The site settings where their help texts say: the desk's author card on
updates without a byline, the logo in the header and JSON-LD, the description
in <meta name="description">, the contact line in the footer and on the
desk's card."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from newsdesk.images.models import Image
from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.site.actions import update_settings
from tests.helpers import Element, find_all, parse, text_of
from tests.images.conftest import encode

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
CONTACT = "Tips: Signal +44 7700 900123 · desk@harbour.example"


@pytest.fixture
def desk() -> Author:
    """The desk's own author, named in the site settings."""
    author = actions.create_author(
        name="The Harbour Desk", slug="harbour-desk", bio="The newsroom's own updates."
    )
    update_settings(default_author=author, contact_line=CONTACT)
    return author


def page(client: Client, path: str) -> Element:
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response.content)


def cards(tree: Element) -> list[list[str]]:
    return [
        [text_of(e) for e in find_all(card, "h3") + find_all(card, "p")]
        for card in find_all(tree, "div", class_="author-card")
    ]


def json_ld(tree: Element) -> list[dict[str, Any]]:
    return [json.loads(s.text) for s in find_all(tree, "script", type="application/ld+json")]


def meta(tree: Element, name: str) -> list[str]:
    return [m.attrs["content"] for m in find_all(tree, "meta", name=name)]


def test_an_update_without_a_byline_shows_the_desks_card(
    client: Client, desk: Author, make_article: Callable[..., Article]
) -> None:
    update = make_article(headline="Roads closed for the regatta", authors=[])
    tree = page(client, update.get_absolute_url())
    (section,) = find_all(tree, "section", class_="authors")
    assert [text_of(h) for h in find_all(section, "h2")] == ["From the desk"]
    assert cards(tree) == [
        ["The Harbour Desk", "The newsroom's own updates.", CONTACT, "Contact us"]
    ]
    assert [a.attrs["href"] for a in find_all(section, "a")] == ["/author/harbour-desk/", "/tips/"]
    assert [m.attrs["content"] for m in find_all(tree, "meta", property="article:author")] == [
        f"{SITE}/author/harbour-desk/"
    ]
    (article_ld,) = json_ld(tree)
    assert article_ld["author"] == [
        {"@type": "Organization", "name": "The Harbour Desk", "url": f"{SITE}/author/harbour-desk/"}
    ]
    # Its changes reach the page on the next request.
    actions.update_author(desk, name="The Harbour Newsroom")
    assert cards(page(client, update.get_absolute_url()))[0][0] == "The Harbour Newsroom"


def test_an_update_with_a_byline_shows_only_its_authors(
    client: Client, desk: Author, author: Author, make_article: Callable[..., Article]
) -> None:
    update = make_article(headline="Regatta results")
    tree = page(client, update.get_absolute_url())
    assert [c[0] for c in cards(tree)] == ["Mira Castell"]
    assert CONTACT not in [line for c in cards(tree) for line in c]
    (article_ld,) = json_ld(tree)
    assert [a["name"] for a in article_ld["author"]] == ["Mira Castell"]


def test_without_a_default_author_an_unsigned_update_has_no_card(
    client: Client, make_article: Callable[..., Article]
) -> None:
    update = make_article(headline="Roads closed for the regatta", authors=[])
    tree = page(client, update.get_absolute_url())
    assert find_all(tree, "section", class_="authors") == []
    assert "author" not in json_ld(tree)[0]


def test_the_desks_own_page_shows_the_contact_line(client: Client, desk: Author) -> None:
    tree = page(client, "/author/harbour-desk/")
    assert cards(tree) == [["The newsroom's own updates.", CONTACT, "Contact us"]]


def test_the_description_is_the_pages_meta_description(
    client: Client, make_article: Callable[..., Article], author: Author
) -> None:
    with_lede = make_article(lede="Crews reopened the bridge at dawn.", tags=["Roads"])
    without = make_article(lede="")
    assert meta(page(client, "/"), "description") == []
    update_settings(description="News from the harbour, as it happens.")
    for path in ("/", "/tag/roads/", author.get_absolute_url(), without.get_absolute_url()):
        assert meta(page(client, path), "description") == [
            "News from the harbour, as it happens."
        ], path
    # An update's own lede describes it better.
    assert meta(page(client, with_lede.get_absolute_url()), "description") == [
        "Crews reopened the bridge at dawn."
    ]


def test_the_contact_line_is_in_the_footer(client: Client) -> None:
    assert find_all(page(client, "/"), "p", class_="site-contact") == []
    update_settings(contact_line=CONTACT)
    (footer,) = find_all(page(client, "/"), "footer")
    assert [text_of(p) for p in find_all(footer, "p", class_="site-contact")] == [CONTACT]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def test_the_logo_is_in_the_header_and_the_publisher(
    client: Client, media: Path, make_article: Callable[..., Article]
) -> None:
    update = make_article()
    (before,) = json_ld(page(client, update.get_absolute_url()))
    assert before["publisher"]["logo"]["url"] == f"{SITE}/static/feeds/logo.png"
    upload = SimpleUploadedFile("logo.png", encode("PNG", (400, 100)), "image/png")
    update_settings(logo=upload)
    image = Image.objects.get()
    tree = page(client, "/")
    (header,) = find_all(tree, "header", class_="site-header")
    (logo,) = find_all(header, "img", class_="site-logo")
    # Drawn in the header's 200 x 48 box, keeping its shape; the name beside it.
    assert (logo.attrs["src"], logo.attrs["width"], logo.attrs["height"], logo.attrs["alt"]) == (
        image.url,
        "192",
        "48",
        "",
    )
    assert text_of(find_all(header, "a", class_="site-name")[0]) == "Newsdesk"
    (after,) = json_ld(page(client, update.get_absolute_url()))
    assert after["publisher"]["logo"]["url"] == SITE + image.url
    (live,) = json_ld(tree)
    assert live["publisher"]["logo"]["url"] == SITE + image.url
