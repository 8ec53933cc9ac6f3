"""Moving a newsroom: ``newsdesk export --format newsdesk DIR`` and
``newsdesk import newsdesk DIR``.

An export is a folder: ``newsdesk.jsonl``, one JSON record per line (a
header with the site settings, then images, authors, tags and articles,
originals before their translations), and ``media/`` with every image's
original and renditions. Records are written and read one at a time, so
neither side holds the archive in memory.

An article record carries everything a reader or an editor could see of
it and of its past: headline, slug, lede, Markdown body, status and times,
breaking and pinned, language and the slug of the article it translates,
tags and authors by slug, sources, its image by content hash, corrections
and every revision with its snapshot. Authors and tags carry their earlier
slugs, so old URLs keep answering 301. Desk accounts, notes, the audit log
and the outbox are the newsroom's own business and stay behind.

The import goes through ``news.actions.imports`` (admins only; one
transaction per record; found again by slug, so a run stopped half-way and
started again makes no duplicates).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.files.storage import default_storage

from newsdesk.images.models import Image
from newsdesk.news.actions import imports
from newsdesk.news.models import Article, Author, Coverage, OldSlug, Tag

from .backup import sha256

FORMAT = 1
RECORDS = "newsdesk.jsonl"
MEDIA = "media"


class TransferError(Exception):
    """The export or import cannot go on; the message says why."""


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _write(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def _copy_media(name: str, folder: Path) -> None:
    source = Path(default_storage.path(name))
    if source.is_file():
        target = folder / MEDIA / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _old(kind: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for target, slug in OldSlug.objects.filter(kind=kind).values_list("target_id", "slug"):
        found.setdefault(target, []).append(slug)
    return found


def export(folder: Path) -> dict[str, int]:
    """Write the whole newsroom into ``folder`` (which must not exist)."""
    from newsdesk.site.models import SiteSettings

    if folder.exists():
        raise TransferError(f"{folder} exists already; export into a new folder.")
    folder.mkdir(parents=True)
    counts = {"images": 0, "authors": 0, "tags": 0, "articles": 0, "coverages": 0}
    with (folder / RECORDS).open("w", encoding="utf-8") as out:
        # The site's settings, for reference: an import leaves the target's own.
        row = SiteSettings.objects.filter(pk=1).first()
        names = ("site_name", "description", "contact_line", "time_zone", "language", "languages")
        site = {n: getattr(row, n) for n in names if hasattr(row, n)} if row else {}
        _write(out, {"type": "newsdesk-export", "format": FORMAT,
                     "exported_at": datetime.now(UTC).isoformat(), "site": site})  # fmt: skip
        for image in Image.objects.order_by("pk").iterator(chunk_size=500):
            _copy_media(image.original.name, folder)
            for rendition in image.renditions:
                _copy_media(rendition["name"], folder)
            _write(out, {
                "type": "image", "id": image.pk, "sha256": image.sha256,
                "file_sha256": _hash(image),
                "original": image.original.name, "format": image.format, "width": image.width,
                "height": image.height, "bytes": image.bytes, "renditions": image.renditions,
                "alt": image.alt, "created_at": _iso(image.created_at),
            })  # fmt: skip
            counts["images"] += 1
        old_authors, old_tags = _old(OldSlug.Kind.AUTHOR), _old(OldSlug.Kind.TAG)
        for author in Author.objects.order_by("pk").iterator(chunk_size=500):
            _write(out, {
                "type": "author", "slug": author.slug, "name": author.name, "bio": author.bio,
                "contact": author.contact, "email": author.email, "signal": author.signal,
                "website": author.website, "avatar": author.avatar_id,
                "old_slugs": sorted(old_authors.get(author.pk, [])),
            })  # fmt: skip
            counts["authors"] += 1
        for tag in Tag.objects.order_by("pk").iterator(chunk_size=500):
            _write(out, {"type": "tag", "slug": tag.slug, "name": tag.name,
                         "description": tag.description,
                         "old_slugs": sorted(old_tags.get(tag.pk, []))})  # fmt: skip
            counts["tags"] += 1
        for article in _articles():
            _write(out, _article(article))
            counts["articles"] += 1
        for coverage in Coverage.objects.select_related("pinned").order_by("pk"):
            _write(out, _coverage(coverage))
            counts["coverages"] += 1
    return counts


def _hash(image: Image) -> str:
    digest = hashlib.sha256()
    with default_storage.open(image.original.name, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _articles() -> Iterator[Article]:
    """Originals before their translations, each with what it carries."""
    base = Article.objects.prefetch_related(
        "tags",
        "bylines__author",
        "sources",
        "corrections",
        "revisions",
    ).select_related("translation_of")
    for translations in (False, True):
        chosen = base.filter(translation_of__isnull=not translations).order_by("pk")
        yield from chosen.iterator(chunk_size=200)


def _coverage(coverage: Coverage) -> dict[str, Any]:
    """A live coverage, after the articles it names by slug."""
    return {
        "type": "coverage", "slug": coverage.slug, "title": coverage.title,
        "key_points": coverage.key_points, "language": coverage.language,
        "started_at": _iso(coverage.started_at), "ended_at": _iso(coverage.ended_at),
        "image": coverage.image_id, "image_alt": coverage.image_alt,
        "pinned": coverage.pinned.slug if coverage.pinned else None,
        "articles": sorted(coverage.articles.values_list("slug", flat=True)),
    }  # fmt: skip


def _article(article: Article) -> dict[str, Any]:
    return {
        "type": "article",
        "slug": article.slug,
        "headline": article.headline,
        "lede": article.lede,
        "body": article.body,
        "status": article.status,
        "published_at": _iso(article.published_at),
        "updated_at": _iso(article.updated_at),
        "created_at": _iso(article.created_at),
        "modified_at": _iso(article.modified_at),
        "is_breaking": article.is_breaking,
        "is_pinned": article.is_pinned,
        "pinned_at": _iso(article.pinned_at),
        "language": article.language,
        "version": article.version,
        "translation_of": article.translation_of.slug if article.translation_of else None,
        "tags": sorted(t.slug for t in article.tags.all()),
        "authors": [b.author.slug for b in sorted(article.bylines.all(), key=lambda b: b.position)],
        "sources": [
            {"outlet": s.outlet, "url": s.url, "quote_style": s.quote_style}
            for s in sorted(article.sources.all(), key=lambda s: s.position)
        ],
        "image": article.image_id,
        "image_alt": article.image_alt,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "corrections": [
            {"created_at": _iso(c.created_at), "text": c.text}
            for c in sorted(article.corrections.all(), key=lambda c: (c.created_at, c.pk))
        ],
        "revisions": [
            {
                "number": r.number,
                "action": r.action,
                "created_at": _iso(r.created_at),
                "snapshot": r.snapshot,
            }
            for r in sorted(article.revisions.all(), key=lambda r: r.number)
        ],
    }


# Import -------------------------------------------------------------------------


def _records(folder: Path) -> Iterator[dict[str, Any]]:
    path = folder / RECORDS
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise TransferError(f"{folder} is not a newsdesk export (no {RECORDS}).") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise TransferError(f"{RECORDS} line {number} is not JSON: {exc}") from exc
            if not isinstance(record, dict) or "type" not in record:
                raise TransferError(f"{RECORDS} line {number} is not a record.")
            yield record


def import_export(folder: Path, user: Any) -> imports.Imported:
    """Bring an export into this site (admins only)."""
    imports.allowed(user)
    result = imports.Imported()
    records = _records(folder)
    header = next(records, None)
    if not header or header.get("type") != "newsdesk-export" or header.get("format") != FORMAT:
        raise TransferError(f"{folder} is not a newsdesk export this version can read.")
    images: dict[int, Image] = {}
    for record in records:
        kind = record["type"]
        try:
            if kind == "image":
                images[int(record["id"])] = _image(folder, record)
            elif kind == "author":
                _author, made = imports.import_author(
                    user, record, images.get(record.get("avatar") or 0)
                )
                result.authors += made
            elif kind == "tag":
                _tag, made = imports.import_tag(user, record)
                result.tags += made
            elif kind == "coverage":
                _coverage, made = imports.import_coverage(
                    user, record, images.get(record.get("image") or 0)
                )
                result.coverages += made
            elif kind == "article":
                original = None
                if record.get("translation_of"):
                    original = Article.objects.filter(slug=record["translation_of"]).first()
                article, made = imports.import_article(
                    user,
                    record,
                    image=images.get(record.get("image") or 0),
                    translation_of=original,
                    images=images,
                )
                result.ids[article.slug] = article.pk
                if made:
                    result.articles += 1
                else:
                    result.skipped += 1
            else:
                raise TransferError(f"unknown record type {kind!r}")
        except (KeyError, TypeError, ValueError) as exc:
            raise TransferError(f"a {kind} record cannot be read: {exc!r}") from exc
    imports.finished(user, result, str(folder))
    return result


def _image(folder: Path, record: dict[str, Any]) -> Image:
    """The same image here (by content), else a copy of its files."""
    if record.get("sha256"):  # the upload's own hash, as the site dedups uploads
        found = Image.objects.filter(sha256=record["sha256"]).first()
        if found is not None:
            return found
    names = [record["original"], *(r["name"] for r in record.get("renditions", []))]
    for name in names:
        source = folder / MEDIA / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise TransferError(f"an image file name leaves the media folder: {name!r}")
        if not source.is_file():
            raise TransferError(f"{MEDIA}/{name} is missing from the export.")
        target = Path(settings.MEDIA_ROOT) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(source, target)
    if sha256(folder / MEDIA / record["original"]) != record["file_sha256"]:
        raise TransferError(f"{MEDIA}/{record['original']} does not match its checksum.")
    return Image.objects.create(
        original=record["original"],
        format=record["format"],
        width=int(record["width"]),
        height=int(record["height"]),
        bytes=int(record["bytes"]),
        renditions=record.get("renditions", []),
        alt=record.get("alt", "")[:300],
        created_at=datetime.fromisoformat(record["created_at"]),
        sha256=record.get("sha256") or "",
    )
