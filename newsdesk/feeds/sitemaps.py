"""Sitemaps for search engines: an index, its parts, and a Google News sitemap.

Parts are id ranges of ``NEWSDESK_SITEMAP_SIZE`` (50,000 by default, the
protocol's limit), so a part never holds more than that, never moves when
older articles are withdrawn, and is read without OFFSET. The index lists
only the parts that hold something, with the newest change in each.

An article with published translations lists each of them, and itself, as
``xhtml:link rel="alternate" hreflang`` (one more query a part); with several
site languages, the site part lists each language's News Feed likewise. The
site part also lists the live coverages' pages.

The Google News sitemap lists the articles published in the last 48 hours,
newest first, at most 1,000, as Google's publisher guidelines ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from newsdesk.cache import deps
from newsdesk.cache.deps import depends_on
from newsdesk.news import languages
from newsdesk.news.models import Article, Author, Coverage, Tag
from newsdesk.site import current as site_settings

from .conditional import conditional, public_cache
from .entries import absolute, w3c_date
from .xmlwriter import XMLWriter

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
KINDS = ("articles", "tags", "authors")
#: Live coverages listed in the site part (a newsroom runs a handful at a time).
MAX_COVERAGES = 1000
XML = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class Url:
    loc: str
    lastmod: datetime | None
    #: (language, address) of each translation, itself included; empty without any.
    alternates: tuple[tuple[str, str], ...] = ()


def _changed(prefix: str = "") -> Coalesce:
    return Coalesce(f"{prefix}updated_at", f"{prefix}published_at")


def _kind(kind: str) -> tuple[QuerySet[Any], str]:
    """The rows of a kind that have a public page, and the path to an article's date."""
    if kind == "articles":
        return Article.published.all(), ""
    published = {"articles__status": Article.Status.PUBLISHED}
    if kind == "tags":
        return Tag.objects.filter(**published), "articles__"
    return Author.objects.filter(**published), "articles__"


def parts(kind: str) -> list[tuple[int, datetime | None]]:
    """(part number, newest change) for each part of ``kind`` that holds a URL."""
    size = settings.NEWSDESK_SITEMAP_SIZE
    rows, via = _kind(kind)
    grouped = (
        rows.annotate(part=(F("id") - 1) / size + 1)
        .values("part")
        .annotate(lastmod=Max(_changed(via)))
        .order_by("part")
    )
    return [(row["part"], row["lastmod"]) for row in grouped]


def part_urls(kind: str, number: int) -> list[Url]:
    size = settings.NEWSDESK_SITEMAP_SIZE
    rows, via = _kind(kind)
    rows = rows.filter(id__gt=(number - 1) * size, id__lte=number * size).order_by("id")
    if kind == "articles":
        found = list(rows.only("id", "slug", "published_at", "updated_at", "language",
                               "translation_of_id"))  # fmt: skip
        groups = _groups(found)
        return [
            Url(
                absolute(a.get_absolute_url()),
                a.updated_at or a.published_at,
                groups.get(a.translation_of_id or a.pk, ()),
            )
            for a in found
        ]
    return [
        Url(absolute(item.get_absolute_url()), item.lastmod)
        for item in rows.annotate(lastmod=Max(_changed(via))).only("id", "slug")
    ]


def _groups(articles: list[Article]) -> dict[int, tuple[tuple[str, str], ...]]:
    """Group id -> (language, address) of its published updates, for groups of two or more."""
    ids = {a.translation_of_id or a.pk for a in articles}
    members: dict[int, list[tuple[str, str]]] = {}
    for other in (
        Article.published.filter(Q(pk__in=ids) | Q(translation_of_id__in=ids))
        .only("id", "slug", "language", "translation_of_id")
        .order_by("language", "id")
    ):
        group = other.translation_of_id or other.pk
        members.setdefault(group, []).append((other.language, absolute(other.get_absolute_url())))
    return {group: tuple(found) for group, found in members.items() if len(found) > 1}


def _urlset(urls: Iterable[Url]) -> bytes:
    urls = list(urls)
    xml = XMLWriter()
    namespaces = {"xmlns": SITEMAP}
    if any(url.alternates for url in urls):
        namespaces["xmlns:xhtml"] = XHTML
    xml.start("urlset", namespaces)
    xml.newline()
    for url in urls:
        xml.start("url")
        xml.element("loc", url.loc)
        if url.lastmod:
            xml.element("lastmod", w3c_date(url.lastmod))
        for language, address in url.alternates:
            xml.element(
                "xhtml:link", None, {"rel": "alternate", "hreflang": language, "href": address}
            )
        xml.end("url")
    xml.end("urlset")
    return xml.bytes()


