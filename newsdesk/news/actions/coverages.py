"""Live coverages: open one, keep its key points current, add and remove its
updates, pin one of them, end it (and reopen it).

Opening, editing, pinning and ending are for editors (``coverage.manage``).
Adding an update to a coverage, or taking it out, is a change to the update:
it goes through ``articles.update`` with its ``coverages`` field, so whoever
may edit the update may do it (a contributor their own draft, an editor any
update), with the update's revision and event. An ended coverage refuses new
updates with a clear error until it is reopened.

Each coverage action writes an audit entry and a public outbox event
(``coverage.opened``, ``coverage.updated``, ``coverage.ended``) in its own
transaction; the coverage's page, feeds and live stream follow those.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, languages, outbox
from ..models import Article, Coverage, Event
from ..permissions import check
from ..rendering import render_markdown
from ..slugs import slug_from_headline
from .articles import MAX_HEADLINE, update
from .articles import _validate_image as validate_image
from .base import Errors, clean_line, clean_text

MAX_TITLE = MAX_HEADLINE
MAX_KEY_POINTS = 10_000
#: Paths under /live/ the ASGI front or the site keep for themselves.
RESERVED_SLUGS = frozenset({"desk"})
EDITABLE = frozenset({"title", "key_points", "language", "started_at", "image", "image_alt"})


def _validate(fields: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    clean: dict[str, Any] = {}
    if "title" in fields:
        title = clean_line(str(fields["title"] or ""))
        if not title:
            errors.add("title", _("A live coverage needs a title."))
        elif len(title) > MAX_TITLE:
            errors.add(
                "title",
                _("Keep the title to %(limit)d characters (it has %(length)d).")
                % {"limit": MAX_TITLE, "length": len(title)},
            )
        clean["title"] = title
    if "key_points" in fields:
        points = clean_text(str(fields["key_points"] or ""))
        if len(points) > MAX_KEY_POINTS:
            errors.add(
                "key_points",
                _("Keep the key points to %(limit)d characters.") % {"limit": MAX_KEY_POINTS},
            )
        clean["key_points"] = points
    if "language" in fields:
        known = languages.site_languages()
        found = languages.in_site(str(fields["language"] or "").strip(), known)
        if found is None:
            errors.add(
                "language",
                _("Choose one of the site's languages: %(codes)s.") % {"codes": ", ".join(known)},
            )
        clean["language"] = found
    if "started_at" in fields:
        started = fields["started_at"]
        if not isinstance(started, datetime) or timezone.is_naive(started):
            errors.add("started_at", _("Give the start as a date and time with its time zone."))
        clean["started_at"] = started
    if "image" in fields or "image_alt" in fields:
        validate_image(fields, clean, errors)
    errors.raise_if_any()
    return clean


def _apply(coverage: Coverage, clean: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in clean:
            setattr(coverage, name, clean[name])
    if coverage.image_id is None:
        coverage.image_alt = ""
    coverage.key_points_html = render_markdown(coverage.key_points)


def coverage_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A Unicode slug from the title, free among coverages and never a path
    the front answers itself (``/live/desk``)."""
    base = slug_from_headline(title)
    taken = Coverage.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    if base not in existing:
        return base
    number = 2
    while f"{base}-{number}" in existing:
        number += 1
    return f"{base}-{number}"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def payload(coverage: Coverage, **extra: Any) -> dict[str, Any]:
    """What readers and partners are told about a coverage in an event."""
    return {
        "id": coverage.pk,
        "slug": coverage.slug,
        "url": coverage.get_absolute_url(),
        "title": coverage.title,
        "key_points_html": coverage.key_points_html,
        "language": coverage.language,
        "started_at": _iso(coverage.started_at),
        "ended_at": _iso(coverage.ended_at),
        "is_open": coverage.is_open,
        "pinned": coverage.pinned_id,
        "image": coverage.image.as_json(coverage.image_alt) if coverage.image else None,
        "version": coverage.version,
        **extra,
    }


def _record(coverage: Coverage, event_type: str, user: Any, detail: dict[str, Any]) -> None:
    outbox.emit(event_type, None, payload(coverage, **detail))
    audit.record(
        audit.Action.COVERAGE,
        actor=user,
        target=f"{coverage.title} ({coverage.get_absolute_url()})",
        detail={"coverage": coverage.pk, "version": coverage.version, **detail},
    )


def _locked(coverage: Coverage, expected_version: int | None) -> Coverage:
    current = Coverage.objects.select_for_update().get(pk=coverage.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _(
                "Someone else saved this coverage (version %(current)d) after you opened "
                "version %(opened)d. Reload it to see their changes before saving yours."
            )
            % {"current": current.version, "opened": expected_version},
            code="conflict",
        )
    return current


