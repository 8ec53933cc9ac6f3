"""The one way the site settings change.

``update_settings`` checks that the actor may change them (admins), validates
with the model's own validators, saves the row, and writes an audit entry and
a public ``site.updated`` event in the same transaction. The event drops every
cached page in every process and moves the validators; each process reads the
settings again on its next request (``current.of``).

A new logo (an uploaded file, from the desk, Django's admin or a script) goes
through the image pipeline like every other upload: its bytes decide the
type, the declared size is checked before decoding, and it is stored cleaned
(no metadata) under a generated name. The field then names that cleaned
file, so it stays an ``ImageField`` that any door can set to a stored name.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from newsdesk.images.models import Image
from newsdesk.images.processing import store_upload
from newsdesk.news import audit, outbox
from newsdesk.news.models import Event
from newsdesk.news.permissions import check

from .models import SiteSettings, language_codes

FIELDS = frozenset(
    {
        "site_name",
        "description",
        "logo",
        "contact_line",
        "time_zone",
        "language",
        "languages",
        "default_author",
        "require_admin_second_factor",
        "wire_sources_editors_only",
        "tips_retention_days",
    }
)
#: Settings that are the desk's business, not readers': left out of the public event.
PRIVATE = frozenset(
    {"require_admin_second_factor", "wire_sources_editors_only", "tips_retention_days"}
)
#: What a logo may be: the formats the header and search engines show well.
LOGO_FORMATS = ("PNG", "JPEG", "WEBP")


def settings_row() -> SiteSettings:
    """The row as saved, or an unsaved one with the defaults (reading never writes)."""
    return SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)


def update_settings(*, user: Any = None, **changes: Any) -> SiteSettings:
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"update_settings() cannot change {', '.join(sorted(unknown))}.")
    check(user, "site.change")
    logo = None
    if _is_upload(changes.get("logo")):
        logo = _store_logo(changes["logo"], user)
        changes["logo"] = logo.original.name
    try:
        return _save(user, changes)
    except BaseException:
        _discard(logo)
        raise


def _save(user: Any, changes: dict[str, Any]) -> SiteSettings:
    with transaction.atomic():
        row = SiteSettings.objects.select_for_update().filter(pk=1).first() or SiteSettings(pk=1)
        before = {name: _plain(getattr(row, name)) for name in changes}
        for name, value in changes.items():
            if isinstance(value, str):
                value = value.strip()
            if name == "languages":
                value = ", ".join(language_codes(str(value or "")))
            setattr(row, name, value)
        try:
            row.full_clean(exclude=["id"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        row.save()
        after = {name: _plain(getattr(row, name)) for name in changes}
        changed = sorted(name for name in changes if before[name] != after[name])
        outbox.emit(
            Event.Type.SITE_UPDATED,
            None,
            {
                "name": row.site_name,
                "description": row.description,
                "changed": [n for n in changed if n not in PRIVATE],
            },
        )
        audit.record(
            audit.Action.SETTINGS,
            actor=user,
            target=str(row),
            detail={"changed": changed, "before": {n: before[n] for n in changed}},
        )
    return row


def _is_upload(value: Any) -> bool:
    """A file someone sent (not a stored file's name, nor the field's own file)."""
    return hasattr(value, "read") and not isinstance(value, FieldFile)


def _store_logo(upload: Any, user: Any) -> Image:
    try:
        image = store_upload(upload, user=user)
    except ValidationError as exc:
        raise ValidationError({"logo": exc.messages}) from exc
    if image.format not in LOGO_FORMATS:
        _discard(image)
        raise ValidationError({"logo": [_("Use a PNG, JPEG or WebP file for the logo.")]})
    return image


def _discard(image: Image | None) -> None:
    """A logo whose settings change failed leaves nothing behind."""
    if image is None:
        return
    for name in image.files():
        default_storage.delete(name)
    image.delete()


def _plain(value: Any) -> Any:
    """A field's value as JSON: files by name, records by id."""
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name or ""
    return value
