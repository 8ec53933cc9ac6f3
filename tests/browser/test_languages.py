"""With the site in Ukrainian, no English word is left on the pages.

The site language is set through the site action, as an admin would. On the
home page, an article, the 404 page, the desk home and the composer, every
visible text node is read (``innerText``, which leaves hidden elements out),
with the page title and every ``title``, ``placeholder``, ``aria-label``
and ``alt`` attribute and the labels of buttons and options. Any word in
Latin letters that is not a name on the allow-list fails the test, with the
page and the words.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.site.actions import update_settings
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Names, not interface: the product and the site, the author, the formats
#: and standards named as such, the time zone, the demo's own usernames, and
#: languages named in themselves (a language menu says "English").
ALLOWED = {
    "Newsdesk",
    "Mira",
    "Castell",
    "MC",  # her initials, on the card of an author without a picture
    "eden",
    "RSS",
    "Atom",
    "JSON",
    "Feed",
    "Markdown",
    "UTC",
    "English",
    "uk",  # language codes beside their names: "українська (uk)"
    "en",
    "Signal",
    # The networks whose posts embed, named in the composer's help.
    "Bluesky",
    "Mastodon",
    "Telegram",
    "Vimeo",
    "X",
    "YouTube",
    "JPEG",
    "PNG",
    "WebP",
    "GIF",
    "http",
    "https",
    "mailto",
}

READ_PAGE = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll("[title], [placeholder], [aria-label], [alt]")) {
    for (const name of ["title", "placeholder", "aria-label", "alt"]) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  for (const el of document.querySelectorAll("option, input[type=submit], input[type=button]")) {
    parts.push(el.textContent || el.value || "");
  }
  return parts.join("\\n");
}"""
MONTH = re.compile(
    r"\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня"
    r"|листопада|грудня) \d{4}"
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def english_words(page: Any) -> list[str]:
    text = page.evaluate(READ_PAGE)
    return sorted({w for w in LATIN_WORD.findall(text) if w not in ALLOWED})


def test_no_english_is_left_on_the_ukrainian_pages(browser: Any, site: Server) -> None:
    make_user("eden", "editor")
    update_settings(language="uk", site_name="Newsdesk")
    writer = actions.create_author(
        name="Mira Castell",
        slug="mira-castell",
        bio="Пише про енергетику та відбудову.",
        contact="Signal +380 67 000 0000",
    )
    article = actions.publish(
        actions.create_draft(
            headline="Енергетики відновили живлення в Харкові",
            lede="Світло повернулося в більшість районів міста до ранку.",
            body="Ремонтні бригади працювали всю ніч.\n\nЧастина ліній ще під напругою.",
            authors=[writer],
            tags=["Енергетика"],
            language="uk",
        )
    )
    reader = browser.new_context().new_page()
    found: dict[str, list[str]] = {}
    for name, path in (
        ("home page", "/"),
        ("article", article.get_absolute_url()),
        ("404 page", "/news/never-was/"),
        ("tag page", "/tag/енергетика/"),
        ("author page", "/author/mira-castell/"),
        ("search page", "/search?q=живлення"),
    ):
        reader.goto(site.url + path)
        assert reader.locator("html").get_attribute("lang") == "uk", path
        found[name] = english_words(reader)
        if name == "article":  # dates in Ukrainian, the month in the genitive
            assert MONTH.search(reader.inner_text("article.story")), path

    desk = browser.new_context().new_page()
    desk.goto(site.url + "/desk/login/")
    found["sign-in page"] = english_words(desk)
    desk.fill("#id_username", "eden")
    desk.fill("#id_password", PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_url(site.url + "/desk/")
    found["desk home"] = english_words(desk)
    desk.goto(site.url + "/desk/new")
    found["composer"] = english_words(desk)
    desk.goto(site.url + f"/desk/articles/{article.pk}/")
    found["composer, a published update"] = english_words(desk)

    left = {name: words for name, words in found.items() if words}
    assert not left, f"English words on the Ukrainian pages: {left}"


def test_the_live_banner_counts_in_ukrainian(page: Any, site: Server) -> None:
    """live.js writes the banner from the page's own words, with Ukrainian's
    plural forms: 1 нове оновлення, 2 нові оновлення, 5 нових оновлень."""
    update_settings(language="uk")

    def publish(headline: str) -> None:
        actions.publish(actions.create_draft(headline=headline, lede="Лід. " * 30, language="uk"))

    for n in range(30):
        publish(f"Попередній допис {n}")
    page.goto(site.url + "/")
    page.mouse.wheel(0, 2500)
    page.wait_for_function("() => window.scrollY > 1000")
    banner = page.locator(".live-banner")
    for total, words in ((1, "1 нове оновлення"), (2, "2 нові оновлення"), (5, "5 нових оновлень")):
        while Article.objects.filter(headline__startswith="Нове ").count() < total:
            publish(f"Нове {total}-{Article.objects.count()}")
        page.wait_for_function(
            "words => document.querySelector('.live-banner').innerText === words",
            arg=words,
            timeout=5000,
        )
        assert banner.is_visible()
