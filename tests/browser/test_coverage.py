"""A live coverage in a real browser: an editor opens one in the desk and adds
three updates through the composer (one with an image in its body, captioned
and credited, one embedding a Telegram post); a reader on a 360 px phone, on
the coverage's page, sees each arrive live, and nothing is asked of any host
but the site's own until the reader clicks to load the post from Telegram."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image as PillowImage

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage
from tests.live.support import Server, current_database_url, server_env

from .test_desk import make_user, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST = "https://t.me/harbour_desk/4512"
FRAME = POST + "?embed=1"  # the sandboxed frame a click loads (routed to a fake here)
PLAIN = ("Delegations arrive in Aubrel for a third day", "Both teams came by train before nine.")
PICTURE = ("Mediators circulate a revised text", "The draft adds a clause on prisoner lists.")
EMBED = ("The desk's channel posts the session's timetable", "Sessions resume at ten.")


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Server]:
    """``newsdesk serve`` keeping what the composer uploads in this module's own folder."""
    with django_db_blocker.unblock():
        url = current_database_url()
    folder = Path(tmp_path_factory.mktemp("coverage"))
    env = server_env(url, NEWSDESK_MEDIA_ROOT=str(folder / "media"))
    server = Server(env, log_path=folder / "serve.log").start()
    yield server
    server.stop()


def png() -> bytes:
    data = io.BytesIO()
    PillowImage.new("RGB", (800, 500), (20, 90, 160)).save(data, format="PNG")
    return data.getvalue()


def compose(desk: Any, site: Server, coverage: Coverage, headline: str, lede: str) -> None:
    desk.goto(site.url + "/desk/new/")
    desk.fill("#id_headline", headline)
    desk.fill("#id_lede", lede)
    desk.check(f"input[name=coverages][value='{coverage.pk}']")


def publish(desk: Any, coverage: Coverage, headline: str) -> Article:
    desk.click("button[value=publish]")
    desk.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
    article = Article.objects.get(headline=headline)
    assert article.is_published and list(article.coverages.all()) == [coverage]
    return article


def test_an_editor_runs_a_coverage_and_a_phone_reader_sees_it_live(
    browser: Any, site: Server
) -> None:
    make_user("eden", "editor")
    actions.publish(actions.create_draft(headline="Unrelated news", lede="Elsewhere."))

    # The editor opens the coverage in the desk.
    desk = browser.new_context().new_page()
    sign_in(desk, site, "eden")
    desk.click("nav >> text=Live coverages")
    desk.click("text=Open a live coverage")
    desk.fill("#id_title", "Ceasefire talks, day 3")
    desk.fill("#id_key_points", "- Delegations meet in Aubrel\n- A draft text is on the table")
    desk.click("button[value=preview]")
    assert desk.inner_text(".preview li >> nth=0") == "Delegations meet in Aubrel"
    desk.click("button.primary")
    desk.wait_for_selector("text=Saved.")
    coverage = Coverage.objects.get()
    assert coverage.slug == "ceasefire-talks-day-3"

    # A reader on a phone. Every request is noted; any for another host than
    # this site is refused, except Telegram's frame, answered here.
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))

    def elsewhere(route: Any) -> None:
        if route.request.url == FRAME:
            route.fulfill(
                status=200,
                content_type="text/html",
                body="<!doctype html><p id='post'>Sessions resume at ten, from the channel</p>",
            )
        else:
            route.abort()

    phone.route(lambda url: urlsplit(url).hostname != "127.0.0.1", elsewhere)
    reader = phone.new_page()
    reader.goto(site.url + "/")  # the News Feed names the open coverage at the top
    strip = reader.locator(".coverage-strip a")
    assert strip.count() == 1 and "Ceasefire talks, day 3" in strip.inner_text()
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    strip.click()
    reader.wait_for_url(site.url + coverage.get_absolute_url())
    assert "Ceasefire talks, day 3" in reader.inner_text("h1")
    assert reader.text_content(".badge--live") == "Live"  # shown in capitals by the CSS
    assert "Delegations meet in Aubrel" in reader.inner_text(".key-points")
    assert reader.locator("[data-feed-list] > article.card").count() == 0

    def arrives(article: Article) -> None:
        card = reader.locator(f'[data-feed-list] > [data-article-id="{article.pk}"]')
        card.wait_for(timeout=5000)
        assert article.headline in card.inner_text()

    # 1. A plain update.
    compose(desk, site, coverage, *PLAIN)
    arrives(publish(desk, coverage, PLAIN[0]))

    # 2. An image in the body, uploaded and inserted by the composer, with a
    # caption and a credit.
    compose(desk, site, coverage, *PICTURE)
    desk.fill("#id_body", "The text was handed to both delegations at noon.")
    desk.set_input_files(
        "#id_inline_image", {"name": "draft.png", "mimeType": "image/png", "buffer": png()}
    )
    desk.fill("#id_inline_alt", "Delegates reading the draft at a long table")
    desk.fill("#id_inline_caption", "The revised text is read in Aubrel")
    desk.fill("#id_inline_credit", "Olena Bondar")
    desk.click("button[value=insert_image]")
    desk.wait_for_function("() => document.querySelector('#id_body').value.includes('![')")
    picture = publish(desk, coverage, PICTURE[0])
    arrives(picture)

    # 3. A Telegram post on a line of its own.
    compose(desk, site, coverage, *EMBED)
    desk.fill("#id_body", f"The channel posted the timetable:\n\n{POST}\n")
    embedded = publish(desk, coverage, EMBED[0])
    arrives(embedded)

    ids = reader.eval_on_selector_all(
        "[data-feed-list] > article.card", "els => els.map(e => e.dataset.articleId)"
    )
    expected = [embedded.pk, picture.pk, Article.objects.get(headline=PLAIN[0]).pk]
    assert ids == [str(pk) for pk in expected]  # newest first, nothing from elsewhere
    assert "Unrelated news" not in reader.inner_text("main")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360

    # The reader opens the update with the picture: its figure, caption and credit.
    reader.click(f"text={PICTURE[0]}")
    figure = reader.locator("figure.body-image")
    assert figure.locator("figcaption").inner_text() == (
        "The revised text is read in Aubrel Photo: Olena Bondar"
    )
    assert "/media/images/" in figure.locator("img").evaluate("img => img.currentSrc")
    assert "Part of: Ceasefire talks, day 3" in reader.inner_text(".part-of")

    # Then the one with the post: a card, and so far only this site was asked.
    reader.go_back()
    reader.click(f"text={EMBED[0]}")
    card = reader.locator("aside.embed--telegram")
    card.wait_for()
    assert reader.locator("iframe").count() == 0
    reader.wait_for_load_state("networkidle")
    before = list(requested)
    assert {urlsplit(u).hostname for u in before} == {"127.0.0.1"}, before
    card.get_by_role("button", name="Load post from Telegram").click()
    frame = card.locator("iframe.embed-frame")
    frame.wait_for()
    assert frame.get_attribute("src") == FRAME
    text = reader.frame_locator("iframe.embed-frame").locator("#post").inner_text()
    assert text == "Sessions resume at ten, from the channel"
    after = [u for u in requested[len(before) :] if urlsplit(u).hostname != "127.0.0.1"]
    assert after == [FRAME]

    # Ending the coverage reaches a reader still on its page.
    back = phone.new_page()
    back.goto(site.url + coverage.get_absolute_url())
    actions.end_coverage(coverage)
    back.wait_for_selector(".coverage-ended", timeout=5000)
    assert back.inner_text(".coverage-ended") == "This coverage has ended"
    phone.close()
