"""The tip line's one door: receiving a tip, and everything the desk does with it.

``submit_tip`` takes what a reader sent and nothing about them: it checks the
files (images through the image pipeline's cleaning, PDFs by their first
bytes), seals the text and every file, writes the files under random names
and the rows in one step, and writes no audit entry or event (both would
carry the request's address or time beside the tip). Everything after that
is the desk's and goes through ``news.permissions`` (``tip.read``,
``tip.handle``, ``tip.draft``, ``tip.readers``) and ``news.audit``: every
reading of a tip or a file is an audit entry, and so is each change.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.images.processing import clean_bytes, sniff
from newsdesk.news import actions as news_actions
from newsdesk.news import audit
from newsdesk.news.actions import SourceInput
from newsdesk.news.actions.review import add_note
from newsdesk.news.models import Article, AuditEntry
from newsdesk.news.permissions import can, check

from .crypto import HEADER, is_current, reseal, seal, seal_text, unseal, unseal_text
from .models import Attachment, Tip

log = logging.getLogger(__name__)

MAX_MESSAGE = 20_000
MAX_CONTACT = 500
MAX_FILES = 10
#: What the audit log calls everything done to a tip (``detail["did"]`` says what).
AUDIT = AuditEntry.Action.TIP
PERMISSION = ("tips", "read_tip")


@dataclass(frozen=True)
class Upload:
    """A file as the reader sent it: its name and its bytes (never on disk)."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Opened:
    """A tip as its reader sees it: the text unsealed, the files listed."""

    tip: Tip
    message: str
    contact: str
    files: list[tuple[Attachment, str]]


# Receiving -----------------------------------------------------------------


def _kind_and_bytes(upload: Upload) -> tuple[str, bytes]:
    """An image cleaned of its metadata, or a PDF as it is; anything else refused."""
    if sniff(upload.data) is not None:
        try:
            return Attachment.Kind.IMAGE, clean_bytes(upload.data)[1]
        except ValidationError as exc:
            raise ValidationError(
                _("“%(name)s”: %(problem)s") % {"name": upload.name, "problem": exc.messages[0]}
            ) from exc
    if upload.data.startswith(b"%PDF-"):
        return Attachment.Kind.PDF, upload.data
    raise ValidationError(
        _(
            "“%(name)s” is neither an image (JPEG, PNG, WebP, GIF) nor a PDF. "
            "Send a photo, a screenshot or a PDF, or paste the text into your message."
        )
        % {"name": upload.name}
    )


def _validate(message: str, contact: str, files: list[Upload], limit: int) -> None:
    problems: dict[str, list[str]] = {}
    if not message.strip():
        problems["message"] = [_("Write your tip first: what happened, where and when.")]
    elif len(message) > MAX_MESSAGE:
        problems["message"] = [
            _("Keep the message to %(limit)d characters; attach a file for more.")
            % {"limit": MAX_MESSAGE}
        ]
    if len(contact) > MAX_CONTACT:
        problems["contact"] = [
            _("Keep the contact line to %(limit)d characters.") % {"limit": MAX_CONTACT}
        ]
    if len(files) > MAX_FILES:
        problems.setdefault("attachments", []).append(
            _("Attach at most %(limit)d files.") % {"limit": MAX_FILES}
        )
    if sum(len(f.data) for f in files) > limit:
        problems.setdefault("attachments", []).append(too_large_message(limit))
    if problems:
        raise ValidationError(problems)


def too_large_message(limit: int) -> str:
    return _("The files together are over %(mb)d MB, the limit for one tip.") % {
        "mb": limit // 1_000_000
    }


def submit_tip(
    *, message: str, contact: str = "", files: list[Upload] | None = None, limit: int
) -> Tip:
    """Seal and keep a reader's tip. Raises ``ValidationError`` keyed by field;
    then nothing is stored."""
    files = [f for f in files or [] if f.data or f.name]
    message = message.replace("\r\n", "\n").strip()
    contact = contact.strip()
    _validate(message, contact, files, limit)
    cleaned: list[tuple[Upload, str, bytes]] = []
    errors = []
    for upload in files:
        try:
            kind, data = _kind_and_bytes(upload)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        cleaned.append((upload, kind, data))
    if errors:
        raise ValidationError({"attachments": errors})
    written: list[str] = []
    try:
        with transaction.atomic():
            tip = Tip.objects.create(
                received_at=timezone.now(),
                message=seal_text(message, "message"),
                contact=seal_text(contact, "contact"),
            )
            for upload, kind, data in cleaned:
                name = default_storage.save(
                    f"tips/{uuid.uuid4().hex}.bin", ContentFile(seal(data, "file"))
                )
                written.append(name)
                Attachment.objects.create(
                    tip=tip,
                    name=seal_text(upload.name[:255], "file name"),
                    stored=name,
                    kind=kind,
                    size=len(data),
                )
    except BaseException:
        _delete_files(written)
        raise
    return tip


