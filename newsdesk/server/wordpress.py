"""``newsdesk import wordpress EXPORT.xml [--uploads DIR]``: a WordPress
archive (WXR, the file of Tools → Export) brought in, streamed.

The file can be gigabytes, so it is read twice with lxml's ``iterparse``,
each element dropped once read, never the whole tree in memory:

1. authors, categories, tags, and the attachments (their file's place
   under ``wp-content/uploads``, alt text and caption), which posts refer to
   by id and which WXR may list after the posts;
2. the posts, one at a time: each through ``news.actions.imports`` (admins
   only; one transaction each; found again by slug, so a run stopped
   half-way and started again goes on and doubles nothing).

Hostile XML is refused: a DOCTYPE or entity declaration stops the import
before anything is read, entities are never resolved and nothing is
fetched from the network (featured images come from ``--uploads`` only).

A post keeps its slug (WordPress's ``post_name``), its publication time
(``post_date_gmt``), its status (``publish`` published, ``draft`` and
``pending`` and ``private`` drafts, ``future`` scheduled; trash is skipped),
its author, categories and tags as tags, its excerpt as the lede, and its
HTML turned into Markdown (then rendered and sanitised by the site as any
body). Its featured image goes through the site's image pipeline (metadata
stripped, renditions made). Its old addresses, the dated permalink and
``/?p=ID``, answer 301 to its page here. Pages, attachments, menus and
comments are skipped, and said so in the summary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.utils.text import slugify
from lxml import etree

from newsdesk.news.actions import imports
from newsdesk.news.models import Article

from .importing import Summary, bring_in, image_from, to_markdown

WP = "{http://wordpress.org/export/1.2/}"
WP_OLD = ("{http://wordpress.org/export/1.1/}", "{http://wordpress.org/export/1.0/}")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
    "future": Article.Status.SCHEDULED,
}


class WordPressError(Exception):
    """The file cannot be imported; the message says why."""


@dataclass
class Attachment:
    path: str  # under wp-content/uploads
    alt: str


def refuse_declarations(path: Path) -> None:
    """WXR never declares a DTD or entities; a file that does is refused."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise WordPressError("The file declares a DOCTYPE or entities; WXR never does. Refused.")


def _elements(path: Path, tags: tuple[str, ...]) -> Iterator[Any]:
    """The elements named ``tags``, each dropped (with what came before it)
    once the caller is done with it."""
    try:
        for _event, element in etree.iterparse(
            str(path),
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
            remove_comments=True,
        ):
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise WordPressError(f"The file is not well-formed XML: {exc}") from exc


def _text(element: Any, tag: str) -> str:
    for name in (tag, *(tag.replace(WP, old) for old in WP_OLD if tag.startswith(WP))):
        found = element.find(name)
        if found is not None and found.text:
            return str(found.text).strip()
    return ""


def _meta(item: Any) -> dict[str, str]:
    found = {}
    for meta in item.findall(f"{WP}postmeta"):
        key, value = _text(meta, f"{WP}meta_key"), _text(meta, f"{WP}meta_value")
        if key:
            found[key] = value
    return found


def _uploads_path(url: str) -> str:
    path = urlsplit(url).path
    marker = "/wp-content/uploads/"
    return path.split(marker, 1)[1] if marker in path else ""


