"""Captions and credits: the featured image's (the article's use of it) and the
body's images (in the Markdown line that inserts them), from the actions to
the page, JSON-LD, the feeds and the API."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from newsdesk.images.models import Image
from newsdesk.images.processing import store_upload
from newsdesk.news import actions
from newsdesk.news.models import Article, Event, Revision
from newsdesk.news.rendering import inline_line, render_markdown
from tests.helpers import find_all, parse, text_of
from tests.images.conftest import encode

pytestmark = pytest.mark.django_db

HOSTILE = 'Rally at the "><script>alert(1)</script> bridge & <b>square</b>'


@pytest.fixture
def photo(media: Path, upload: Callable[..., Any]) -> Image:
    return store_upload(upload(encode("JPEG", size=(1000, 500))), alt="The bridge at dawn")


@pytest.fixture
def captioned(make_article: Callable[..., Article], photo: Image) -> Article:
    return make_article(
        image=photo,
        image_alt="Ferry at the pier",
        image_caption="  The first ferry\nleaves at dawn  ",
        image_credit="Olena Bondar / Harbour Press",
    )


def test_caption_and_credit_are_cleaned_kept_and_carried_by_events_and_revisions(
    captioned: Article,
) -> None:
    assert captioned.image_caption == "The first ferry leaves at dawn"
    assert captioned.image_credit == "Olena Bondar / Harbour Press"
    event = Event.objects.filter(article=captioned, type=Event.Type.PUBLISHED).get()
    assert event.payload["image"]["caption"] == "The first ferry leaves at dawn"
    assert event.payload["image"]["credit"] == "Olena Bondar / Harbour Press"
    revision = Revision.objects.filter(article=captioned).order_by("-number").first()
    assert revision is not None
    assert revision.snapshot["image"]["credit"] == "Olena Bondar / Harbour Press"


def test_overlong_caption_and_credit_are_refused_with_nothing_saved(
    captioned: Article,
) -> None:
    before = (captioned.version, Event.objects.count())
    with pytest.raises(ValidationError) as caught:
        actions.update(captioned, image_caption="c" * 501, image_credit="k" * 201)
    errors = caught.value.message_dict
    assert errors["image_caption"] == ["Keep the caption to 500 characters (it has 501)."]
    assert errors["image_credit"] == ["Keep the credit to 200 characters (it has 201)."]
    captioned.refresh_from_db()
    assert (captioned.version, Event.objects.count()) == before
    assert captioned.image_caption == "The first ferry leaves at dawn"


def test_removing_the_image_clears_its_caption_and_credit(captioned: Article) -> None:
    article = actions.update(captioned, image=None)
    assert (article.image_caption, article.image_credit) == ("", "")


def test_the_page_shows_caption_and_credit_under_the_image_as_text(
    client: Client, make_article: Callable[..., Article], photo: Image
) -> None:
    article = make_article(
        image=photo, image_alt="Ferry", image_caption=HOSTILE, image_credit="<i>Olena</i>"
    )
    response = client.get(article.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    (figure,) = find_all(parse(response.content), "figure", class_="story-image")
    (caption,) = find_all(figure, "figcaption")
    assert text_of(caption) == HOSTILE + " Photo: <i>Olena</i>"
    assert text_of(find_all(caption, "span", class_="credit")[0]) == "Photo: <i>Olena</i>"


def test_json_ld_has_an_image_object_with_caption_and_credit(
    client: Client, captioned: Article, photo: Image, settings: Any
) -> None:
    html = client.get(captioned.get_absolute_url()).content.decode()
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    url = settings.NEWSDESK_SITE_URL + photo.src(1600)
    assert ld["image"] == [
        {
            "@type": "ImageObject",
            "url": url,
            "contentUrl": url,
            "description": "Ferry at the pier",
            "caption": "The first ferry leaves at dawn",
            "creditText": "Olena Bondar / Harbour Press",
            "copyrightHolder": {"@type": "Person", "name": "Olena Bondar / Harbour Press"},
        }
    ]


def test_feeds_and_the_api_carry_caption_and_credit(
    client: Client, captioned: Article, photo: Image
) -> None:
    rss_bytes = client.get("/rss.xml").content
    rss = feedparser.parse(rss_bytes)
    assert rss.bozo == 0
    entry = rss.entries[0]
    assert entry.media_credit == [
        {"role": "photographer", "content": "Olena Bondar / Harbour Press"}
    ]
    assert b"<media:title>The first ferry leaves at dawn</media:title>" in rss_bytes
    (figure,) = find_all(parse(entry.content[0].value), "figure")
    assert text_of(find_all(figure, "figcaption")[0]) == (
        "The first ferry leaves at dawn Photo: Olena Bondar / Harbour Press"
    )
    atom = feedparser.parse(client.get("/atom.xml").content)
    assert (
        atom.bozo == 0 and "Photo: Olena Bondar / Harbour Press" in atom.entries[0].content[0].value
    )
    feed = client.get("/feed.json").json()
    assert "Photo: Olena Bondar / Harbour Press" in feed["items"][0]["content_html"]
    body = client.get(f"/api/content/articles/{captioned.pk}").json()
    assert body["image"]["caption"] == "The first ferry leaves at dawn"
    assert body["image"]["credit"] == "Olena Bondar / Harbour Press"


# Images in the body ---------------------------------------------------------


def test_our_image_on_a_line_of_its_own_is_a_figure_with_renditions(photo: Image) -> None:
    line = inline_line(photo, 'Crowd [at] the "bridge"', HOSTILE, "Olena | Harbour Press")
    html = render_markdown(f"Before.\n\n{line}\n\nAfter.")
    (figure,) = find_all(parse(html), "figure", class_="body-image")
    (img,) = find_all(figure, "img")
    assert img.attrs == {
        "src": photo.src(960),
        "srcset": photo.srcset(),
        "sizes": "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
        "alt": 'Crowd [at] the "bridge"',
        "width": "960",
        "height": "480",
        "loading": "lazy",
        "decoding": "async",
    }
    caption = find_all(figure, "figcaption")[0]
    assert text_of(caption) == HOSTILE + " Photo: Olena / Harbour Press"
    assert "<script>" not in html and "<b>" not in html


def test_a_caption_without_credit_and_the_image_s_own_alt(photo: Image) -> None:
    html = render_markdown(f'![]({photo.url} "Only a caption")')
    (figure,) = find_all(parse(html), "figure")
    assert find_all(figure, "img")[0].attrs["alt"] == "The bridge at dawn"
    assert text_of(find_all(figure, "figcaption")[0]) == "Only a caption"
    assert find_all(figure, "span") == []


def test_other_images_follow_the_old_rule(photo: Image, settings: Any) -> None:
    # Another site's image, and a media address that is no stored image: plain <img>.
    for src in ("https://images.example/x.jpg", "/media/images/2026/01/none.jpg"):
        html = render_markdown(f'![x]({src} "c | d")')
        assert find_all(parse(html), "figure") == []
        assert find_all(parse(html), "img")[0].attrs == {"src": src, "alt": "x", "title": "c | d"}
    # Ours, but inside a sentence: an image as before, not a figure.
    html = render_markdown(f"See ![x]({photo.url}) here.")
    assert find_all(parse(html), "figure") == []


def test_the_sanitiser_keeps_srcset_only_for_our_own_media() -> None:
    from newsdesk.news.rendering import sanitise

    clean = sanitise(
        '<img src="/a.png" srcset="https://evil.example/x.webp 480w" sizes="100vw" '
        'loading="whenever" width="9e9">'
    )
    assert find_all(parse(clean), "img")[0].attrs == {"src": "/a.png"}


def test_json_ld_describes_the_body_s_images_with_their_captions_and_credits(
    client: Client, make_article: Callable[..., Article], photo: Image, settings: Any
) -> None:
    line = inline_line(photo, "Queue at the ferry", "Morning queue", "Olena Bondar")
    article = make_article(body=f"Text.\n\n{line}\n\n![other](https://images.example/x.jpg)")
    html = client.get(article.get_absolute_url()).content.decode()
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    url = settings.NEWSDESK_SITE_URL + photo.src(1600)
    assert ld["image"] == [
        {
            "@type": "ImageObject",
            "url": url,
            "contentUrl": url,
            "description": "Queue at the ferry",
            "caption": "Morning queue",
            "creditText": "Olena Bondar",
            "copyrightHolder": {"@type": "Person", "name": "Olena Bondar"},
        }
    ]
