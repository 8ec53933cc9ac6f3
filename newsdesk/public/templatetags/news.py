"""Small, fast template helpers for cards and article pages."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext

from newsdesk.news import languages
from newsdesk.news.models import Article

register = template.Library()

#: Rendered cards, keyed by everything a card shows (and the heading level
#: and language), so an entry can never be stale: it is simply no longer
#: asked for.
_CARDS: OrderedDict[tuple[object, ...], SafeString] = OrderedDict()
_CARDS_MAX = 5000
_CARDS_LOCK = threading.Lock()


@register.simple_tag
def card(article: Article, level: int | str = 2) -> SafeString:
    """One feed card, rendered once per version of the article."""
    tags = tuple((t.name, t.slug) for t in article.tags.all())
    key = (
        article.pk,
        article.version,
        article.headline,
        article.slug,
        article.lede,
        article.published_at,
        article.reading_time,
        article.is_breaking,
        article.is_pinned,
        tags,
        article.image_id,
        article.image_alt,
        int(level or 2),
        get_language(),
        article.language,
    )
    html = _CARDS.get(key)
    if html is None:
        html = render_to_string(
            "public/_card.html",
            {
                "article": article,
                "level": level or 2,
                "rtl": languages.is_rtl(article.language),
            },
        )
        with _CARDS_LOCK:
            _CARDS[key] = html
            while len(_CARDS) > _CARDS_MAX:
                _CARDS.popitem(last=False)
    return html


def absolute(when: datetime) -> str:
    """The language's own date and time (``site.formats``), then the zone:
    "7 Dec 2026, 14:05 UTC", "7 грудня 2026, 14:05 EET"."""
    local = timezone.localtime(when)
    return f"{date_format(local, 'DATETIME_FORMAT')} {date_format(local, 'T')}"


@register.simple_tag
def published_time(article: Article) -> SafeString:
    when = article.published_at
    if when is None:
        return SafeString("")
    # Only the absolute time is rendered: pages are cached until their content
    # changes, so "5 min ago" would go stale. feed.js adds the relative time.
    return format_html(
        '<time datetime="{}" data-relative><span class="abs">{}</span></time>',
        when.isoformat(),
        absolute(when),
    )


@register.simple_tag
def reading_time(article: Article) -> str:
    minutes = article.reading_time
    return ngettext("%(n)d min read", "%(n)d min read", minutes) % {"n": minutes}
