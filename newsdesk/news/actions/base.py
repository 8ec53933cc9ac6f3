"""What every action shares: cleaning text and collecting validation errors."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

from ..models import OldSlug

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value: str) -> str:
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value))
    return " ".join(value.split())


def clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value))
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


class Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(
                {
                    f: [ValidationError(m, code="invalid") for m in ms]
                    for f, ms in self.by_field.items()
                }
            )


def remember_slug(kind: str, old: str, new: str, target_id: int) -> None:
    """After a rename, the old URL answers 301; the new slug is a live record
    again, so an older redirect from it goes."""
    OldSlug.objects.filter(kind=kind, slug=new).delete()
    OldSlug.objects.update_or_create(kind=kind, slug=old, defaults={"target_id": target_id})
