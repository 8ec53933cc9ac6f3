"""Tags: create, rename or describe, and merge two into one.

Writers add tags as they compose (``tag.create``); editors rename, describe
and merge them (``tag.edit``, ``tag.merge``). A rename or a merge keeps the
old tag URL answering 301 to the tag that took its place. Each action writes
an audit entry and an outbox event in its own transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import audit, outbox
from ..models import Article, Event, OldSlug, Tag
from ..permissions import check
from .base import Errors, clean_line, clean_text, remember_slug

MAX_NAME = 50
MAX_SLUG = 60
MAX_DESCRIPTION = 1000


def tag_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)[:MAX_SLUG].strip("-_")


def _validate(changes: dict[str, Any], tag: Tag | None) -> dict[str, Any]:
    errors = Errors()
    clean: dict[str, Any] = {}
    others = Tag.objects.exclude(pk=tag.pk) if tag is not None else Tag.objects.all()
    if "name" in changes:
        name = clean_line(str(changes["name"] or ""))
        if not name:
            errors.add("name", _("A tag needs a name."))
        elif len(name) > MAX_NAME:
            errors.add("name", _("Keep the tag to %(limit)d characters.") % {"limit": MAX_NAME})
        elif others.filter(name__iexact=name).exists():
            errors.add("name", _("There is already a tag called %(name)s.") % {"name": name})
        clean["name"] = name
    if "slug" in changes:
        slug = tag_slug(str(changes["slug"] or "") or clean.get("name", ""))
        if not slug:
            errors.add("slug", _("Give the tag a URL name made of letters or digits."))
        elif others.filter(slug=slug).exists():
            errors.add("slug", _("Another tag already has the URL name %(slug)s.") % {"slug": slug})
        clean["slug"] = slug
    if "description" in changes:
        description = clean_text(str(changes["description"] or ""))
        if len(description) > MAX_DESCRIPTION:
            errors.add(
                "description",
                _("Keep the description to %(limit)d characters.") % {"limit": MAX_DESCRIPTION},
            )
        clean["description"] = description
    errors.raise_if_any()
    return clean


def payload(tag: Tag, **extra: Any) -> dict[str, Any]:
    return {
        "id": tag.pk,
        "slug": tag.slug,
        "name": tag.name,
        "url": tag.get_absolute_url(),
        "description": tag.description,
        **extra,
    }


def create_tag(*, name: str, slug: str = "", description: str = "", user: Any = None) -> Tag:
    check(user, "tag.create")
    clean = _validate({"name": name, "slug": slug, "description": description}, None)
    with transaction.atomic():
        tag = Tag.objects.create(**clean)
        _created(tag, user)
    return tag


def _created(tag: Tag, user: Any) -> None:
    outbox.emit(Event.Type.TAG_CREATED, None, payload(tag))
    audit.record(
        audit.Action.TAG, actor=user, target=tag.name, detail={"tag": tag.pk, "created": True}
    )


def tags_named(names: list[str], user: Any) -> list[Tag]:
    """The tags an article names, creating the missing ones (inside the
    article action's transaction, with their own events)."""
    found = []
    for name in names:
        slug = tag_slug(name)
        # By name first: a renamed tag keeps its slug, so the slug of its new
        # name is not its slug (and a second tag of that name cannot exist).
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=slug).first()
        if tag is None:
            check(user, "tag.create")
            tag = Tag.objects.create(name=name, slug=slug)
            _created(tag, user)
        found.append(tag)
    return found


def update_tag(tag: Tag, *, user: Any = None, **changes: Any) -> Tag:
    """Rename or describe a tag; the old URL answers 301 after a new slug."""
    unknown = set(changes) - {"name", "slug", "description"}
    if unknown:
        raise TypeError(f"update_tag() cannot change {', '.join(sorted(unknown))}.")
    check(user, "tag.edit", tag)
    with transaction.atomic():
        tag = Tag.objects.select_for_update().get(pk=tag.pk)
        clean = _validate(changes, tag)
        before = {"name": tag.name, "slug": tag.slug}
        for field, value in clean.items():
            setattr(tag, field, value)
        tag.save()
        extra: dict[str, Any] = {"changed": sorted(clean)}
        if before["slug"] != tag.slug:
            remember_slug(OldSlug.Kind.TAG, before["slug"], tag.slug, tag.pk)
            extra["previous_slug"] = before["slug"]
        outbox.emit(Event.Type.TAG_UPDATED, None, payload(tag, **extra))
        audit.record(
            audit.Action.TAG,
            actor=user,
            target=tag.name,
            detail={"tag": tag.pk, "changed": sorted(clean), "before": before},
        )
    return tag


def merge_tags(source: Tag, into: Tag, *, user: Any = None) -> Tag:
    """Move every article from ``source`` to ``into`` and delete ``source``;
    its URL (and any it inherited) answers 301 to ``into``."""
    check(user, "tag.merge", into)
    if source.pk == into.pk:
        raise ValidationError(_("Choose two different tags to merge."), code="invalid")
    with transaction.atomic():
        locked = {
            t.pk: t for t in Tag.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
        }
        if len(locked) != 2:
            raise ValidationError(_("One of these tags no longer exists."), code="state")
        source, into = locked[source.pk], locked[into.pk]
        moved = list(Article.objects.filter(tags=source).values_list("pk", flat=True))
        through = Article.tags.through
        already = set(through.objects.filter(tag=into).values_list("article_id", flat=True))
        through.objects.bulk_create(
            through(article_id=pk, tag_id=into.pk) for pk in moved if pk not in already
        )
        gone: dict[str, Any] = {"id": source.pk, "slug": source.slug, "name": source.name}
        OldSlug.objects.filter(kind=OldSlug.Kind.TAG, target_id=source.pk).update(target_id=into.pk)
        source.delete()
        remember_slug(OldSlug.Kind.TAG, source.slug, into.slug, into.pk)
        outbox.emit(
            Event.Type.TAG_MERGED,
            None,
            payload(into, merged=gone, articles=len(moved), previous_slug=gone["slug"]),
        )
        audit.record(
            audit.Action.TAG,
            actor=user,
            target=into.name,
            detail={"tag": into.pk, "merged": gone, "articles": len(moved)},
        )
    return into
