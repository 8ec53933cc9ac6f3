"""URL slugs for articles: readable in the headline's own script, unique,
and stable once published.

Django's ``slugify(allow_unicode=True)`` drops combining marks, which cuts
Hindi, Thai or pointed Hebrew headlines into pieces ("हिन्दी" became
"हनद"); these slugs keep them. Text without combining marks gets exactly
Django's slug, so a Latin or Cyrillic headline's slug is what it always was.
"""

from __future__ import annotations

import re
import unicodedata

from .languages import MARKS
from .models import Article

MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "update"


_DROPPED = re.compile(rf"[^\w{MARKS}\s-]")
_SPACES = re.compile(r"[-\s]+")


_MARK = re.compile(f"[{MARKS}]")


def slugify(text: str) -> str:
    """Django's ``slugify(allow_unicode=True)``, keeping the text's own
    combining marks (not one that lower case adds: "İ" is "i")."""
    value = "".join(
        c if _MARK.match(c) else _MARK.sub("", c.lower())
        for c in unicodedata.normalize("NFKC", text)
    )
    value = _DROPPED.sub("", value)
    return _SPACES.sub("-", value).strip("-_")


def slug_from_headline(headline: str) -> str:
    """``"Київ: нічна атака"`` becomes ``"київ-нічна-атака"``, ``"हिन्दी समाचार"``
    ``"हिन्दी-समाचार"``; cut at a hyphen."""
    slug = slugify(headline)
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[:MAX_SLUG_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug.strip("-_") or FALLBACK_SLUG


def unique_slug(base: str, *, exclude_pk: int | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free."""
    taken = Article.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    if base not in existing:
        return base
    number = 2
    while f"{base}-{number}" in existing:
        number += 1
    return f"{base}-{number}"
