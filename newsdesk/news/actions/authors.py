"""Authors: the people on bylines and their cards.

``create_author`` and ``update_author`` check the actor's permission for the
author (editors manage every author; a contributor edits only the profile
linked to their own account, and only admins link a profile to an account),
validate, write the author, an audit entry and an outbox event in one
transaction. A slug change keeps the old URL answering 301.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from newsdesk.images.models import Image

from .. import audit, outbox
from ..models import Author, Event, OldSlug
from ..permissions import check
from .base import Errors, clean_line, clean_text, remember_slug

MAX_NAME = 120
MAX_SLUG = 140
MAX_BIO = 1000
MAX_CONTACT = 200
_SIGNAL = re.compile(r"^(\+[0-9 ]{7,20}|[A-Za-z0-9_.]{3,32}(\.[0-9]{2})?)$")

FIELDS = frozenset(
    {"name", "slug", "bio", "contact", "email", "signal", "website", "avatar", "account"}
)


def _others(author: Author | None) -> QuerySet[Author]:
    return Author.objects.exclude(pk=author.pk) if author is not None else Author.objects.all()


def _validate(changes: dict[str, Any], author: Author | None) -> dict[str, Any]:
    errors = Errors()
    clean: dict[str, Any] = {}
    if "name" in changes:
        name = clean_line(str(changes["name"] or ""))
        if not name:
            errors.add("name", _("An author needs a name."))
        elif len(name) > MAX_NAME:
            errors.add("name", _("Keep the name to %(limit)d characters.") % {"limit": MAX_NAME})
        clean["name"] = name
    if "slug" in changes:
        raw = str(changes["slug"] or "") or clean.get("name") or (author.name if author else "")
        slug = slugify(raw, allow_unicode=True)[:MAX_SLUG].strip("-_")
        if not slug:
            if raw:  # else the missing name says it all
                errors.add("slug", _("Give the author a URL name made of letters or digits."))
        elif _others(author).filter(slug=slug).exists():
            errors.add(
                "slug", _("Another author already has the URL name %(slug)s.") % {"slug": slug}
            )
        clean["slug"] = slug
    if "bio" in changes:
        bio = clean_text(str(changes["bio"] or ""))
        if len(bio) > MAX_BIO:
            errors.add("bio", _("Keep the bio to %(limit)d characters.") % {"limit": MAX_BIO})
        clean["bio"] = bio
    if "contact" in changes:
        contact = clean_line(str(changes["contact"] or ""))
        if len(contact) > MAX_CONTACT:
            errors.add(
                "contact",
                _("Keep the contact line to %(limit)d characters.") % {"limit": MAX_CONTACT},
            )
        clean["contact"] = contact
    if "email" in changes:
        email = clean_line(str(changes["email"] or ""))
        try:
            if email:
                EmailValidator()(email)
        except ValidationError:
            errors.add("email", _("Enter an e-mail address such as desk@example.org."))
        clean["email"] = email
    if "signal" in changes:
        signal = clean_line(str(changes["signal"] or ""))
        if signal and not _SIGNAL.match(signal):
            errors.add("signal", _("Enter a Signal number (+44 7700 900123) or username."))
        clean["signal"] = signal
    if "website" in changes:
        website = clean_line(str(changes["website"] or ""))
        try:
            if website:
                URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.add("website", _("Enter a web address starting with https:// or http://."))
        clean["website"] = website
    if "avatar" in changes:
        avatar = changes["avatar"]
        if avatar is not None and not (isinstance(avatar, Image) and avatar.pk):
            errors.add("avatar", _("The avatar must be an uploaded image."))
        clean["avatar"] = avatar
    if "account" in changes:
        account = changes["account"]
        if account is not None and not (isinstance(account, get_user_model()) and account.pk):
            errors.add("account", _("Link the author to an existing account."))
        elif account is not None:
            taken = _others(author).filter(user=account)
            if taken.exists():
                errors.add("account", _("That account already has an author profile."))
        clean["account"] = account
    errors.raise_if_any()
    return clean


def payload(author: Author, **extra: Any) -> dict[str, Any]:
    """What readers and partners are told about an author in an event."""
    return {
        "id": author.pk,
        "slug": author.slug,
        "name": author.name,
        "url": author.get_absolute_url(),
        "bio": author.bio,
        "contact": author.contact,
        "email": author.email,
        "signal": author.signal,
        "website": author.website,
        "avatar": author.avatar.as_json() if author.avatar_id and author.avatar else None,
        **extra,
    }


def _apply(author: Author, clean: dict[str, Any]) -> None:
    for name in ("name", "slug", "bio", "contact", "email", "signal", "website", "avatar"):
        if name in clean:
            setattr(author, name, clean[name])
    if "account" in clean:
        author.user = clean["account"]


def create_author(*, user: Any = None, **fields: Any) -> Author:
    """Add an author: ``name`` (required), ``slug`` (from the name when empty),
    ``bio``, ``contact``, ``email``, ``signal``, ``website``, ``avatar`` (an
    uploaded :class:`~newsdesk.images.models.Image`), ``account`` (a user)."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"create_author() cannot set {', '.join(sorted(unknown))}.")
    check(user, "author.create")
    if fields.get("account") is not None:
        check(user, "author.link_account")
    fields.setdefault("slug", "")
    clean = _validate({"name": fields.get("name", ""), **fields}, None)
    with transaction.atomic():
        author = Author()
        _apply(author, clean)
        author.save()
        outbox.emit(Event.Type.AUTHOR_CREATED, None, payload(author))
        audit.record(
            audit.Action.AUTHOR,
            actor=user,
            target=author.name,
            detail={"author": author.pk, "created": True},
        )
    return author


def update_author(author: Author, *, user: Any = None, **changes: Any) -> Author:
    """Change an author; every page showing them shows the change on its next request."""
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"update_author() cannot change {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        author = Author.objects.select_for_update().get(pk=author.pk)
        check(user, "author.edit", author)
        if "account" in changes and changes["account"] != author.user:
            check(user, "author.link_account", author)
        clean = _validate(changes, author)
        before = {name: str(getattr(author, name)) for name in ("name", "slug")}
        _apply(author, clean)
        author.save()
        if before["slug"] != author.slug:
            remember_slug(OldSlug.Kind.AUTHOR, before["slug"], author.slug, author.pk)
        changed = sorted(k for k in clean if k != "account")
        extra = {"previous_slug": before["slug"]} if before["slug"] != author.slug else {}
        outbox.emit(Event.Type.AUTHOR_UPDATED, None, payload(author, changed=changed, **extra))
        audit.record(
            audit.Action.AUTHOR,
            actor=user,
            target=author.name,
            detail={"author": author.pk, "changed": sorted(clean), "before": before},
        )
    return author
