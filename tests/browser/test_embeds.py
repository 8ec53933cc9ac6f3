"""An update with a captioned image in its body and a Telegram post: the reader's
browser asks nothing of any third party until the reader clicks "Load post
from Telegram", and then only Telegram's frame loads."""

from __future__ import annotations

import io
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from newsdesk.images.processing import store_upload
from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.news.rendering import inline_line
from tests.live.support import Server, current_database_url, server_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST = "https://t.me/harbour_desk/4512"
FRAME = POST + "?embed=1"


@pytest.fixture(scope="module")
def media_root(tmp_path_factory: Any) -> Path:
    return Path(tmp_path_factory.mktemp("embeds")) / "media"


@pytest.fixture(scope="module")
def site(
    django_db_setup: None, django_db_blocker: Any, media_root: Path, browser: Any
) -> Iterator[Server]:
    """The server reads uploaded images from this module's own folder."""
    with django_db_blocker.unblock():
        url = current_database_url()
    # The worker asks no real network for the post's preview text.
    env = server_env(url, NEWSDESK_MEDIA_ROOT=str(media_root), NEWSDESK_EMBED_PREVIEWS="false")
    server = Server(env, log_path=media_root.parent / "serve.log").start()
    yield server
    server.stop()


@pytest.fixture
def update(settings: Any, media_root: Path) -> Article:
    settings.MEDIA_ROOT = str(media_root)
    picture = PillowImage.new("RGB", (1000, 600), (20, 90, 160))
    data = io.BytesIO()
    picture.save(data, format="PNG")
    image = store_upload(SimpleUploadedFile("ferry.png", data.getvalue()), alt="The ferry")
    line = inline_line(image, "The ferry at the pier", "The first crossing", "Olena Bondar")
    body = f"The ferry is back.\n\n{line}\n\nThe desk's channel:\n\n{POST}\n"
    draft = actions.create_draft(headline="Ferry back on the island route", body=body)
    return actions.publish(draft)


def test_nothing_leaves_for_a_third_party_until_the_reader_clicks(
    browser: Any, site: Server, update: Article
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    requested: list[str] = []
    refused: list[str] = []

    def network(route: Any) -> None:
        url = route.request.url
        requested.append(url)
        host = urlsplit(url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif url == FRAME:  # Telegram, answered here instead of by the internet
            route.fulfill(
                status=200,
                content_type="text/html",
                body="<!doctype html><p id='post'>Ferry timetable, from the channel</p>",
            )
        else:
            refused.append(url)
            route.abort()

    context.route("**/*", network)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(site.url + update.get_absolute_url())
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert policy.endswith("; frame-src https://t.me")
    page.wait_for_load_state("networkidle")
    for _ in range(2):  # again, now answered from the page cache: the same policy
        with urllib.request.urlopen(site.url + update.get_absolute_url()) as again:
            assert again.headers["Content-Security-Policy"] == policy

    # The image in the body: a figure with its rendition, caption and credit.
    figure = page.locator("figure.body-image")
    assert figure.locator("figcaption").inner_text() == "The first crossing Photo: Olena Bondar"
    assert "/media/images/" in figure.locator("img").evaluate("img => img.currentSrc")
    # The post: a card, and before the click only this site was asked.
    card = page.locator("aside.embed--telegram")
    assert card.locator(".embed-provider").inner_text() == "Telegram"
    assert page.locator("iframe").count() == 0
    before = list(requested)
    assert before and {urlsplit(u).hostname for u in before} == {"127.0.0.1"}
    assert refused == []

    button = card.get_by_role("button", name="Load post from Telegram")
    assert button.is_visible()
    button.click()
    frame = card.locator("iframe.embed-frame")
    frame.wait_for()
    assert frame.get_attribute("src") == FRAME
    assert frame.get_attribute("sandbox") == (
        "allow-scripts allow-same-origin allow-popups allow-presentation"
    )
    text = page.frame_locator("iframe.embed-frame").locator("#post").inner_text()
    assert text == "Ferry timetable, from the channel"
    after = requested[len(before) :]
    assert [u for u in after if urlsplit(u).hostname != "127.0.0.1"] == [FRAME]
    assert refused == [] and errors == []
    context.close()


def test_the_card_reads_well_on_a_phone_and_without_javascript(
    browser: Any, site: Server, update: Article
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname == "127.0.0.1"
            else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(site.url + update.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    card = page.locator("aside.embed--telegram")
    # Without JavaScript the card is the network's name and the link to the post.
    assert card.get_by_role("link", name=POST).is_visible()
    assert not card.locator("button").is_visible()
    context.close()


def test_the_composer_inserts_an_image_and_previews_the_update_beside_the_form(
    browser: Any, site: Server, settings: Any, media_root: Path
) -> None:
    from playwright.sync_api import expect

    from tests.browser.test_desk import sign_in
    from tests.desk.conftest import make_user

    settings.MEDIA_ROOT = str(media_root)
    make_user("casey", "contributor")
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname == "127.0.0.1"
            else route.abort()
        ),
    )
    page = context.new_page()
    sign_in(page, site, "casey")
    page.goto(site.url + "/desk/new/")
    page.fill("#id_headline", "Ferry back on the island route")
    page.fill("#id_lede", "The first crossing since the storm.")
    page.fill("#id_body", "The ferry is back.\n\nMore to follow.")
    # The cursor after the first paragraph; the image goes in there.
    page.evaluate(
        "() => { const b = document.getElementById('id_body'); b.setSelectionRange(19, 19); }"
    )
    picture = PillowImage.new("RGB", (800, 500), (20, 90, 160))
    data = io.BytesIO()
    picture.save(data, format="PNG")
    page.set_input_files(
        "#id_inline_image",
        {"name": "ferry.png", "mimeType": "image/png", "buffer": data.getvalue()},
    )
    page.fill("#id_inline_alt", "The ferry at the pier")
    page.fill("#id_inline_caption", "The first crossing")
    page.fill("#id_inline_credit", "Olena Bondar")
    page.click("button.insert-image")
    expect(page.locator("#id_body")).to_have_value(re.compile(r"/media/images/"))
    body = page.input_value("#id_body")
    first, line, rest = body.split("\n\n")
    assert (first, rest) == ("The ferry is back.", "More to follow.")
    assert line.startswith("![The ferry at the pier](/media/images/")
    assert line.endswith(' "The first crossing | Olena Bondar")')
    page.fill("#id_body", body + "\n\n" + POST)
    preview = page.locator("#preview-body")
    preview.locator("aside.embed--telegram").wait_for()
    assert preview.locator("h1").inner_text() == "Ferry back on the island route"
    assert preview.locator("figure.body-image figcaption").inner_text() == (
        "The first crossing Photo: Olena Bondar"
    )
    # Side by side on a wide screen...
    page.evaluate("() => window.scrollTo(0, 0)")
    form = page.locator("#composer").bounding_box()
    shown = page.locator("section.preview").bounding_box()
    assert form and shown and shown["x"] >= form["x"] + form["width"]
    assert shown["y"] < form["y"] + 200
    # ...and below the form on a phone, with nothing scrolling sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    form = page.locator("#composer").bounding_box()
    shown = page.locator("section.preview").bounding_box()
    assert form and shown and shown["y"] >= form["y"] + form["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