def open_coverage(
    *,
    title: str,
    key_points: str = "",
    language: str | None = None,
    started_at: datetime | None = None,
    image: Any = None,
    image_alt: str = "",
    slug: str = "",
    user: Any = None,
) -> Coverage:
    """Open a live coverage at ``/live/<slug>/``; it starts now unless told."""
    check(user, "coverage.manage")
    clean = _validate(
        {
            "title": title,
            "key_points": key_points,
            "language": language or languages.default_language(),
            "started_at": started_at or timezone.now(),
            "image": image,
            "image_alt": image_alt,
        }
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                coverage = Coverage(slug=coverage_slug(slug or clean["title"]))
                _apply(coverage, clean)
                coverage.save()
                _record(coverage, Event.Type.COVERAGE_OPENED, user, {"opened": True})
                return coverage
        except IntegrityError:
            continue  # two coverages raced for the same slug
    raise ValidationError(_("Could not find a free URL for this title; try another."))


def update_coverage(
    coverage: Coverage,
    *,
    user: Any = None,
    expected_version: int | None = None,
    **changes: Any,
) -> Coverage:
    """Change the title, key points, language, start or lead image; the slug
    stays what it was when the coverage opened."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"update_coverage() cannot change {', '.join(sorted(unknown))}.")
    check(user, "coverage.manage", coverage)
    clean = _validate(changes)
    with transaction.atomic():
        coverage = _locked(coverage, expected_version)
        _apply(coverage, clean)
        coverage.version += 1
        coverage.save()
        _record(coverage, Event.Type.COVERAGE_UPDATED, user, {"changed": sorted(clean)})
    return coverage


def pin_in_coverage(coverage: Coverage, article: Article | None, *, user: Any = None) -> Coverage:
    """Pin one of the coverage's published updates at the top of its page
    (``None`` unpins)."""
    check(user, "coverage.manage", coverage)
    with transaction.atomic():
        coverage = _locked(coverage, None)
        if article is not None:
            member = coverage.articles.filter(
                pk=article.pk, status=Article.Status.PUBLISHED
            ).exists()
            if not member:
                raise ValidationError(
                    _("Only a published update of this coverage can be pinned on it."),
                    code="state",
                )
        coverage.pinned = article
        coverage.version += 1
        coverage.save()
        _record(
            coverage,
            Event.Type.COVERAGE_UPDATED,
            user,
            {"changed": ["pinned"]},
        )
    return coverage


def end_coverage(coverage: Coverage, *, user: Any = None, at: datetime | None = None) -> Coverage:
    """End the coverage: its page says so and it takes no new updates."""
    check(user, "coverage.manage", coverage)
    with transaction.atomic():
        coverage = _locked(coverage, None)
        if not coverage.is_open:
            raise ValidationError(_("This live coverage has already ended."), code="state")
        now = at or timezone.now()
        coverage.ended_at = max(now, coverage.started_at)
        coverage.version += 1
        coverage.save()
        _record(coverage, Event.Type.COVERAGE_ENDED, user, {"ended": True})
    return coverage


def reopen_coverage(coverage: Coverage, *, user: Any = None) -> Coverage:
    """Take an ended coverage live again."""
    check(user, "coverage.manage", coverage)
    with transaction.atomic():
        coverage = _locked(coverage, None)
        if coverage.is_open:
            raise ValidationError(_("This live coverage is already open."), code="state")
        coverage.ended_at = None
        coverage.version += 1
        coverage.save()
        _record(coverage, Event.Type.COVERAGE_UPDATED, user, {"changed": ["ended_at"]})
    return coverage


def add_to_coverage(article: Article, coverage: Coverage, *, user: Any = None) -> Article:
    """Add an update to a coverage (an ended one refuses it): an edit of the update."""
    current = list(article.coverages.all())
    if any(c.pk == coverage.pk for c in current):
        return article
    return update(article, user=user, coverages=[*current, coverage])


def remove_from_coverage(article: Article, coverage: Coverage, *, user: Any = None) -> Article:
    """Take an update out of a coverage (its pin there goes with it)."""
    current = list(article.coverages.all())
    if not any(c.pk == coverage.pk for c in current):
        return article
    with transaction.atomic():
        article = update(article, user=user, coverages=[c for c in current if c.pk != coverage.pk])
        if Coverage.objects.filter(pk=coverage.pk, pinned=article).exists():
            pin_in_coverage(coverage, None, user=user)
    return article
