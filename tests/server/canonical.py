"""Prints a site's newsroom as canonical JSON, without database ids, for
tests/server/test_transfer.py to compare two sites field by field. Run as a
script with the site's own DATABASE_URL and NEWSDESK_MEDIA_ROOT."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

from newsdesk.images.models import Image  # noqa: E402
from newsdesk.news.models import Article, Author, Coverage, OldSlug, Tag  # noqa: E402


def file_hash(name: str) -> str:
    return hashlib.sha256((Path(settings.MEDIA_ROOT) / name).read_bytes()).hexdigest()


def iso(value: Any) -> str | None:
    return value.isoformat() if value else None


slugs = dict(Article.objects.values_list("pk", "slug"))
images = {i.pk: i for i in Image.objects.all()}


def image(pk: int | None) -> dict[str, Any] | None:
    if pk is None:
        return None
    found = images[pk]
    return {
        "sha256": found.sha256,
        "original": file_hash(found.original.name),
        "renditions": sorted(file_hash(r["name"]) for r in found.renditions),
        "size": [found.width, found.height, found.bytes, found.format],
        "alt": found.alt,
    }


def snapshot(data: dict[str, Any]) -> dict[str, Any]:
    copy = dict(data)
    if copy.get("translation_of") is not None:
        copy["translation_of"] = slugs[copy["translation_of"]]
    if isinstance(copy.get("image"), dict):
        copy["image"] = {**copy["image"], "id": images[copy["image"]["id"]].sha256}
    return copy


articles = {}
for a in Article.objects.prefetch_related(
    "tags", "bylines__author", "sources", "corrections", "revisions"
):
    articles[a.slug] = {
        "url": a.get_absolute_url(),
        **{f: getattr(a, f) for f in ("headline", "lede", "body", "body_html", "status",
                                      "is_breaking", "is_pinned", "language", "version",
                                      "word_count", "reading_time", "image_alt")},
        **{f: iso(getattr(a, f)) for f in ("published_at", "updated_at", "created_at",
                                           "modified_at", "pinned_at")},
        "translation_of": slugs.get(a.translation_of_id) if a.translation_of_id else None,
        "tags": sorted(t.slug for t in a.tags.all()),
        "authors": [b.author.slug for b in sorted(a.bylines.all(), key=lambda b: b.position)],
        "sources": [[s.outlet, s.url, s.quote_style]
                    for s in sorted(a.sources.all(), key=lambda s: s.position)],
        "image": image(a.image_id),
        "corrections": sorted([iso(c.created_at), c.text] for c in a.corrections.all()),
        "revisions": [[r.number, r.action, iso(r.created_at), snapshot(r.snapshot)]
                      for r in sorted(a.revisions.all(), key=lambda r: r.number)],
    }  # fmt: skip
authors = {
    a.slug: {"url": a.get_absolute_url(), "name": a.name, "bio": a.bio, "contact": a.contact,
             "email": a.email, "signal": a.signal, "website": a.website,
             "avatar": image(a.avatar_id)}
    for a in Author.objects.all()
}  # fmt: skip
tags = {
    t.slug: {"url": t.get_absolute_url(), "name": t.name, "description": t.description}
    for t in Tag.objects.all()
}
targets: dict[str, dict[int, str]] = {
    "author": dict(Author.objects.values_list("pk", "slug")),
    "tag": dict(Tag.objects.values_list("pk", "slug")),
}
old = sorted([o.kind, o.slug, targets[o.kind].get(o.target_id)] for o in OldSlug.objects.all())
coverages = {
    c.slug: {"url": c.get_absolute_url(), "title": c.title, "key_points": c.key_points,
             "key_points_html": c.key_points_html, "language": c.language,
             "started_at": iso(c.started_at), "ended_at": iso(c.ended_at),
             "image": image(c.image_id), "image_alt": c.image_alt,
             "pinned": c.pinned.slug if c.pinned else None,
             "articles": sorted(a.slug for a in c.articles.all())}
    for c in Coverage.objects.select_related("pinned").prefetch_related("articles")
}  # fmt: skip
json.dump({"articles": articles, "authors": authors, "tags": tags, "old_slugs": old,
           "coverages": coverages}, sys.stdout, sort_keys=True, indent=1)  # fmt: skip
