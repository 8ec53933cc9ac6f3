"""Leaving for another platform: ``newsdesk export --format wordpress FILE``
(WXR 1.2, what WordPress's importer reads) and ``--format ghost FILE`` (the
JSON of Ghost's Labs → Import).

Both carry the articles with their headline, slug, rendered body (the
sanitised HTML readers see), lede as the excerpt, status, publication and
update times, authors, tags and featured image (by its absolute URL: the
receiving platform fetches it, as both do when importing), so that the
other platform's addresses keep the slugs. The WXR is written as a stream
(lxml's incremental writer), one article at a time; the Ghost JSON is one
document, as Ghost reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from lxml import etree

from newsdesk.images.models import absolute
from newsdesk.news.models import Article, Author, Tag

WP = "http://wordpress.org/export/1.2/"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP,
}
WP_STATUS: dict[str, str] = {
    Article.Status.PUBLISHED: "publish",
    Article.Status.SCHEDULED: "future",
    Article.Status.DRAFT: "draft",
    Article.Status.REVIEW: "pending",
    Article.Status.UNPUBLISHED: "private",
}
GHOST_STATUS: dict[str, str] = {
    Article.Status.PUBLISHED: "published",
    Article.Status.SCHEDULED: "scheduled",
}


def _articles() -> Iterator[Article]:
    return (
        Article.objects.select_related("image")
        .prefetch_related("tags", "bylines__author")
        .order_by("pk")
        .iterator(chunk_size=200)
    )


def _wp_date(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if value else "0000-00-00 00:00:00"


def export_wordpress(path: Path) -> int:
    """Write the WXR file; returns the number of articles."""
    site = settings.NEWSDESK_SITE_URL.rstrip("/")
    count = 0
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("rss", {"version": "2.0"}, nsmap=NAMESPACES), xf.element("channel"):

            def text(tag: str, value: str, cdata: bool = False) -> None:
                prefix, _, local = tag.rpartition(":")
                name = f"{{{NAMESPACES[prefix]}}}{local}" if prefix else local
                element = etree.Element(name, nsmap=NAMESPACES)
                element.text = etree.CDATA(value) if cdata and value else value
                xf.write(element)

            text("title", settings.NEWSDESK_SITE_NAME)
            text("link", site)
            text("wp:wxr_version", "1.2")
            text("wp:base_site_url", site)
            text("wp:base_blog_url", site)
            for n, author in enumerate(Author.objects.order_by("pk"), 1):
                with xf.element(f"{{{WP}}}author"):
                    text("wp:author_id", str(n))
                    text("wp:author_login", author.slug, cdata=True)
                    text("wp:author_email", author.email, cdata=True)
                    text("wp:author_display_name", author.name, cdata=True)
            for tag in Tag.objects.order_by("pk"):
                with xf.element(f"{{{WP}}}tag"):
                    text("wp:term_id", str(tag.pk))
                    text("wp:tag_slug", tag.slug, cdata=True)
                    text("wp:tag_name", tag.name, cdata=True)
            for article in _articles():
                count += 1
                image_id = ""
                if article.image is not None:
                    image_id = str(10_000_000 + article.image.pk)
                    with xf.element("item"):
                        text("title", article.image_alt or article.image.alt or "image")
                        text("wp:post_id", image_id)
                        text("wp:post_parent", str(article.pk))
                        text("wp:post_type", "attachment")
                        text("wp:status", "inherit")
                        text("wp:attachment_url", absolute(article.image.url))
                        with xf.element(f"{{{WP}}}postmeta"):
                            text("wp:meta_key", "_wp_attachment_image_alt")
                            text("wp:meta_value", article.image_alt, cdata=True)
                with xf.element("item"):
                    text("title", article.headline)
                    text("link", site + article.get_absolute_url())
                    bylines = sorted(article.bylines.all(), key=lambda b: b.position)
                    text("dc:creator", bylines[0].author.slug if bylines else "", cdata=True)
                    text("content:encoded", article.body_html, cdata=True)
                    text("excerpt:encoded", article.lede, cdata=True)
                    text("wp:post_id", str(article.pk))
                    text("wp:post_date_gmt", _wp_date(article.published_at))
                    text(
                        "wp:post_modified_gmt", _wp_date(article.updated_at or article.modified_at)
                    )
                    text("wp:post_name", article.slug, cdata=True)
                    text("wp:status", WP_STATUS.get(article.status, "draft"))
                    text("wp:post_type", "post")
                    for tag in article.tags.all():
                        element = etree.Element("category", domain="post_tag", nicename=tag.slug)
                        element.text = etree.CDATA(tag.name)
                        xf.write(element)
                    if image_id:
                        with xf.element(f"{{{WP}}}postmeta"):
                            text("wp:meta_key", "_thumbnail_id")
                            text("wp:meta_value", image_id)
    return count


def _iso(value: datetime | None) -> str | None:
    return (
        value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if value
        else None
    )


def export_ghost(path: Path) -> int:
    """Write Ghost's import JSON; returns the number of articles."""
    posts: list[dict[str, Any]] = []
    meta: list[dict[str, Any]] = []
    posts_tags: list[dict[str, Any]] = []
    posts_authors: list[dict[str, Any]] = []
    for article in _articles():
        pid = str(article.pk)
        posts.append({
            "id": pid, "title": article.headline, "slug": article.slug, "html": article.body_html,
            "type": "post", "status": GHOST_STATUS.get(article.status, "draft"),
            "visibility": "public", "featured": article.is_pinned,
            "custom_excerpt": article.lede or None,
            "feature_image": absolute(article.image.url) if article.image else None,
            "created_at": _iso(article.created_at), "updated_at": _iso(article.modified_at),
            "published_at": _iso(article.published_at),
        })  # fmt: skip
        if article.image is not None:
            meta.append({"post_id": pid, "feature_image_alt": article.image_alt or None})
        posts_tags += [
            {"post_id": pid, "tag_id": str(t.pk), "sort_order": i}
            for i, t in enumerate(article.tags.all())
        ]
        posts_authors += [
            {"post_id": pid, "author_id": str(b.author_id), "sort_order": b.position}
            for b in article.bylines.all()
        ]
    users = [
        {"id": str(a.pk), "name": a.name, "slug": a.slug, "bio": a.bio or None,
         "website": a.website or None, "email": a.email or f"{a.slug}@invalid.invalid",
         "profile_image": absolute(a.avatar.url) if a.avatar else None, "status": "active"}
        for a in Author.objects.select_related("avatar").order_by("pk")
    ]  # fmt: skip
    tags = [
        {"id": str(t.pk), "name": t.name, "slug": t.slug, "description": t.description or None,
         "visibility": "public"}
        for t in Tag.objects.order_by("pk")
    ]  # fmt: skip
    document = {"db": [{
        "meta": {"exported_on": int(datetime.now(UTC).timestamp() * 1000), "version": "5.0.0"},
        "data": {"posts": posts, "posts_meta": meta, "users": users, "tags": tags,
                 "posts_tags": posts_tags, "posts_authors": posts_authors},
    }]}  # fmt: skip
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1))
    return len(posts)
