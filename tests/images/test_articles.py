"""A featured image on an article: the alt text rule, pages, feeds, JSON-LD, API, events."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from jsonschema import Draft202012Validator

from newsdesk.images.models import Image
from newsdesk.images.processing import store_upload
from newsdesk.news import actions
from newsdesk.news.models import Article, Event, Revision
from tests.feeds.conftest import SCHEMAS as FEED_SCHEMAS
from tests.feeds.conftest import assert_valid_jsonfeed
from tests.helpers import find_all, parse
from tests.images.conftest import encode

pytestmark = pytest.mark.django_db

HOSTILE_ALT = 'Crowd at the "><script>alert(1)</script> square & <b>bridge</b>'


@pytest.fixture
def photo(media: Path, upload: Callable[..., Any]) -> Image:
    return store_upload(upload(encode("JPEG", size=(2000, 1000))))


def test_a_draft_with_an_image_but_no_alt_text_is_refused(photo: Image) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(headline="Ferry service resumes", image=photo, image_alt="  \x07 ")
    assert "image_alt" in caught.value.message_dict
    assert "alt text" in caught.value.message_dict["image_alt"][0]
    assert Article.objects.count() == 0 and Revision.objects.count() == 0
    assert Event.objects.count() == 0


def test_an_update_adding_an_image_without_alt_text_is_refused(
    make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article()
    before = (article.version, Event.objects.count())
    with pytest.raises(ValidationError) as caught:
        actions.update(article, image=photo)
    assert "image_alt" in caught.value.message_dict
    article.refresh_from_db()
    assert article.image_id is None
    assert (article.version, Event.objects.count()) == before


def test_emptying_the_alt_text_of_a_kept_image_is_refused(
    make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="Ferry at the pier")
    with pytest.raises(ValidationError) as caught:
        actions.update(article, image_alt="")
    assert "image_alt" in caught.value.message_dict
    article.refresh_from_db()
    assert article.image_alt == "Ferry at the pier"


def test_alt_text_is_cleaned_and_limited(
    make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="  Ferry\x00 at\n the   pier  ")
    assert article.image_alt == "Ferry at the pier"
    with pytest.raises(ValidationError) as caught:
        actions.update(article, image_alt="x" * 301)
    assert "300 characters" in caught.value.message_dict["image_alt"][0]


def test_the_image_default_alt_text_is_used_when_none_is_given(
    make_article: Callable[..., Article], photo: Image
) -> None:
    photo.alt = "A ferry leaving the harbour at dawn"
    photo.save()
    article = make_article(image=photo)
    assert article.image_alt == "A ferry leaving the harbour at dawn"


def test_removing_the_image_clears_its_alt_text(
    make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="Ferry")
    article = actions.update(article, image=None)
    assert article.image_id is None and article.image_alt == ""


def test_the_article_page_shows_the_image_with_srcset_and_escaped_alt(
    client: Client, make_article: Callable[..., Article], photo: Image, settings: Any
) -> None:
    article = make_article(image=photo, image_alt=HOSTILE_ALT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    figure = find_all(parse(response.content), "figure", class_="story-image")[0]
    img = find_all(figure, "img")[0]
    assert img.attrs["alt"] == HOSTILE_ALT  # parsed back: intact, as text
    assert img.attrs["srcset"] == photo.srcset()
    widths = [part.rsplit(" ", 1)[1] for part in img.attrs["srcset"].split(", ")]
    assert widths == ["480w", "960w", "1600w"]
    assert img.attrs["src"] == photo.src(960)
    assert (img.attrs["width"], img.attrs["height"]) == ("960", "480")
    assert img.attrs["sizes"] and img.attrs["loading"] == "eager"
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["image"] == [settings.NEWSDESK_SITE_URL + photo.src(1600)]


def test_cards_show_the_image_and_change_with_it(
    client: Client, make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="First description")
    page = client.get("/").content.decode()
    assert 'alt="First description"' in page and photo.src(480) in page
    actions.update(article, image_alt="Second description")
    page = client.get("/").content.decode()
    assert 'alt="Second description"' in page and "First description" not in page
    actions.update(article, image=None)
    page = client.get("/").content.decode()
    assert photo.src(480) not in page


def test_events_and_revisions_carry_the_image(
    make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="Ferry at the pier")
    event = Event.objects.filter(article=article, type=Event.Type.PUBLISHED).get()
    image = event.payload["image"]
    assert image["id"] == photo.pk and image["alt"] == "Ferry at the pier"
    assert image["url"].endswith(photo.original.name)
    assert "480w" in image["srcset"] and image["width"] == 2000
    snapshot = Revision.objects.filter(article=article).order_by("-number").first()
    assert snapshot is not None and snapshot.snapshot["image"]["id"] == photo.pk


def test_feeds_carry_the_image(
    client: Client, make_article: Callable[..., Article], photo: Image
) -> None:
    make_article(image=photo, image_alt="Ferry at the pier")
    rss = feedparser.parse(client.get("/rss.xml").content)
    assert rss.bozo == 0
    enclosure = rss.entries[0].enclosures[0]
    assert enclosure.href.endswith(photo.original.name)
    assert enclosure.type == "image/jpeg" and int(enclosure.length) == photo.bytes
    atom = feedparser.parse(client.get("/atom.xml").content)
    assert atom.bozo == 0
    assert atom.entries[0].enclosures[0].href.endswith(photo.original.name)
    schema = json.loads((FEED_SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    feed = assert_valid_jsonfeed(Draft202012Validator(schema), client.get("/feed.json").content)
    assert feed["items"][0]["image"].endswith("-1600.webp")


def test_the_api_shows_the_image(
    client: Client, make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(image=photo, image_alt="Ferry at the pier")
    make_article()
    body = client.get("/api/content/articles").json()
    shown = {item["id"]: item["image"] for item in body["items"]}
    assert shown[article.pk]["alt"] == "Ferry at the pier"
    assert shown[article.pk]["srcset"].count("w,") == 2
    assert (shown[article.pk]["width"], shown[article.pk]["height"]) == (2000, 1000)
    assert [v for k, v in shown.items() if k != article.pk] == [None]
