"""Template tags for desk pages only (public pages never load them)."""

from __future__ import annotations

from typing import Any

from django import template

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