def news_language(code: str) -> str:
    """Google News wants ISO 639 (two or three letters), or zh-cn / zh-tw."""
    code = code.lower()
    if code in ("zh-cn", "zh-tw"):
        return code
    if code.startswith("zh-"):
        return "zh-tw" if code in ("zh-hant", "zh-hk", "zh-mo") else "zh-cn"
    return code.split("-", 1)[0]


def news_articles(now: datetime) -> QuerySet[Article]:
    return Article.published.filter(published_at__gte=now - NEWS_WINDOW).order_by(
        "-published_at", "-id"
    )[:NEWS_LIMIT]


# Views ------------------------------------------------------------------


@conditional
def index(request: HttpRequest) -> HttpResponse:
    xml = XMLWriter()
    xml.start("sitemapindex", {"xmlns": SITEMAP})
    xml.newline()
    newest = Article.published.aggregate(last=Max(_changed()))["last"]
    entries: list[tuple[str, datetime | None]] = [("/sitemaps/site.xml", newest)]
    for kind in KINDS:
        entries += [(f"/sitemaps/{kind}-{n}.xml", lastmod) for n, lastmod in parts(kind)]
    entries.append(("/sitemaps/news.xml", None))
    for path, lastmod in entries:
        xml.start("sitemap")
        xml.element("loc", absolute(path))
        if lastmod:
            xml.element("lastmod", w3c_date(lastmod))
        xml.end("sitemap")
    xml.end("sitemapindex")
    return depends_on(HttpResponse(xml.bytes(), content_type=XML), [deps.ALL])


def _home_pages(newest: datetime | None) -> list[Url]:
    """``/``, and each other language's News Feed (``/uk/``) when there are several."""
    site = languages.site_languages()
    if len(site) < 2:
        return [Url(absolute("/"), newest)]
    pages = [
        (code, absolute("/" if i == 0 else f"/{code.lower()}/")) for i, code in enumerate(site)
    ]
    alternates = (*pages, ("x-default", absolute("/")))
    return [Url(address, newest, alternates) for _code, address in pages]


def _coverage_pages() -> list[Url]:
    """Each live coverage's page, last changed by its own edit or its newest update."""
    published = Q(articles__status=Article.Status.PUBLISHED)
    rows = Coverage.objects.annotate(newest=Max("articles__published_at", filter=published))
    return [
        Url(absolute(c.get_absolute_url()), max(filter(None, (c.modified_at, c.newest))))
        for c in rows.order_by("pk")[:MAX_COVERAGES]
    ]


@conditional
def site(request: HttpRequest) -> HttpResponse:
    """The home pages and the live coverages' pages."""
    newest = Article.published.aggregate(last=Max(_changed()))["last"]
    urls = _home_pages(newest) + _coverage_pages()
    response = HttpResponse(_urlset(urls), content_type=XML)
    return depends_on(response, [deps.ALL, deps.COVERAGES])


@conditional
def part(request: HttpRequest, kind: str, number: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    urls = part_urls(kind, number)
    if not urls:  # an empty urlset is not valid; such a part is not in the index
        raise Http404
    return depends_on(HttpResponse(_urlset(urls), content_type=XML), [deps.ALL])


def news(request: HttpRequest) -> HttpResponse:
    """Not conditional: it changes as time passes (articles age out), not only on events."""
    xml = XMLWriter()
    xml.start("urlset", {"xmlns": SITEMAP, "xmlns:news": NEWS})
    xml.newline()
    name = site_settings.current().name
    for article in news_articles(timezone.now()).only(
        "id", "slug", "headline", "language", "published_at"
    ):
        assert article.published_at is not None
        xml.start("url")
        xml.element("loc", absolute(article.get_absolute_url()))
        xml.start("news:news")
        xml.start("news:publication")
        xml.element("news:name", name)
        xml.element("news:language", news_language(article.language))
        xml.end("news:publication")
        xml.element("news:publication_date", w3c_date(article.published_at))
        xml.element("news:title", article.headline)
        xml.end("news:news")
        xml.end("url")
    xml.end("urlset")
    response = HttpResponse(xml.bytes(), content_type=XML)
    public_cache(response)
    return response
