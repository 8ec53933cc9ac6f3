"""Translations: an update and the same update in the site's other languages.

A group is its first update (``translation_of`` empty) and every update
pointing at it; a translation of a translation joins the same group, so each
update links to all the others. :func:`translate` opens the draft a
translator starts from: the original's text (to be replaced), its sources,
tags, authors and image, in the language asked for.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .. import audit, languages
from ..models import Article
from ..permissions import check
from .articles import SourceInput, create_draft


def group_of(article: Article) -> int:
    """The id every update of the article's group shares: the first one's."""
    return article.translation_of_id or article.pk


def translations(article: Article) -> QuerySet[Article]:
    """The other updates of the article's group (any status; filter as needed)."""
    root = group_of(article)
    return (
        Article.objects.filter(Q(pk=root) | Q(translation_of_id=root))
        .exclude(pk=article.pk)
        .order_by("language", "id")
    )


def missing_languages(article: Article) -> list[str]:
    """The site's languages the group has no update in yet (the desk's buttons)."""
    had = {article.language.lower(), *(a.lower() for a in _languages(article))}
    return [code for code in languages.site_languages() if code.lower() not in had]


def _languages(article: Article) -> list[str]:
    return list(translations(article).values_list("language", flat=True))


def translate(article: Article, *, language: str, user: Any = None) -> Article:
    """Open a new draft translating ``article`` into ``language``, linked to it."""
    check(user, "article.view", article)
    check(user, "article.create")
    found = languages.in_site(language)
    if found is None:
        raise ValidationError(
            {
                "language": [
                    _("Choose one of the site's languages: %(codes)s.")
                    % {"codes": ", ".join(languages.site_languages())}
                ]
            }
        )
    if languages.same(found, article.language):
        raise ValidationError(
            {"language": [_("This update is already in that language; choose another.")]}
        )
    existing = translations(article).filter(language__iexact=found).first()
    if existing is not None:
        raise ValidationError(
            {
                "language": [
                    _("This update already has a translation in that language: “%(headline)s”.")
                    % {"headline": existing.headline}
                ]
            },
            code="exists",
        )
    with transaction.atomic():
        draft = create_draft(
            headline=article.headline,
            lede=article.lede,
            body=article.body,
            tags=[t.name for t in article.tags.all()],
            authors=[b.author for b in article.bylines.select_related("author")],
            sources=[
                SourceInput(outlet=s.outlet, url=s.url, quote_style=s.quote_style)
                for s in article.sources.all()
            ],
            language=found,
            image=article.image,
            image_alt=article.image_alt,
            image_caption=article.image_caption,
            image_credit=article.image_credit,
            translation_of=Article.objects.get(pk=group_of(article)),
            user=user,
        )
        audit.record(
            audit.Action.TRANSLATE,
            actor=user,
            target=f"{draft.headline} ({draft.get_absolute_url()})",
            detail={"article": draft.pk, "translation_of": article.pk, "language": found},
        )
    return draft
