"""Drafts from the wire: an item, or a whole story, becomes one attributed draft, once.

The draft is made by ``news.actions.create_draft`` (which checks
``article.create``) and remembered on every item it came from
(``WireItem.used_article``), so asking again, from the item, its story or
another item of the story, gives back that draft instead of a second one.
The check and the write happen in one transaction with the items locked
(``BEGIN IMMEDIATE`` on SQLite), so two clicks at once still make one draft.

A story's draft leads with its earliest report and attributes each outlet
in it once, in the order they reported ("according to ..."), up to the
actions' ``MAX_SOURCES``.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from newsdesk.news import actions
from newsdesk.news.actions import MAX_HEADLINE, MAX_LEDE, MAX_SOURCES, SourceInput
from newsdesk.news.models import Article, ArticleSource

from .models import Story, WireItem

OUTLET_MAX = 120  # ArticleSource.outlet
SOURCE_URL_MAX = 500  # ArticleSource.url

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")


def lede_from(item: WireItem, limit: int = MAX_LEDE) -> str:
    """The first sentence of the summary (else the text), and the second when
    the first is short, at most ``limit`` characters; a first sentence that is
    longer is cut at a word."""
    text = " ".join((item.summary or item.text or "").split())
    if not text:
        return ""
    lede = ""
    for count, sentence in enumerate(_SENTENCE_END.split(text), start=1):
        candidate = f"{lede} {sentence}".strip()
        if len(candidate) > limit:
            break
        lede = candidate
        if count == 2 or len(lede) >= 120:  # a lede is a sentence or two
            break
    return lede or cut(text, limit)


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def attribution(item: WireItem) -> SourceInput:
    """The item's outlet, "according to", with its link when the link fits."""
    return SourceInput(
        outlet=cut(item.outlet_name, OUTLET_MAX),
        url=item.url if len(item.url) <= SOURCE_URL_MAX else "",
        quote_style=ArticleSource.QuoteStyle.ACCORDING_TO,
    )


def _remembered(items: list[WireItem]) -> Article | None:
    """The draft already made from any of ``items`` (the earliest item's first)."""
    ids = [item.used_article_id for item in items if item.used_article_id]
    return Article.objects.filter(pk=ids[0]).first() if ids else None


def _draft(lead: WireItem, items: list[WireItem], user: Any) -> Article:
    outlets: dict[str, SourceInput] = {}
    for item in items:
        source = attribution(item)
        outlets.setdefault(source.outlet.casefold(), source)
    article = actions.create_draft(
        headline=cut(lead.title or lead.outlet_name, MAX_HEADLINE),
        lede=lede_from(lead),
        sources=list(outlets.values())[:MAX_SOURCES],
        user=user,
    )
    WireItem.objects.filter(pk__in=[item.pk for item in items]).update(
        status=WireItem.Status.USED, used_article=article
    )
    return article


def draft_item(item: WireItem, user: Any) -> tuple[Article, bool]:
    """The draft from this item: (the one made before, False) or (a new one, True)."""
    with transaction.atomic():
        locked = WireItem.objects.select_for_update().get(pk=item.pk)
        existing = _remembered([locked])
        if existing is not None:
            return existing, False
        return _draft(locked, [locked], user), True


def draft_story(story: Story, user: Any) -> tuple[Article, bool]:
    """The draft from every item of ``story``: (the one made before, False) or
    (a new one attributing each of its outlets, True)."""
    with transaction.atomic():
        items = list(
            WireItem.objects.select_for_update()
            .filter(story=story, is_deleted=False)
            # Earliest report first: the outlet that published first leads.
            .order_by(Coalesce(F("published_at"), F("first_seen_at")), "id")
        )
        if not items:
            raise ValidationError(_("This story has no items left to draft from."))
        existing = _remembered(items)
        if existing is not None:
            return existing, False
        return _draft(items[0], items, user), True