# Reading -------------------------------------------------------------------


def _record(user: Any, tip: Tip, did: str, **detail: Any) -> None:
    audit.record(AUDIT, actor=user, target=str(tip), detail={"did": did, "tip": tip.pk, **detail})


def open_tip(tip: Tip, *, user: Any) -> Opened:
    """The tip's text and files' names, unsealed; the reading is audited."""
    check(user, "tip.read", tip)
    with transaction.atomic():
        _record(user, tip, "read")
    files = [(a, unseal_text(a.name, "file name")) for a in tip.attachments.all()]
    return Opened(
        tip=tip,
        message=unseal_text(tip.message, "message"),
        contact=unseal_text(tip.contact, "contact"),
        files=files,
    )


def open_attachment(attachment: Attachment, *, user: Any) -> tuple[str, bytes]:
    """A file's name and bytes, unsealed; the reading is audited."""
    check(user, "tip.read", attachment.tip)
    with transaction.atomic():
        _record(user, attachment.tip, "file", file=attachment.pk)
    with default_storage.open(attachment.stored, "rb") as handle:
        sealed = handle.read()
    return unseal_text(attachment.name, "file name"), unseal(sealed, "file")


def readings(tip: Tip) -> list[AuditEntry]:
    """Who read or changed this tip, newest first (the audit log's entries)."""
    entries = AuditEntry.objects.filter(action=AUDIT, target=str(tip))
    return list(entries.select_related("actor").order_by("-at", "-id")[:100])


# What the desk does with a tip --------------------------------------------


def _locked(tip: Tip) -> Tip:
    return Tip.objects.select_for_update().get(pk=tip.pk)


def mark_handled(tip: Tip, *, user: Any, handled: bool = True) -> Tip:
    """Mark the tip handled (or open again)."""
    check(user, "tip.handle", tip)
    with transaction.atomic():
        tip = _locked(tip)
        tip.handled_at = timezone.now() if handled else None
        tip.handled_by = user if handled and getattr(user, "pk", None) else None
        tip.save(update_fields=["handled_at", "handled_by"])
        _record(user, tip, "handled" if handled else "reopened")
    return tip


def readers() -> list[User]:
    """Everyone active who may read tips: admins and those granted it."""
    permission = Permission.objects.filter(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    ).first()
    allowed = Q(is_superuser=True)
    if permission is not None:
        allowed |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return list(User.objects.filter(allowed, is_active=True).distinct().order_by("username"))


def forward_tip(tip: Tip, *, to: User, user: Any) -> Tip:
    """Hand the tip to a colleague who may read tips too; they are told by
    e-mail, without the tip's content, when they have an address."""
    check(user, "tip.handle", tip)
    if not (to.is_active and can(to, "tip.read", tip)):
        raise ValidationError(
            {"to": [_("%(name)s may not read tips; choose someone who may.") % {"name": to}]}
        )
    with transaction.atomic():
        tip = _locked(tip)
        tip.forwarded_to = to
        tip.forwarded_by = user if getattr(user, "pk", None) else None
        tip.forwarded_at = timezone.now()
        tip.save(update_fields=["forwarded_to", "forwarded_by", "forwarded_at"])
        _record(user, tip, "forwarded", to=to.pk)
        if to.email:
            transaction.on_commit(lambda: _tell(to, tip, user))
    return tip


def _tell(to: User, tip: Tip, by: Any) -> None:
    """A notice with no content of the tip: only that one waits, and where."""
    from django.conf import settings

    subject = _("A tip was forwarded to you")
    body = _(
        "%(by)s forwarded a tip to you. Read it on the desk: %(url)s\n\n"
        "The tip itself is never sent by e-mail."
    ) % {"by": by, "url": f"{settings.NEWSDESK_SITE_URL}/desk/tips/{tip.pk}/"}
    try:
        send_mail(subject, body, None, [to.email])
    except (OSError, smtplib.SMTPException):  # the forward stands; the notice is a courtesy
        log.warning("could not e-mail the forward notice", extra={"tip_id": tip.pk})


