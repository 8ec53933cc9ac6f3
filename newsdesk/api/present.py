"""Articles, authors and tags as the API shows them: every field named here,
nothing taken wholesale from a model."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from newsdesk.news import embeds, permissions
from newsdesk.news.models import Article, ArticleAuthor, Author, Correction, Coverage, Tag


def absolute(path: str) -> str:
    return settings.NEWSDESK_SITE_URL + path


TRANSLATION_FIELDS = ("id", "slug", "language", "status", "translation_of_id")


def with_relations(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Everything an article shows, in a constant number of queries."""
    group = Article.objects.only(*TRANSLATION_FIELDS).order_by("language", "id")
    return queryset.select_related("image").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
        "sources",
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "id")),
        # The group of translations: the first update's others, or the
        # first update and its others.
        Prefetch("translations", queryset=group),
        Prefetch("translation_of", queryset=Article.objects.only(*TRANSLATION_FIELDS)),
        Prefetch("translation_of__translations", queryset=group),
        Prefetch("coverages", queryset=Coverage.objects.only("id", "slug", "title")),
    )


def translations(
    item: Article, *, published_only: bool, viewer: Any = None
) -> list[dict[str, Any]]:
    """The article's translations (from :func:`with_relations`' prefetches):
    published ones, or those ``viewer`` may see on the desk."""
    root = item.translation_of if item.translation_of_id else None
    group = [root, *root.translations.all()] if root is not None else item.translations.all()
    return [
        {"id": a.pk, "language": a.language, "url": absolute(a.get_absolute_url())}
        for a in group
        if a.pk != item.pk
        and (a.is_published if published_only else permissions.can(viewer, "article.view", a))
    ]


def tag(item: Tag) -> dict[str, Any]:
    return {"name": item.name, "slug": item.slug, "url": absolute(item.get_absolute_url())}


def author(item: Author) -> dict[str, Any]:
    return {
        "name": item.name,
        "slug": item.slug,
        "url": absolute(item.get_absolute_url()),
        "bio": item.bio,
        "contact": item.contact,
        "avatar": absolute(item.avatar.url) if item.avatar else None,
    }


def _relations(article: Article) -> dict[str, Any]:
    return {
        "tags": [tag(t) for t in article.tags.all()],
        "authors": [
            {
                "name": b.author.name,
                "slug": b.author.slug,
                "url": absolute(b.author.get_absolute_url()),
            }
            for b in article.bylines.all()
        ],
        "sources": [
            {"outlet": s.outlet, "url": s.url, "quote_style": s.quote_style}
            for s in article.sources.all()
        ],
        "corrections": [
            {"text": c.text, "created_at": c.created_at} for c in article.corrections.all()
        ],
        "image": image(article),
        "coverages": [
            {"slug": c.slug, "title": c.title, "url": absolute(c.get_absolute_url())}
            for c in article.coverages.all()
        ],
    }


def image(article: Article) -> dict[str, Any] | None:
    """The featured image with this article's alt text, or None."""
    found = article.image if article.image_id else None
    if found is None:
        return None
    shown = found.as_json(article.image_alt)
    return {
        **{k: shown[k] for k in ("url", "srcset", "alt", "width", "height")},
        "caption": article.image_caption,
        "credit": article.image_credit,
    }


def body_html(item: Article) -> str:
    """The body with each embedded post as its link and preview text (no frame)."""
    return str(embeds.page_body(item.body_html, interactive=False)[0])


def article(item: Article) -> dict[str, Any]:
    """A published article as readers see it."""
    return {
        "id": item.pk,
        "slug": item.slug,
        "url": absolute(item.get_absolute_url()),
        "headline": item.headline,
        "lede": item.lede,
        "body_html": body_html(item),
        "language": item.language,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "reading_time": item.reading_time,
        "word_count": item.word_count,
        "is_breaking": item.is_breaking,
        "is_pinned": item.is_pinned,
        "version": item.version,
        **_relations(item),
        "translation_of": item.translation_of_id,
        "translations": translations(item, published_only=True),
    }


def desk_article(item: Article, *, viewer: Any = None) -> dict[str, Any]:
    """An article in any state, as the desk sees it."""
    scheduled = item.status == Article.Status.SCHEDULED
    return {
        "id": item.pk,
        "slug": item.slug,
        "url": absolute(item.get_absolute_url()),
        "status": item.status,
        "headline": item.headline,
        "lede": item.lede,
        "body": item.body,
        "body_html": item.body_html,
        "language": item.language,
        "published_at": None if scheduled else item.published_at,
        "publish_at": item.published_at if scheduled else None,
        "updated_at": item.updated_at,
        "created_at": item.created_at,
        "modified_at": item.modified_at,
        "reading_time": item.reading_time,
        "word_count": item.word_count,
        "is_breaking": item.is_breaking,
        "is_pinned": item.is_pinned,
        "version": item.version,
        **_relations(item),
        "translation_of": item.translation_of_id,
        "translations": translations(item, published_only=False, viewer=viewer),
    }


def coverage(item: Coverage, articles: int) -> dict[str, Any]:
    """A live coverage; ``articles``: how many updates the caller may count."""
    lead = item.image if item.image_id else None
    shown = lead.as_json(item.image_alt) if lead is not None else None
    return {
        "id": item.pk,
        "slug": item.slug,
        "url": absolute(item.get_absolute_url()),
        "title": item.title,
        "key_points": item.key_points,
        "key_points_html": item.key_points_html,
        "language": item.language,
        "started_at": item.started_at,
        "ended_at": item.ended_at,
        "is_open": item.is_open,
        "pinned": item.pinned_id,
        "image": (
            {
                **{k: shown[k] for k in ("url", "srcset", "alt", "width", "height")},
                "caption": "",
                "credit": "",
            }
            if shown is not None
            else None
        ),
        "articles": articles,
        "version": item.version,
    }
