"""Structured data for search engines: schema.org JSON-LD and share images.

``NewsArticle`` on an article's page, ``LiveBlogPosting`` on the News Feed
and on each live coverage's page.
Everything is built from what the page already loaded; the only extra read
is the start of coverage on the feed (one indexed row).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from newsdesk.news.models import Article, Coverage
from newsdesk.news.rendering import figures
from newsdesk.site import current as site_settings

from .entries import absolute, absolute_media, desk_author

_IMG_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"')
# Inside <script>, "</script" or "<!--" would end or confuse the element:
# escape the characters that could start them, and the JS line separators.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def logo_url() -> str:
    """The site settings' logo, else ``NEWSDESK_LOGO_URL``, else the bundled one."""
    uploaded = site_settings.current().logo_url
    if uploaded:
        return absolute_media(uploaded)
    return settings.NEWSDESK_LOGO_URL or absolute(static("feeds/logo.png"))


def default_image() -> str:
    return absolute(static("feeds/icon.png"))


def image_for(article: Article) -> str:
    """The featured image (its largest rendition), else the first image in the
    body, else the site's square icon."""
    if article.image_id and article.image is not None:
        return absolute_media(article.image.src(1600))
    match = _IMG_SRC.search(article.body_html)
    if match:
        return urljoin(absolute(article.get_absolute_url()), html.unescape(match.group(1)))
    return default_image()


def _image_object(url: str, alt: str, caption: str, credit: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ImageObject", "url": url, "contentUrl": url}
    if alt:
        data["description"] = alt
    if caption:
        data["caption"] = caption
    if credit:
        data["creditText"] = credit
        # The credit names who made the picture: the holder of its rights.
        data["copyrightHolder"] = {"@type": "Person", "name": credit}
    return data


def image_object(article: Article) -> str | dict[str, Any]:
    """:func:`image_for`, as an ``ImageObject`` with its ``caption``, ``creditText``
    and ``copyrightHolder`` when the featured image has a caption or credit."""
    url = image_for(article)
    if not (article.image_id and (article.image_caption or article.image_credit)):
        return url
    return _image_object(url, article.image_alt, article.image_caption, article.image_credit)


def images(article: Article) -> list[str | dict[str, Any]]:
    """Every picture of the update: the featured image (or the fallback of
    :func:`image_for`), then each of our images in the body with its caption
    and credit."""
    found = figures(article.body)
    body: list[str | dict[str, Any]] = [
        _image_object(absolute_media(f.image.src(1600)), f.alt, f.caption, f.credit) for f in found
    ]
    if article.image_id or not body:
        return [image_object(article), *body]
    return body


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def publisher() -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "name": site_settings.current().name,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": logo_url()},
    }


def _unsigned() -> list[dict[str, Any]]:
    """The author of an update without a byline: the desk (site settings)."""
    desk = desk_author()
    return [{"@type": "Organization", "name": desk.name, "url": desk.url}] if desk else []


def news_article(article: Article, translations: Sequence[Article] = ()) -> dict[str, Any]:
    """``NewsArticle`` for a published article with bylines, tags, sources,
    corrections, and its published ``translations``: the group's first update
    lists the others as ``workTranslation``, each other names it as
    ``translationOfWork``."""
    url = absolute(article.get_absolute_url())
    sources = list(article.sources.all())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.lede or None,
        "image": images(article),
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.updated_at or article.published_at),
        "inLanguage": article.language,
        "wordCount": article.word_count,
        "keywords": [t.name for t in article.tags.all()],
        "author": [
            {"@type": "Person", "name": b.author.name, "url": absolute(b.author.get_absolute_url())}
            for b in article.bylines.all()
        ]
        or _unsigned(),
        "publisher": publisher(),
        "isBasedOn": [s.url for s in sources if s.url],
        "citation": [
            {"@type": "CreativeWork", "name": s.outlet, **({"url": s.url} if s.url else {})}
            for s in sources
        ],
        "correction": [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": _iso(c.created_at)}
            for c in article.corrections.all()
        ],
    }
    data.update(_translations(article, translations))
    return {k: v for k, v in data.items() if v not in (None, [])}


def _translations(article: Article, translations: Sequence[Article]) -> dict[str, Any]:
    def work(other: Article) -> dict[str, Any]:
        return {
            "@type": "NewsArticle",
            "@id": absolute(other.get_absolute_url()),
            "inLanguage": other.language,
        }

    if article.translation_of_id is None:
        return {"workTranslation": [work(t) for t in translations]}
    original = [t for t in translations if t.pk == article.translation_of_id]
    return {"translationOfWork": work(original[0])} if original else {}


def live_blog(
    articles: Iterable[Article],
    coverage_start: datetime | None,
    path: str = "/",
    language: str = "",
) -> dict[str, Any]:
    """``LiveBlogPosting`` for a News Feed (``/``, or one language's at ``path``):
    its newest updates as ``liveBlogUpdate``."""
    shown = [a for a in articles if a.published_at is not None]
    changed = [a.updated_at or a.published_at for a in shown if a.published_at]
    updates = [
        {
            "@type": "BlogPosting",
            "headline": a.headline,
            "url": absolute(a.get_absolute_url()),
            "datePublished": _iso(a.published_at),
            "dateModified": _iso(a.updated_at or a.published_at),
            **({"articleBody": a.lede} if a.lede else {}),
        }
        for a in shown
    ]
    home = absolute(path)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": home,
        "url": home,
        "headline": site_settings.current().name,
        "publisher": publisher(),
        "inLanguage": language or None,
        "coverageStartTime": _iso(coverage_start),
        "dateModified": _iso(max(changed, default=None)),
        "liveBlogUpdate": updates,
    }
    return {k: v for k, v in data.items() if v is not None}


def coverage_blog(coverage: Coverage, articles: Iterable[Article]) -> dict[str, Any]:
    """``LiveBlogPosting`` for a live coverage's page: the News Feed's, with
    the coverage's title, key points, lead image, start and (once ended) end."""
    data = live_blog(articles, coverage.started_at, coverage.get_absolute_url(), coverage.language)
    data["headline"] = coverage.title
    data["coverageStartTime"] = _iso(coverage.started_at)
    if coverage.ended_at is not None:
        data["coverageEndTime"] = _iso(coverage.ended_at)
    if coverage.key_points_html:
        data["description"] = _text(coverage.key_points_html)
    if coverage.image_id and coverage.image is not None:
        data["image"] = [absolute_media(coverage.image.src(1600))]
    data.setdefault("dateModified", data["coverageStartTime"])
    return data


def _text(markup: str) -> str:
    """Sanitised HTML as one line of plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` data block (not run, so CSP allows it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
