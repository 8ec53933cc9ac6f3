"""The desk in a real browser: a contributor writes and submits an update
with a source, an editor previews and publishes it, corrects it with a
public note and unpublishes it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from newsdesk.news.models import Article
from tests.desk.conftest import PASSWORD, make_user
from tests.helpers import status_of
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, site: Server, username: str) -> None:
    page.goto(site.url + "/desk/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/desk/")


def test_contributor_writes_editor_publishes_corrects_and_unpublishes(
    browser: Any, site: Server
) -> None:
    make_user("casey", "contributor")
    make_user("eden", "editor")

    # The contributor writes an update quoting a source and submits it.
    writer = browser.new_context().new_page()
    sign_in(writer, site, "casey")
    writer.click("text=Write an update")
    writer.fill("#id_headline", "Night trains return to the coast line")
    writer.fill("#id_lede", "The first service since the bridge repairs left at 22:10.")
    writer.fill("#id_body", "Crews **finished** the signalling work on Thursday.")
    # The live preview renders with the public page's renderer.
    writer.wait_for_selector("#preview-body strong")
    assert writer.inner_text("#preview-body strong") == "finished"
    writer.select_option("#id_source_0_style", "according to")
    writer.fill("#id_source_0_outlet", "Coast Radio")
    writer.fill("#id_source_0_url", "https://coastradio.example/trains")
    writer.fill("#id_tags", "Transport")
    writer.click("button[value=submit]")
    writer.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
    assert "In review" in writer.inner_text(".status")
    article = Article.objects.get(headline="Night trains return to the coast line")
    assert article.status == Article.Status.REVIEW
    # Contributors have no publish button.
    assert writer.locator("button[value=publish]").count() == 0

    # The editor finds it in review, previews it and publishes it.
    desk = browser.new_context().new_page()
    sign_in(desk, site, "eden")
    desk.click("section[aria-labelledby=h-review] >> text=Night trains return to the coast line")
    desk.click(".status >> text=Preview")
    assert "according to" in desk.inner_text("main").lower()
    assert "Coast Radio" in desk.inner_text("main")
    desk.go_back()
    desk.click("button[value=publish]")
    desk.wait_for_selector("text=Published.")

    # First on the public feed.
    reader = browser.new_context().new_page()
    reader.goto(site.url + "/")
    first = reader.locator("[data-feed-list] > article.card").first
    assert "Night trains return to the coast line" in first.inner_text()

    # The editor corrects it with a public note.
    desk.fill("#id_lede", "The first service since the bridge repairs left at 22:40.")
    desk.check("input[name=change][value=correction]")
    desk.fill("#id_note", "An earlier version gave the wrong departure time.")
    desk.click("button[value=save]")
    desk.wait_for_selector("text=Saved.")
    reader.goto(site.url + article.get_absolute_url())
    corrections = reader.inner_text("section.corrections")
    assert "An earlier version gave the wrong departure time." in corrections
    assert "22:40" in reader.inner_text("main")
    assert "Coast Radio" in reader.inner_text("main")

    # Unpublishing gives 410 Gone.
    desk.click("button.danger")
    desk.wait_for_selector("text=410 Gone")
    assert status_of(site.url + article.get_absolute_url()) == 410
    # A reader new to the site (the first reader's browser may keep the News
    # Feed it loaded for Cache-Control's max-age, as browsers do).
    newcomer = browser.new_context().new_page()
    newcomer.goto(site.url + "/")
    assert "Night trains return" not in newcomer.inner_text("main")
