"""Review: desk-only notes on an article, and sending an update back to its
writer with a note saying why. Both check the actor's right on the article,
and write the note, the audit entry (for a send-back) and a private outbox
event in one transaction; readers never see any of it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import outbox
from ..models import Article, Event, Note
from ..permissions import check, is_system
from .articles import _locked, _record
from .base import Errors, clean_text

MAX_NOTE = 2000


def _clean_note(text: str, *, required: str) -> str:
    clean = clean_text(str(text or ""))
    errors = Errors()
    if not clean:
        errors.add("note", required)
    elif len(clean) > MAX_NOTE:
        errors.add(
            "note",
            _("Keep the note to %(limit)s characters.")
            % {"limit": number_format(MAX_NOTE, force_grouping=True)},
        )
    errors.raise_if_any()
    return clean


def _note(article: Article, text: str, kind: str, user: Any) -> Note:
    return Note.objects.create(
        article=article,
        created_at=timezone.now(),
        created_by=None if is_system(user) else user,
        kind=kind,
        text=text,
    )


def add_note(article: Article, *, text: str, user: Any = None) -> Note:
    """A note for the desk on this article (anyone who may see the article)."""
    clean = _clean_note(text, required=_("Write the note first."))
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        check(user, "article.note", current)
        note = _note(current, clean, Note.Kind.NOTE, user)
        outbox.emit(
            Event.Type.NOTE_ADDED,
            current,
            {"id": current.pk, "note": note.pk, "kind": note.kind},
        )
    return note


def send_back(
    article: Article, *, note: str, user: Any = None, expected_version: int | None = None
) -> Article:
    """Review -> draft, with a note to the writer saying what to fix (editors)."""
    check(user, "article.send_back", article)
    clean = _clean_note(note, required=_("Say what the writer should change."))
    with transaction.atomic():
        current = _locked(article, expected_version)
        if current.status != Article.Status.REVIEW:
            raise ValidationError(_("Only an update in review can be sent back."), code="state")
        current.status = Article.Status.DRAFT
        current.version += 1
        current.save()
        sent = _note(current, clean, Note.Kind.SENT_BACK, user)
        _record(
            current,
            "send_back",
            Event.Type.DRAFT_UPDATED,
            user,
            {"status": current.status, "note": sent.pk},
        )
    return current
