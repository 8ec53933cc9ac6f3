"""Bringing a newsroom's archive in: authors, tags and articles with their
history, as another system (or another newsdesk) recorded them.

Only admins may import (``site.change``: the archive is the site). Each
record is written in a transaction of its own, found again by its slug, so
an import that stops half-way and runs again goes on where it stopped and
makes no duplicates. Each article writes one private ``article.imported``
event (the search index keeps in step with it, as with every event) and the
run one audit entry; published articles are not announced to partners or
readers' live streams: they are old news.

Text is taken as Markdown and rendered by the site's own renderer, so
whatever an export carries is sanitised as if a writer had typed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from newsdesk.images.models import Image

from .. import audit, languages, outbox
from ..models import (
    Article,
    ArticleAuthor,
    ArticleSource,
    Author,
    Correction,
    Coverage,
    OldSlug,
    Revision,
    Tag,
)
from ..permissions import check
from ..rendering import render_markdown
from .articles import _render, snapshot

IMPORTED = "article.imported"


@dataclass
class Imported:
    authors: int = 0
    tags: int = 0
    coverages: int = 0
    articles: int = 0
    skipped: int = 0  # found already (a run that goes on where one stopped)
    ids: dict[str, int] = field(default_factory=dict)  # article slug -> id here


def allowed(user: Any) -> None:
    check(user, "site.change")


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _old_slugs(kind: str, slugs: list[str], target: int) -> None:
    for slug in slugs:
        OldSlug.objects.get_or_create(kind=kind, slug=slug, defaults={"target_id": target})


def import_author(user: Any, record: dict[str, Any], avatar: Image | None) -> tuple[Author, bool]:
    allowed(user)
    with transaction.atomic():
        author, made = Author.objects.get_or_create(
            slug=record["slug"], defaults={"name": record["name"][:120]}
        )
        if made:
            for name in ("bio", "contact", "email", "signal", "website"):
                setattr(author, name, record.get(name) or "")
            author.name = record["name"][:120]
            author.avatar = avatar
            author.full_clean(exclude=["user", "avatar"])
            author.save()
            _old_slugs(OldSlug.Kind.AUTHOR, record.get("old_slugs", []), author.pk)
    return author, made


def import_tag(user: Any, record: dict[str, Any]) -> tuple[Tag, bool]:
    allowed(user)
    with transaction.atomic():
        tag, made = Tag.objects.get_or_create(
            slug=record["slug"],
            defaults={"name": record["name"][:50], "description": record.get("description", "")},
        )
        if made:
            _old_slugs(OldSlug.Kind.TAG, record.get("old_slugs", []), tag.pk)
    return tag, made


def import_coverage(
    user: Any, record: dict[str, Any], image: Image | None
) -> tuple[Coverage, bool]:
    """A live coverage with its updates (by slug, imported before it), its pin,
    start and end as they were; found again by its slug."""
    allowed(user)
    with transaction.atomic():
        found = Coverage.objects.filter(slug=record["slug"]).first()
        if found is not None:
            return found, False
        articles = {a.slug: a for a in Article.objects.filter(slug__in=record["articles"])}
        coverage = Coverage(
            slug=record["slug"],
            title=record["title"][:200],
            key_points=record.get("key_points", ""),
            language=record.get("language") or languages.default_language(),
            started_at=_at(record["started_at"]),
            ended_at=_when(record.get("ended_at")),
            image=image,
            image_alt=record.get("image_alt", "") if image else "",
            pinned=articles.get(record.get("pinned") or ""),
        )
        coverage.key_points_html = render_markdown(coverage.key_points)
        coverage.full_clean(exclude=["image", "pinned"])
        coverage.save()
        coverage.articles.set(articles.values())
    return coverage, True


def import_article(
    user: Any,
    record: dict[str, Any],
    *,
    image: Image | None,
    translation_of: Article | None,
    images: dict[int, Image],
    note: str = "",
) -> tuple[Article, bool]:
    """One article with its bylines, tags, sources, corrections and revisions.
    ``images`` maps the export's image ids to images here (for snapshots).
    An archive without revisions gets one, ``import``, saying where it came
    from (``note``)."""
    allowed(user)
    with transaction.atomic():
        found = Article.objects.filter(slug=record["slug"]).first()
        if found is not None:
            return found, False
        article = Article(
            headline=record["headline"][:200],
            slug=record["slug"],
            lede=record.get("lede", ""),
            body=record.get("body", ""),
            status=record["status"],
            published_at=_when(record.get("published_at")),
            updated_at=_when(record.get("updated_at")),
            is_breaking=bool(record.get("is_breaking")),
            is_pinned=bool(record.get("is_pinned")),
            pinned_at=_when(record.get("pinned_at")),
            language=record.get("language") or languages.default_language(),
            version=int(record.get("version") or 1),
            image=image,
            image_alt=record.get("image_alt", "")[:300],
            image_caption=str(record.get("image_caption") or "")[:500] if image else "",
            image_credit=str(record.get("image_credit") or "")[:200] if image else "",
            translation_of=translation_of,
        )
        _render(article)
        article.full_clean(exclude=["image", "translation_of"])
        article.save()
        # Django stamps these on save; the archive's own times win.
        Article.objects.filter(pk=article.pk).update(
            created_at=_when(record["created_at"]) or timezone.now(),
            modified_at=_when(record["modified_at"]) or timezone.now(),
        )
        article.tags.set(Tag.objects.filter(slug__in=record.get("tags", [])))
        authors = {a.slug: a for a in Author.objects.filter(slug__in=record.get("authors", []))}
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=authors[slug], position=i)
            for i, slug in enumerate(record.get("authors", []))
            if slug in authors
        )
        ArticleSource.objects.bulk_create(
            ArticleSource(article=article, position=i, outlet=s["outlet"][:120],
                          url=s.get("url", "")[:500], quote_style=s["quote_style"])
            for i, s in enumerate(record.get("sources", []))
        )  # fmt: skip
        Correction.objects.bulk_create(
            Correction(article=article, created_at=_at(c["created_at"]), text=c["text"][:2000])
            for c in record.get("corrections", [])
        )
        Revision.objects.bulk_create(
            Revision(
                article=article,
                number=r["number"],
                action=r["action"][:32],
                created_at=_at(r["created_at"]),
                snapshot=_snapshot(r["snapshot"], article, translation_of, images),
            )
            for r in record.get("revisions", [])
        )
        article.refresh_from_db()
        if not record.get("revisions"):
            Revision.objects.create(
                article=article,
                number=1,
                action="import",
                created_at=timezone.now(),
                snapshot={**snapshot(article), "imported_from": note},
            )
        outbox.emit(IMPORTED, article, {"id": article.pk, "slug": article.slug})
    return article, True


def _snapshot(
    snapshot: dict[str, Any],
    article: Article,
    translation_of: Article | None,
    images: dict[int, Image],
) -> dict[str, Any]:
    """A revision as the archive recorded it, its ids made this site's."""
    copy = dict(snapshot)
    if copy.get("translation_of") is not None:
        copy["translation_of"] = translation_of.pk if translation_of else None
    image = copy.get("image")
    if isinstance(image, dict) and image.get("id") in images:
        # This site's image, with the words the revision gave it (caption, credit).
        words = {k: image[k] for k in ("caption", "credit") if k in image}
        copy["image"] = {**images[image["id"]].as_json(image.get("alt", "")), **words}
    return copy


def finished(user: Any, result: Imported, source: str) -> None:
    """The run's audit entry."""
    allowed(user)
    audit.record(
        audit.Action.IMPORT,
        actor=user,
        target=source[:300],
        detail={
            "authors": result.authors,
            "tags": result.tags,
            "coverages": result.coverages,
            "articles": result.articles,
            "skipped": result.skipped,
        },
    )
