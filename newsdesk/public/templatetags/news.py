"""Small, fast template helpers for cards and article pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from newsdesk.news.models import Article

register = template.Library()


def absolute(when: datetime) -> str:
    return date_format(timezone.localtime(when), "j M Y, H:i T")


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