def draft_from_tip(tip: Tip, *, user: Any) -> Article:
    """A draft update quoting the tip, with a reader who asked not to be named
    as its source; a desk note links the draft back to the tip."""
    check(user, "tip.draft", tip)
    message = unseal_text(tip.message, "message")
    quoted = "\n".join(f"> {line}" if line else ">" for line in message.splitlines())
    source = _("a reader, who asked not to be named")
    when = timezone.localtime(tip.received_at).strftime("%Y-%m-%d %H:%M")
    with transaction.atomic():
        article = news_actions.create_draft(
            headline=_("Tip from a reader, %(when)s") % {"when": when},
            body=_("According to %(source)s:") % {"source": source} + "\n\n" + quoted,
            sources=[SourceInput(outlet=source)],
            user=user,
        )
        add_note(
            article,
            text=_("Drafted from tip %(id)d: /desk/tips/%(id)d/") % {"id": tip.pk},
            user=user,
        )
        locked = _locked(tip)
        locked.draft = article
        locked.save(update_fields=["draft"])
        _record(user, locked, "drafted", draft=article.pk)
    return article


def set_reader(person: User, *, allowed: bool, user: Any) -> User:
    """Grant or take back the tips permission (admins)."""
    check(user, "tip.readers", person)
    permission = Permission.objects.get(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    )
    with transaction.atomic():
        if allowed:
            person.user_permissions.add(permission)
        else:
            person.user_permissions.remove(permission)
        audit.record(
            audit.Action.ACCOUNT,
            actor=user,
            target=person.get_username(),
            detail={"account": person.pk, "changed": ["tips"], "after": {"tips": allowed}},
        )
    return person


def reseal_all(*, user: Any = None) -> int:
    """Seal every tip and file again with the first key (after a rotation,
    so the old key can go at once); returns how many tips changed. Each tip
    moves in its own transaction; a file's old ciphertext goes after it."""
    check(user, "tip.readers")
    changed = 0
    for pk in Tip.objects.order_by("id").values_list("pk", flat=True):
        if _reseal(pk):
            changed += 1
    return changed


def _file_is_current(attachment: Attachment) -> bool:
    with default_storage.open(attachment.stored, "rb") as handle:
        return is_current(handle.read(HEADER))


def _reseal(pk: int) -> bool:
    written: list[str] = []
    try:
        with transaction.atomic():
            tip = Tip.objects.select_for_update().filter(pk=pk).first()
            if tip is None:
                return False
            files = list(tip.attachments.all())
            values = [tip.message, tip.contact, *(a.name for a in files)]
            if all(is_current(v) for v in values) and all(map(_file_is_current, files)):
                return False
            old = [a.stored for a in files]
            tip.message = reseal(tip.message, "message")
            tip.contact = reseal(tip.contact, "contact")
            tip.save(update_fields=["message", "contact"])
            for attachment in files:
                with default_storage.open(attachment.stored, "rb") as handle:
                    data = reseal(handle.read(), "file")
                attachment.stored = default_storage.save(
                    f"tips/{uuid.uuid4().hex}.bin", ContentFile(data)
                )
                written.append(attachment.stored)
                attachment.name = reseal(attachment.name, "file name")
                attachment.save(update_fields=["stored", "name"])
            transaction.on_commit(lambda: _delete_files(old))
    except BaseException:
        _delete_files(written)
        raise
    return True


# Retention -----------------------------------------------------------------


def prune(now: datetime) -> int:
    """The worker's pass: delete what is older than the site's retention period."""
    from newsdesk.site.actions import settings_row

    return delete_expired(now, settings_row().tips_retention_days)


def delete_expired(now: datetime, days: int) -> int:
    """Delete the tips received more than ``days`` days before ``now``, and
    their files; returns how many tips went."""
    cutoff = now - timedelta(days=days)
    with transaction.atomic():
        expired = Tip.objects.filter(received_at__lt=cutoff)
        names = list(Attachment.objects.filter(tip__in=expired).values_list("stored", flat=True))
        count = expired.count()
        if count:
            expired.delete()
        transaction.on_commit(lambda: _delete_files(names))
    return count


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # keep deleting the rest; the next pass finds no row for it
            log.exception("could not delete a tip's file", extra={"file": name})
