"""Template tags for desk pages only (public pages never load them)."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.news import languages
from newsdesk.news.models import Article
from newsdesk.news.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_for_review(context: dict[str, Any]) -> int | None:
    """How many updates wait in review, for the people who review them
    (``None`` for everyone else: nothing to show)."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not can(user, "article.send_back"):
        return None
    return Article.objects.filter(status=Article.Status.REVIEW).count()


@register.simple_tag(takes_context=True)
def may(context: dict[str, Any], rule: str, obj: Any = None) -> bool:
    """``news.permissions.can`` for the signed-in person, to show a link or a
    button; the action refuses anyway when the rules say no."""
    user = context.get("user")
    return bool(user is not None and user.is_authenticated and can(user, rule, obj))


@register.filter
def other_language(code: str) -> str:
    """The code of an update in another language than the site's default, on a
    site with several ("" otherwise): the desk's lists mark those."""
    site = languages.site_languages()
    return code if len(site) > 1 and not languages.same(code, site[0]) else ""
