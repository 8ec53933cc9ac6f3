"""The desk's markup for assistive technology: every id that an
aria-describedby or aria-labelledby names is on the page, and no table
header cell is empty (a screen reader would announce nothing for it)."""

from __future__ import annotations

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.wire.models import Source

from .conftest import signed_in

REFERENCES = ("aria-describedby", "aria-labelledby")


@pytest.fixture
def article(db: None) -> Article:
    draft = actions.create_draft(
        headline="Bridge reopens to traffic",
        lede="The river crossing is open again after repairs.",
        body="Engineers finished the inspection overnight.",
        tags=["Transport"],
        sources=[actions.SourceInput("Harbour Courier", "https://courier.example/bridge")],
    )
    article = actions.publish(draft)
    return actions.update(article, headline="Bridge reopens to all traffic")


def page(client: Client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml.html.fromstring(response.content)


def missing_references(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    ids = set(doc.xpath("//@id"))
    return [
        (name, ref)
        for name in REFERENCES
        for value in doc.xpath(f"//@{name}")
        for ref in value.split()
        if ref not in ids
    ]


def empty_headers(doc: lxml.html.HtmlElement) -> list[str]:
    return [
        lxml.html.tostring(th, encoding="unicode")
        for th in doc.iter("th")
        if not th.text_content().strip()
    ]


def test_the_composer_points_only_at_ids_it_has(editor: User, article: Article) -> None:
    client = signed_in(editor)
    for path in ("/desk/new/", f"/desk/articles/{article.pk}/"):
        doc = page(client, path)
        assert doc.xpath("//*[@aria-describedby]"), f"{path}: nothing to check"
        assert missing_references(doc) == [], path
        tags = doc.get_element_by_id("id_tags")
        helptext = doc.get_element_by_id(tags.get("aria-describedby"))
        assert helptext.text_content() == "Comma-separated; new tags are created."
        assert empty_headers(doc) == [], path


def test_desk_tables_label_every_column(editor: User, article: Article) -> None:
    Source.objects.create(url="https://northern.example/rss.xml", outlet="Northern Wire")
    client = signed_in(editor)
    for path in (
        "/desk/",
        f"/desk/articles/{article.pk}/history/",
        "/desk/wire/sources/",
    ):
        doc = page(client, path)
        assert list(doc.iter("th")), f"{path}: no table to check"
        assert empty_headers(doc) == [], path
        assert missing_references(doc) == [], path
