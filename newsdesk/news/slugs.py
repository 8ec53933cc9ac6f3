"""URL slugs for articles: readable in the headline's own script, unique,
and stable once published."""

from __future__ import annotations

from django.utils.text import slugify

from .models import Article

MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "update"


def slug_from_headline(headline: str) -> str:
    """``"Київ: нічна атака"`` becomes ``"київ-нічна-атака"``; cut at a hyphen."""
    slug = slugify(headline, allow_unicode=True)
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