def _gmt(value: str) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def import_wordpress(
    path: Path,
    user: Any,
    *,
    uploads: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    imports.allowed(user)
    refuse_declarations(path)
    summary = Summary()
    authors: dict[str, str] = {}  # login -> author slug
    attachments: dict[str, Attachment] = {}
    for element in _elements(path, (f"{WP}author", f"{WP}category", f"{WP}tag", "item")):
        if element.tag == f"{WP}author":
            login = _text(element, f"{WP}author_login")
            name = _text(element, f"{WP}author_display_name") or login
            if login:
                slug = slugify(login, allow_unicode=True)[:140] or "author"
                _author, made = imports.import_author(user, {"slug": slug, "name": name}, None)
                authors[login] = slug
                summary.authors += made
        elif element.tag in (f"{WP}category", f"{WP}tag"):
            kind = "category" if element.tag.endswith("category") else "tag"
            name = _text(element, f"{WP}cat_name" if kind == "category" else f"{WP}tag_name")
            slug = _text(
                element, f"{WP}category_nicename" if kind == "category" else f"{WP}tag_slug"
            )
            if name and name.lower() != "uncategorized":
                _tag, made = imports.import_tag(
                    user, {"slug": (slug or slugify(name))[:60], "name": name[:50]}
                )
                summary.tags += made
        elif element.tag == "item" and _text(element, f"{WP}post_type") == "attachment":
            post_id = _text(element, f"{WP}post_id")
            url = _text(element, f"{WP}attachment_url")
            if post_id and url:
                attachments[post_id] = Attachment(
                    path=_uploads_path(url),
                    alt=_meta(element).get("_wp_attachment_image_alt", "")[:300],
                )
    seen = 0
    for item in _elements(path, ("item",)):
        seen += 1
        if progress is not None:
            progress(seen)
        kind = _text(item, f"{WP}post_type")
        if kind != "post":
            if kind != "attachment":
                summary.skip(f"{kind or 'unknown'} (only posts are imported)")
            continue
        _post(item, user, summary, authors, attachments, uploads)
    summary.finish(user, f"wordpress {path.name}")
    return summary


def _post(
    item: Any,
    user: Any,
    summary: Summary,
    authors: dict[str, str],
    attachments: dict[str, Attachment],
    uploads: Path | None,
) -> None:
    status = STATUSES.get(_text(item, f"{WP}status"))
    if status is None:
        summary.skip(f"status {_text(item, f'{WP}status') or 'none'}")
        return
    title = _text(item, "title")
    post_id = _text(item, f"{WP}post_id")
    slug = (_text(item, f"{WP}post_name") or slugify(title, allow_unicode=True))[:100]
    if not title or not slug:
        summary.skip("no title")
        return
    published = _gmt(_text(item, f"{WP}post_date_gmt")) or _gmt(_text(item, f"{WP}post_date"))
    modified = _gmt(_text(item, f"{WP}post_modified_gmt")) or published
    if status != Article.Status.DRAFT and published is None:
        summary.skip("no publication date")
        return
    tags = []
    for category in item.findall("category"):
        name = (category.text or "").strip()
        if category.get("domain") in ("category", "post_tag") and name.lower() not in (
            "",
            "uncategorized",
        ):
            tags.append((category.get("nicename") or slugify(name))[:60])
    creator = _text(item, CREATOR)
    image = None
    thumbnail = _meta(item).get("_thumbnail_id", "")
    attachment = attachments.get(thumbnail)
    if attachment is not None and uploads is not None and attachment.path:
        image = image_from(uploads, attachment.path, attachment.alt, user)
        if image is None:
            summary.skip("featured image missing or unreadable (post imported without it)")
    body = to_markdown(_text(item, CONTENT))
    when = published.isoformat() if published else None
    record = {
        "slug": slug,
        "headline": title[:200],
        "lede": " ".join(_text(item, EXCERPT).split())[:600],
        "body": body,
        "status": status,
        "published_at": when if status != Article.Status.DRAFT else None,
        "updated_at": None,
        "created_at": when or datetime.now(UTC).isoformat(),
        "modified_at": modified.isoformat() if modified else datetime.now(UTC).isoformat(),
        "language": None,
        "tags": tags,
        "authors": [authors[creator]] if creator in authors else [],
        "image_alt": attachment.alt if attachment and image else "",
        "revisions": [],
    }
    bring_in(user, record, image=image, note="imported from WordPress", summary=summary,
             old_paths=_old_paths(item, post_id), source="wordpress")  # fmt: skip


def _old_paths(item: Any, post_id: str) -> list[str]:
    paths = []
    link = urlsplit(_text(item, "link"))
    if link.path and link.path != "/" and not link.query:
        paths.append(link.path)
    if post_id.isdigit():
        paths.append(f"/?p={post_id}")
    return paths


def progress_bar() -> Callable[[int], None]:
    def show(seen: int) -> None:
        if seen % 100 == 0:
            sys.stderr.write(f"\r{seen} items read")
            sys.stderr.flush()

    return show
