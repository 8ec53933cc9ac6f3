"""Sitemaps, the Google News sitemap, robots.txt, and what pages tell crawlers."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from newsdesk.feeds import sitemaps
from newsdesk.feeds.sitemaps import news_language
from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Tag
from tests.helpers import Element, find_all, parse

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def locs(tree: Any) -> list[str]:
    return [e.text for e in tree.iterfind(".//s:loc", NS)]


def test_index_splits_articles_into_parts(
    client: Client, published: Callable[..., list[Article]], settings: Any
) -> None:
    settings.NEWSDESK_SITEMAP_SIZE = 3
    articles = published(7, tags=["Energy"])
    actions.unpublish(articles[1])
    index = xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    ids = [a.pk for a in articles]
    # Ids are not reset between tests on PostgreSQL: derive the parts from them.
    tag_part = (Tag.objects.get(slug="energy").pk - 1) // 3 + 1
    author_part = (Author.objects.get(slug="mira-castell").pk - 1) // 3 + 1
    parts = sorted({(pk - 1) // 3 + 1 for pk in ids})
    assert locs(index) == [
        f"{SITE}/sitemaps/site.xml",
        *(f"{SITE}/sitemaps/articles-{n}.xml" for n in parts),
        f"{SITE}/sitemaps/tags-{tag_part}.xml",
        f"{SITE}/sitemaps/authors-{author_part}.xml",
        f"{SITE}/sitemaps/news.xml",
    ]
    listed: list[str] = []
    for n in parts:
        part = locs(xml(client, f"/sitemaps/articles-{n}.xml"))
        assert 0 < len(part) <= 3
        listed += part
    live = [a for a in articles if a.pk != articles[1].pk]
    assert listed == [f"{SITE}{a.get_absolute_url()}" for a in live]
    assert locs(xml(client, f"/sitemaps/tags-{tag_part}.xml")) == [f"{SITE}/tag/energy/"]
    assert locs(xml(client, f"/sitemaps/authors-{author_part}.xml")) == [
        f"{SITE}/author/mira-castell/"
    ]
    assert locs(xml(client, "/sitemaps/site.xml")) == [f"{SITE}/"]
    assert client.get(f"/sitemaps/articles-{parts[-1] + 1}.xml").status_code == 404
    assert client.get("/sitemaps/drafts-1.xml").status_code == 404


def test_lastmod_follows_corrections(client: Client, make_article: Callable[..., Article]) -> None:
    story = make_article()
    actions.correct(story, note="Fixed a name.")
    story.refresh_from_db()
    part = xml(client, f"/sitemaps/articles-{(story.pk - 1) // 50_000 + 1}.xml")
    assert story.updated_at is not None
    lastmod = part.findtext(".//s:lastmod", namespaces=NS)
    assert lastmod == story.updated_at.isoformat().replace("+00:00", "Z")


def test_google_news_sitemap_holds_exactly_the_last_48_hours(
    client: Client, make_article: Callable[..., Article], site_languages: Callable[[str], None]
) -> None:
    site_languages("en, pt-BR")
    now = timezone.now()

    def at(hours: float, **fields: Any) -> Article:
        article = make_article(publish=False, **fields)
        return actions.publish(article, at=now - timedelta(hours=hours))

    old = at(49)
    edge_out = at(48.01)
    inside = [at(47.9), at(30), at(1, language="pt-BR")]
    withdrawn = at(2)
    actions.unpublish(withdrawn)
    make_article(publish=False)  # a draft
    fresh = make_article(headline="Ceasefire ]]> talks resume")
    tree = xml(client, "/sitemaps/news.xml")
    urls = tree.findall("s:url", NS)
    expected = [fresh, *reversed(inside)]
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [
        f"{SITE}{a.get_absolute_url()}" for a in expected
    ]
    for article in (old, edge_out, withdrawn):
        assert f"{SITE}{article.get_absolute_url()}" not in locs(tree)
    first = urls[0].find("news:news", NS)
    assert first is not None
    assert first.findtext("news:publication/news:name", namespaces=NS) == "Newsdesk"
    assert first.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert first.findtext("news:title", namespaces=NS) == "Ceasefire ]]> talks resume"
    assert fresh.published_at is not None
    assert first.findtext("news:publication_date", namespaces=NS) == (
        fresh.published_at.isoformat().replace("+00:00", "Z")
    )
    portuguese = urls[1].find("news:news/news:publication/news:language", NS)
    assert portuguese is not None and portuguese.text == "pt"


def test_google_news_sitemap_is_capped(
    client: Client, make_article: Callable[..., Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Google News reads at most 1,000 URLs a sitemap; the cap is tried at a
    smaller number, the same code path, so the suite need not publish 1,001."""
    assert sitemaps.NEWS_LIMIT == 1000
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 20)
    now = timezone.now()
    draft = make_article(publish=False)
    for i in range(21):
        # Each one real, published at distinct times within the window.
        article = actions.create_draft(headline=f"Short update {i}", lede="x", authors=[])
        actions.publish(article, at=now - timedelta(minutes=21 - i))
    tree = xml(client, "/sitemaps/news.xml")
    urls = locs(tree)
    assert len(urls) == 20
    assert urls[0].endswith("/news/short-update-20/")
    assert urls[-1].endswith("/news/short-update-1/")
    assert draft.slug not in "".join(urls)


def test_news_language_codes() -> None:
    assert [news_language(c) for c in ("en", "pt-BR", "zh-Hans", "zh-TW", "uk")] == [
        "en",
        "pt",
        "zh-cn",
        "zh-tw",
        "uk",
    ]


