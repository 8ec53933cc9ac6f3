"""``newsdesk import ghost EXPORT.json [--images DIR]``: a Ghost archive (the
JSON of Ghost Admin → Settings → Labs → Export) brought in.

Ghost's export is one JSON document of its database tables: ``posts``
(title, slug, ``html``, status, times, ``custom_excerpt``, feature image),
``posts_meta`` (the feature image's alt text and caption), ``users``
(name, slug, bio, website, profile image), ``tags``, and the links
``posts_tags`` and ``posts_authors`` in their order. Both shapes Ghost has
written are read: ``{"db": [{"meta": ..., "data": ...}]}`` and
``{"meta": ..., "data": ...}``.

Everything goes through ``news.actions.imports`` (admins only, one
transaction per record, found again by slug: a second run doubles
nothing). A post keeps its slug, status (``published``, ``draft``,
``scheduled``), publication and update times, authors in order, public tags
(``#internal`` ones are Ghost's own and stay behind), excerpt (as the
lede), and feature image with its alt text, through the site's image
pipeline from ``--images`` (Ghost's ``content/images`` folder; nothing is
fetched). Its HTML becomes Markdown, rendered and sanitised by the site.
Posts only members or paying members could read stay behind (newsdesk has
no paywall, and publishing them would give them away), as do pages and
newsletter-only posts; the summary counts them. Ghost's addresses carry
over: ``/tag/<slug>/`` and ``/author/<slug>/`` are ours too, and a post's
``/<slug>/`` answers 301 to its page here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.news.actions import imports
from newsdesk.news.models import Article

from .importing import Summary, bring_in, image_from, to_markdown

STATUSES = {
    "published": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "scheduled": Article.Status.SCHEDULED,
}
MAX_BYTES = 500_000_000


class GhostError(Exception):
    """The file cannot be imported; the message says why."""


@dataclass
class Tables:
    posts: list[dict[str, Any]]
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: dict[str, dict[str, Any]] = field(default_factory=dict)
    post_tags: dict[str, list[str]] = field(default_factory=dict)
    post_authors: dict[str, list[str]] = field(default_factory=dict)


def _table(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = data.get(name) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise GhostError(f"data.{name} is not a list of records.")
    return rows


def _links(rows: list[dict[str, Any]], key: str) -> dict[str, list[str]]:
    ordered = sorted(rows, key=lambda r: (str(r.get("post_id")), int(r.get("sort_order") or 0)))
    found: dict[str, list[str]] = {}
    for row in ordered:
        found.setdefault(str(row.get("post_id")), []).append(str(row.get(key)))
    return found


def read(path: Path) -> Tables:
    if path.stat().st_size > MAX_BYTES:
        raise GhostError("The export is larger than 500 MB; Ghost's own exports never are.")
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise GhostError(f"The file is not JSON: {exc}") from exc
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict) or "posts" not in data:
        raise GhostError("This is not a Ghost export (no data.posts).")
    return Tables(
        posts=_table(data, "posts"),
        meta={str(m.get("post_id")): m for m in _table(data, "posts_meta")},
        users={str(u.get("id")): u for u in _table(data, "users")},
        tags={str(t.get("id")): t for t in _table(data, "tags")},
        post_tags=_links(_table(data, "posts_tags"), "tag_id"),
        post_authors=_links(_table(data, "posts_authors"), "author_id"),
    )


def _when(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _images_path(url: Any) -> str:
    """Where a Ghost image URL lives under ``content/images``."""
    if not isinstance(url, str):
        return ""
    path = urlsplit(url.replace("__GHOST_URL__", "https://ghost.invalid")).path
    marker = "/content/images/"
    return path.split(marker, 1)[1] if marker in path else ""


def _public_tag(tag: dict[str, Any]) -> bool:
    return tag.get("visibility", "public") == "public" and not str(tag.get("name", "")).startswith(
        "#"
    )


def import_ghost(path: Path, user: Any, *, images: Path | None = None) -> Summary:
    imports.allowed(user)
    tables = read(path)
    summary = Summary()
    authors: dict[str, str] = {}  # Ghost user id -> author slug
    for ghost_id, person in tables.users.items():
        slug, name = str(person.get("slug") or ""), str(person.get("name") or "")
        if not slug or not name:
            continue
        avatar = None
        picture = _images_path(person.get("profile_image"))
        if images is not None and picture:
            avatar = image_from(images, picture, name, user)
        record = {
            "slug": slug[:140],
            "name": name[:120],
            "bio": str(person.get("bio") or "")[:1000],
            "website": str(person.get("website") or "")[:300],
        }
        _author, made = imports.import_author(user, record, avatar)
        authors[ghost_id] = record["slug"]
        summary.authors += made
    tags: dict[str, str] = {}  # Ghost tag id -> tag slug
    for ghost_id, tag in tables.tags.items():
        if not _public_tag(tag) or not tag.get("slug") or not tag.get("name"):
            continue
        record = {"slug": str(tag["slug"])[:60], "name": str(tag["name"])[:50],
                  "description": str(tag.get("description") or "")[:1000]}  # fmt: skip
        _tag, made = imports.import_tag(user, record)
        tags[ghost_id] = record["slug"]
        summary.tags += made
    for post in tables.posts:
        _post(post, tables, user, summary, authors, tags, images)
    summary.finish(user, f"ghost {path.name}")
    return summary


def _post(
    post: dict[str, Any],
    tables: Tables,
    user: Any,
    summary: Summary,
    authors: dict[str, str],
    tags: dict[str, str],
    images: Path | None,
) -> None:
    kind = post.get("type", "post")
    if kind != "post":
        summary.skip(f"{kind} (only posts are imported)")
        return
    status = STATUSES.get(str(post.get("status")))
    if status is None:
        summary.skip(f"status {post.get('status')}")
        return
    if post.get("visibility", "public") != "public":
        summary.skip(f"visible to {post.get('visibility')} only (newsdesk has no paywall)")
        return
    slug, title = str(post.get("slug") or "")[:100], str(post.get("title") or "")
    if not slug or not title:
        summary.skip("no title or slug")
        return
    ghost_id = str(post.get("id"))
    published = _when(post.get("published_at"))
    if status != Article.Status.DRAFT and published is None:
        summary.skip("no publication date")
        return
    meta = tables.meta.get(ghost_id, {})
    image = None
    alt = str(meta.get("feature_image_alt") or "")[:300]
    picture = _images_path(post.get("feature_image"))
    if images is not None and picture:
        image = image_from(images, picture, alt, user)
        if image is None:
            summary.skip("feature image missing or unreadable (post imported without it)")
    created = _when(post.get("created_at")) or published
    updated = _when(post.get("updated_at")) or created
    record = {
        "slug": slug,
        "headline": title[:200],
        "lede": " ".join(str(post.get("custom_excerpt") or "").split())[:600],
        "body": to_markdown(str(post.get("html") or "")),
        "status": status,
        "published_at": published.isoformat()
        if published and status != Article.Status.DRAFT
        else None,
        "updated_at": None,
        "created_at": created.isoformat() if created else None,
        "modified_at": updated.isoformat() if updated else None,
        "is_pinned": False,
        "tags": [tags[t] for t in tables.post_tags.get(ghost_id, []) if t in tags],
        "authors": [authors[a] for a in tables.post_authors.get(ghost_id, []) if a in authors],
        "image_alt": alt if image is not None else "",
        "revisions": [],
    }
    bring_in(user, record, image=image, note="imported from Ghost", summary=summary,
             old_paths=[f"/{slug}/"], source="ghost")  # fmt: skip
