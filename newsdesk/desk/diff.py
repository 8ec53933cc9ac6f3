"""Readable word-level differences between two versions of an article."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

FIELDS = [
    ("headline", _("Headline")),
    ("lede", _("Lede")),
    ("body", _("Body")),
    ("tags", _("Tags")),
    ("authors", _("Authors")),
    ("sources", _("Sources")),
    ("image_alt", _("Image description")),
    ("is_breaking", _("Breaking")),
    ("language", _("Language")),
    ("status", _("Status")),
]
_TOKENS = re.compile(r"\s+|[^\s]+")


def as_text(snapshot: dict[str, Any], field: str) -> str:
    value = snapshot.get(field)
    if value is None:
        return ""
    if field == "tags" or field == "authors":
        return ", ".join(str(v) for v in value)
    if field == "sources":
        return "\n".join(
            f"{s.get('quote_style', '')} {s.get('outlet', '')} {s.get('url', '')}".strip()
            for s in value
        )
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def words(old: str, new: str) -> SafeString:
    """Both texts merged: removed words in <del>, added words in <ins>, escaped."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    html: SafeString


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[FieldDiff]:
    """Only the fields that differ."""
    found = []
    for field, label in FIELDS:
        before, after = as_text(old, field), as_text(new, field)
        if before != after:
            found.append(FieldDiff(field, str(label), words(before, after)))
    return found