def test_robots_names_the_sitemaps(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemaps/news.xml" in lines


# Pages -------------------------------------------------------------------


def meta(tree: Element, key: str) -> list[str]:
    found = find_all(tree, "meta", property=key) or find_all(tree, "meta", name=key)
    return [m.attrs["content"] for m in found]


def json_ld(tree: Element) -> list[dict[str, Any]]:
    return [json.loads(s.text) for s in find_all(tree, "script", type="application/ld+json")]


def discovery(tree: Element) -> list[tuple[str, str]]:
    return [(a.attrs["type"], a.attrs["href"]) for a in find_all(tree, "link", rel="alternate")]


SITE_FEEDS = [
    ("application/rss+xml", f"{SITE}/rss.xml"),
    ("application/atom+xml", f"{SITE}/atom.xml"),
    ("application/feed+json", f"{SITE}/feed.json"),
]


@pytest.fixture
def story(make_article: Callable[..., Article], author: Author) -> Article:
    article = make_article(
        headline="Bridge reopens </script><script>alert(1)</script>",
        lede="Engineers signed off overnight.",
        body="![The bridge](https://images.example/bridge.jpg)\n\nTraffic is flowing.",
        tags=["Transport"],
        sources=[
            actions.SourceInput("the Harbour Gazette", "https://harbour.example/bridge"),
            actions.SourceInput("Coast Radio", "", "according to"),
        ],
    )
    actions.correct(article, note="The bridge reopened at six, not five.")
    article.refresh_from_db()
    return article


def test_article_page_tells_crawlers_and_sharers(client: Client, story: Article) -> None:
    tree = parse(client.get(story.get_absolute_url()).content)
    url = f"{SITE}{story.get_absolute_url()}"
    assert [c.attrs["href"] for c in find_all(tree, "link", rel="canonical")] == [url]
    assert meta(tree, "og:type") == ["article"]
    assert meta(tree, "og:title") == [story.headline]
    assert meta(tree, "og:url") == [url]
    assert meta(tree, "og:image") == ["https://images.example/bridge.jpg"]
    assert meta(tree, "og:site_name") == ["Newsdesk"]
    assert meta(tree, "article:tag") == ["Transport"]
    assert meta(tree, "article:author") == [f"{SITE}/author/mira-castell/"]
    assert meta(tree, "twitter:card") == ["summary_large_image"]
    assert meta(tree, "twitter:title") == [story.headline]
    assert discovery(tree) == SITE_FEEDS
    [data] = json_ld(tree)
    assert story.published_at is not None and story.updated_at is not None
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.headline  # escaped in the page, intact as data
    assert data["image"] == ["https://images.example/bridge.jpg"]
    assert data["datePublished"] == story.published_at.isoformat()
    assert data["dateModified"] == story.updated_at.isoformat()
    assert data["author"] == [
        {"@type": "Person", "name": "Mira Castell", "url": f"{SITE}/author/mira-castell/"}
    ]
    assert data["publisher"]["name"] == "Newsdesk"
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/feeds/logo.png"
    assert data["isBasedOn"] == ["https://harbour.example/bridge"]
    assert [c["name"] for c in data["citation"]] == ["the Harbour Gazette", "Coast Radio"]
    assert data["correction"][0]["text"] == "The bridge reopened at six, not five."


def test_json_ld_cannot_close_its_script(client: Client, story: Article) -> None:
    html = client.get(story.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    assert "<script>alert(1)" not in block and "\\u003c/script\\u003e" in block


def test_feed_page_is_a_live_blog(client: Client, published: Callable[..., list[Article]]) -> None:
    articles = published(3)
    actions.pin(articles[0])
    tree = parse(client.get("/").content)
    [data] = json_ld(tree)
    assert data["@type"] == "LiveBlogPosting"
    assert articles[0].published_at is not None
    assert data["coverageStartTime"] == articles[0].published_at.isoformat()
    assert [u["url"] for u in data["liveBlogUpdate"]] == [
        f"{SITE}{a.get_absolute_url()}" for a in (articles[0], articles[2], articles[1])
    ]
    assert [c.attrs["href"] for c in find_all(tree, "link", rel="canonical")] == [f"{SITE}/"]
    assert meta(tree, "og:type") == ["website"]
    assert discovery(tree) == SITE_FEEDS
    older = parse(client.get("/?before=1.1").content)
    assert json_ld(older) == [] and not find_all(older, "link", rel="canonical")


def test_tag_and_author_pages_offer_their_own_feeds(client: Client, story: Article) -> None:
    tag = parse(client.get("/tag/transport/").content)
    assert discovery(tag) == [
        ("application/rss+xml", f"{SITE}/tag/transport/rss.xml"),
        ("application/atom+xml", f"{SITE}/tag/transport/atom.xml"),
        ("application/feed+json", f"{SITE}/tag/transport/feed.json"),
        *SITE_FEEDS,
    ]
    assert [c.attrs["href"] for c in find_all(tag, "link", rel="canonical")] == [
        f"{SITE}/tag/transport/"
    ]
    author = parse(client.get("/author/mira-castell/").content)
    assert discovery(author)[0] == ("application/rss+xml", f"{SITE}/author/mira-castell/rss.xml")
    for feed in discovery(tag) + discovery(author):
        assert client.get(feed[1].removeprefix(SITE)).status_code == 200


def test_pages_without_a_body_image_share_the_site_icon(
    client: Client, make_article: Callable[..., Article]
) -> None:
    article = make_article()
    tree = parse(client.get(article.get_absolute_url()).content)
    assert meta(tree, "og:image") == [f"{SITE}/static/feeds/icon.png"]
    assert client.get("/static/feeds/icon.png").status_code == 200
