"""Two languages from the same desk: translations linked both ways, a News
Feed and feeds per language, right-to-left pages."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client

from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.helpers import find_all, parse, text_of

pytestmark = pytest.mark.django_db
SITE = settings.NEWSDESK_SITE_URL


@pytest.fixture
def pair(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> tuple[Article, Article]:
    site_languages("en, uk")
    english = make_article(
        headline="Grid operator restores power in Kharkiv", tags=["Energy"], language="en"
    )
    draft = actions.translate(english, language="uk")
    ukrainian = actions.update(
        draft,
        headline="Енергетики відновили живлення в Харкові",
        lede="Бригади за ніч підключили дві підстанції.",
        body="Світло повернулося на світанку.",
    )
    ukrainian = actions.publish(ukrainian)
    english.refresh_from_db()
    return english, ukrainian


def _alternates(html: bytes) -> dict[str, str]:
    links = find_all(parse(html), "link", rel="alternate")
    return {
        el.attrs.get("hreflang", ""): el.attrs.get("href", "")
        for el in links
        if el.attrs.get("hreflang")
    }


def _ld(html: bytes) -> dict[str, object]:
    block = find_all(parse(html), "script", type="application/ld+json")[0]
    return json.loads(block.text)


def test_an_update_and_its_translation_link_to_each_other(
    client: Client, pair: tuple[Article, Article]
) -> None:
    english, ukrainian = pair
    site = settings.NEWSDESK_SITE_URL
    assert ukrainian.slug == "енергетики-відновили-живлення-в-харкові"
    both = {"en": site + english.get_absolute_url(), "uk": site + ukrainian.get_absolute_url()}
    en_page = client.get(english.get_absolute_url())
    uk_page = client.get(ukrainian.get_absolute_url())
    assert en_page.status_code == uk_page.status_code == 200
    assert _alternates(en_page.content) == _alternates(uk_page.content) == both

    en_link = find_all(parse(en_page.content), "a", hreflang="uk")[0]
    assert en_link.attrs.get("href") == ukrainian.get_absolute_url()
    assert en_link.attrs.get("lang") == "uk"
    assert text_of(en_link) == "Читати українською"  # the Ukrainian catalogue's words
    uk_link = find_all(parse(uk_page.content), "a", hreflang="en")[0]
    assert text_of(uk_link) == "Read in English"  # in the language it leads to
    assert uk_link.attrs.get("href") == english.get_absolute_url()

    assert find_all(parse(uk_page.content), "html")[0].attrs.get("lang") == "uk"
    assert find_all(parse(en_page.content), "html")[0].attrs.get("lang") == "en"
    # The page's own words (header, footer, headings) keep the interface's language.
    for part in ("header", "main", "footer"):
        assert find_all(parse(uk_page.content), part)[0].attrs.get("lang") == "en"

    assert _ld(en_page.content)["workTranslation"] == [
        {"@type": "NewsArticle", "@id": both["uk"], "inLanguage": "uk"}
    ]
    assert _ld(uk_page.content)["translationOfWork"] == {
        "@type": "NewsArticle",
        "@id": both["en"],
        "inLanguage": "en",
    }


def test_a_draft_translation_is_not_linked(
    client: Client, site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> None:
    site_languages("en, uk")
    english = make_article(headline="Talks resume")
    actions.translate(english, language="uk")
    page = client.get(english.get_absolute_url())
    assert _alternates(page.content) == {}
    assert not find_all(parse(page.content), "ul", class_="translations")
    assert "workTranslation" not in _ld(page.content)


def _listed(client: Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return [
        el.attrs["data-article-id"]
        for el in find_all(parse(response.content), "article", data_article_id=True)
    ]


def test_each_language_has_its_own_news_feed(client: Client, pair: tuple[Article, Article]) -> None:
    english, ukrainian = pair
    assert _listed(client, "/uk/") == [str(ukrainian.pk)]
    assert _listed(client, "/en/") == [str(english.pk)]
    # The site's default language at /: several languages, so only its own.
    assert _listed(client, "/") == [str(english.pk)]
    page = parse(client.get("/uk/").content)
    assert find_all(page, "html")[0].attrs.get("lang") == "uk"
    assert find_all(page, "body")[0].attrs.get("data-live-language") == "uk"
    canonical = find_all(page, "link", rel="canonical")[0]
    assert canonical.attrs.get("href") == SITE + "/uk/"
    assert _alternates(client.get("/uk/").content) == {
        "en": SITE + "/",
        "uk": SITE + "/uk/",
        "x-default": SITE + "/",
    }
    [live_blog] = [
        json.loads(el.text)
        for el in find_all(parse(client.get("/uk/").content), "script", type="application/ld+json")
    ]
    assert (live_blog["@id"], live_blog["inLanguage"]) == (SITE + "/uk/", "uk")
    assert [u["url"] for u in live_blog["liveBlogUpdate"]] == [SITE + ukrainian.get_absolute_url()]
    assert client.get("/de/").status_code == 404  # not one of the site's languages
    assert client.get("/UK/").status_code == 404


def test_each_language_has_its_own_feeds(client: Client, pair: tuple[Article, Article]) -> None:
    english, ukrainian = pair
    feed = json.loads(client.get("/uk/feed.json").content)
    assert [item["url"] for item in feed["items"]] == [SITE + ukrainian.get_absolute_url()]
    assert feed["language"] == "uk"
    assert feed["home_page_url"] == SITE + "/uk/"
    rss = client.get("/uk/rss.xml")
    assert rss.status_code == 200
    assert b"<language>uk</language>" in rss.content
    site_feed = json.loads(client.get("/feed.json").content)
    assert [item["url"] for item in site_feed["items"]] == [SITE + english.get_absolute_url()]
    assert client.get("/de/rss.xml").status_code == 404
    discovery = find_all(parse(client.get("/uk/").content), "link", type="application/feed+json")
    assert [el.attrs.get("href") for el in discovery] == [SITE + "/uk/feed.json"]


def test_one_language_site_lists_everything_at_the_root(
    client: Client, make_article: Callable[..., Article]
) -> None:
    first = make_article(headline="First")
    assert _listed(client, "/") == [str(first.pk)]
    assert _listed(client, "/en/") == [str(first.pk)]
    assert client.get("/uk/").status_code == 404
    page = parse(client.get("/").content)
    assert not find_all(page, "nav", class_="languages")
    assert find_all(page, "html")[0].attrs.get("dir") == "ltr"


def test_right_to_left_languages_get_dir_rtl(
    client: Client, site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> None:
    site_languages("en, ar, he")
    arabic = make_article(headline="خبر عاجل من القاهرة", language="ar")
    hebrew = make_article(headline="חדשות מירושלים", language="he")
    english = make_article(headline="News from London", language="en")
    for article, direction in ((arabic, "rtl"), (hebrew, "rtl"), (english, "ltr")):
        page = parse(client.get(article.get_absolute_url()).content)
        assert find_all(page, "html")[0].attrs.get("dir") == direction, article.language
        assert find_all(page, "html")[0].attrs.get("lang") == article.language
        assert find_all(page, "article", class_="story")[0].attrs.get("dir") == direction
    page = parse(client.get("/ar/").content)
    assert find_all(page, "html")[0].attrs.get("dir") == "rtl"
    card = find_all(page, "article", data_article_id=str(arabic.pk))[0]
    assert (card.attrs["lang"], card.attrs.get("dir")) == ("ar", "rtl")
    # In a list of several languages each card says its own.
    page = parse(client.get(english.get_absolute_url()).content)
    cards = {c.attrs["data-article-id"]: c for c in find_all(page, "article", class_="card")}
    assert cards[str(hebrew.pk)].attrs.get("dir") == "rtl"
    assert cards[str(hebrew.pk)].attrs["lang"] == "he"
    assert arabic.slug == "خبر-عاجل-من-القاهرة"


def test_sitemaps_name_each_translation_and_language_page(
    client: Client, pair: tuple[Article, Article]
) -> None:
    from lxml import etree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    english, ukrainian = pair
    root = etree.fromstring(client.get("/sitemaps/articles-1.xml").content)
    alternates = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    both = {"en": SITE + english.get_absolute_url(), "uk": SITE + ukrainian.get_absolute_url()}
    assert alternates == {both["en"]: both, both["uk"]: both}
    root = etree.fromstring(client.get("/sitemaps/site.xml").content)
    assert [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)] == [
        SITE + "/",
        SITE + "/uk/",
    ]
