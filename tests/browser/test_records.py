"""The desk's records in a real browser against ``newsdesk serve``: an editor
renames a tag, its old address answers 301 to the new one and the News Feed's
tag chips say the new name on the next request (the page cache included);
the author, tag and settings pages fit a 360 px phone."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Tag
from tests.cache.test_page_cache import cached, wait_until_server_knows
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, site: Server, username: str) -> None:
    page.goto(site.url + "/desk/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/desk/")


@pytest.fixture
def harbour(browser: Any, site: Server) -> Article:
    draft = actions.create_draft(
        headline="Sea wall repairs finish a week early",
        lede="The promenade reopens on Saturday.",
        tags=["Harbour works"],
    )
    article = actions.publish(draft)
    wait_until_server_knows(site)
    return article


def chips(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("article.card ul.tags a").all_inner_texts()]


def test_an_editor_renames_a_tag_and_readers_follow(
    browser: Any, site: Server, harbour: Article
) -> None:
    make_user("eden", "editor")
    reader = browser.new_context().new_page()
    reader.goto(site.url + "/")
    assert chips(reader) == ["Harbour works"]
    assert b">Harbour works</a>" in cached(site, "/").body  # the server keeps the page

    desk = browser.new_context().new_page()
    sign_in(desk, site, "eden")
    desk.click(".desk-header nav >> text=Tags")
    desk.wait_for_url(site.url + "/desk/tags/")
    desk.click("tr:has-text('Harbour works') >> text=Rename")
    desk.fill("#id_name", "Sea wall")
    desk.click("button:has-text('Save')")
    desk.wait_for_selector("text=Saved.")
    assert Tag.objects.get().slug == "sea-wall"

    old = reader.request.get(site.url + "/tag/harbour-works/", max_redirects=0)
    assert old.status == 301
    assert old.headers["location"] == "/tag/sea-wall/"
    reader.goto(site.url + "/tag/harbour-works/")
    assert reader.url == site.url + "/tag/sea-wall/"
    assert "Sea wall" in reader.inner_text("h1")

    # The reader's browser may keep the News Feed for NEWSDESK_CACHE_MAX_AGE;
    # reloading asks the server, and so does anyone else's first visit.
    reader.goto(site.url + "/")
    reader.reload()
    assert chips(reader) == ["Sea wall"]
    other = browser.new_context().new_page()
    other.goto(site.url + "/")
    assert chips(other) == ["Sea wall"]
    for page in (desk, reader, other):
        page.context.close()


def test_the_record_pages_fit_a_phone(browser: Any, site: Server, harbour: Article) -> None:
    make_user("ada", "admin")
    author = actions.create_author(
        name="Mira Castell-Ruiz de la Fuente",
        bio="Mira covers the harbour, the ferries and the long fight over the sea wall.",
        website="https://mira-castell-ruiz-de-la-fuente.example/",
    )
    actions.create_tag(name="Ferries")
    tag = Tag.objects.get(name="Harbour works")
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_in(page, site, "ada")
    for path in (
        "/desk/authors/",
        "/desk/authors/new/",
        f"/desk/authors/{author.pk}/",
        "/desk/tags/",
        f"/desk/tags/{tag.pk}/",
        f"/desk/tags/{tag.pk}/merge/",
        "/desk/settings/",
    ):
        page.goto(site.url + path)
        width, viewport = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert width <= viewport, f"{path} scrolls sideways at {viewport} px ({width} px wide)"
    # The merge's confirm step, without JavaScript's help: plain forms.
    page.goto(site.url + f"/desk/tags/{tag.pk}/merge/")
    page.select_option("#id_into", label="Ferries")
    page.click("button:has-text('Continue')")
    page.wait_for_selector("text=Are you sure?")
    page.click("button:has-text('Merge into')")
    page.wait_for_selector("text=is merged into")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Ferries"]
    page.context.close()
