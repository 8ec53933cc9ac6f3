"""Feed auto-discovery links and JSON-LD blocks for the public templates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.template import Context
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from newsdesk.news.models import Article, Author, Coverage, Tag

from .. import structured
from ..conditional import state_of
from ..entries import FORMATS, Scope, absolute

register = template.Library()

LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


@register.simple_tag
def feed_links(subject: Tag | Author | Coverage | str | None = None) -> SafeString:
    """``<link rel="alternate">`` for each format of the site, a tag, an author,
    a live coverage or a language (its code)."""
    if isinstance(subject, Coverage):
        scope = Scope.for_coverage(subject)
    elif isinstance(subject, str) and subject:
        scope = Scope.for_language(subject)
    elif isinstance(subject, Tag):
        scope = Scope.for_tag(subject)
    elif isinstance(subject, Author):
        scope = Scope.for_author(subject)
    else:
        scope = Scope.site()
    return format_html_join(
        "\n",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        (
            (media_type, f"{scope.title} ({LABELS[fmt]})", absolute(scope.feed_path(fmt)))
            for fmt, (_name, media_type) in FORMATS.items()
        ),
    )


@register.simple_tag
def share_image(article: Article | None = None) -> str:
    """The image shared with a link: the article's first image, else the site icon."""
    return structured.image_for(article) if article else structured.default_image()


@register.simple_tag
def news_article_ld(article: Article, translations: Iterable[Any] = ()) -> SafeString:
    """``NewsArticle``; ``translations``: the article page's list (dicts with ``article``)."""
    others = [t["article"] if isinstance(t, dict) else t for t in translations]
    return structured.script(structured.news_article(article, others))


@register.simple_tag(takes_context=True)
def live_blog_ld(
    context: Context, pinned: Article | None, articles: Iterable[Article]
) -> SafeString:
    """``LiveBlogPosting`` for the first page of the News Feed; its coverage
    starts at the oldest publication, read with the page's validators. A
    language's News Feed (``canonical``, ``live_language``) is its own."""
    start = state_of(context["request"]).first_published
    shown = [*([pinned] if pinned else []), *articles]
    path = context.get("canonical") or "/"
    language = context.get("live_language") or ""
    return structured.script(structured.live_blog(shown, start, path, language))


@register.simple_tag
def coverage_ld(
    coverage: Coverage, pinned: Article | None, articles: Iterable[Article]
) -> SafeString:
    """``LiveBlogPosting`` for the first page of a live coverage."""
    shown = [*([pinned] if pinned else []), *articles]
    return structured.script(structured.coverage_blog(coverage, shown))


@register.simple_tag
def coverage_image(coverage: Coverage) -> str:
    """The image shared with a coverage's link: its lead image, else the site icon."""
    if coverage.image_id and coverage.image is not None:
        return structured.absolute_media(coverage.image.src(1600))
    return structured.default_image()
