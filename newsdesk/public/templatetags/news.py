"""Small, fast template helpers for cards and article pages."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsdesk.news.models import Article

register = template.Library()


def relative(when: datetime, now: datetime | None = None) -> str:
    """ "just now", "5 min ago", "3 h ago", "2 days ago"."""
    seconds = int(((now or timezone.now()) - when).total_seconds())
    if seconds < 60:
        return _("just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("%(n)d min ago", "%(n)d min ago", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(n)d h ago", "%(n)d h ago", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day ago", "%(n)d days ago", days) % {"n": days}


def absolute(when: datetime) -> str:
    return date_format(timezone.localtime(when), "j M Y, H:i T")


@register.simple_tag
def published_time(article: Article) -> SafeString:
    when = article.published_at
    if when is None:
        return SafeString("")
    return format_html(
        '<time datetime="{}" data-relative><span class="rel">{}</span>'
        ' <span class="abs">{}</span></time>',
        when.isoformat(),
        relative(when),
        absolute(when),
    )


@register.simple_tag
def reading_time(article: Article) -> str:
    minutes = article.reading_time
    return ngettext("%(n)d min read", "%(n)d min read", minutes) % {"n": minutes}
