"""Who may change which article, beyond the role's permissions.

Editors (``news.publish_article``) change anything. A contributor changes
only their own work (they created it or are on its byline), and only while
it is a draft or in review: once scheduled or public it is the editors'.
"""

from __future__ import annotations

from typing import Any

from newsdesk.news.models import Article, Revision

CONTRIBUTOR_STATES = {Article.Status.DRAFT, Article.Status.REVIEW}


def is_editor(user: Any) -> bool:
    return bool(user.has_perm("news.publish_article"))


def is_own(user: Any, article: Article) -> bool:
    first = (
        Revision.objects.filter(article=article)
        .order_by("number")
        .values_list("created_by_id", flat=True)
        .first()
    )
    if first == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit(user: Any, article: Article) -> bool:
    if not user.has_perm("news.change_article"):
        return False
    if is_editor(user):
        return True
    return article.status in CONTRIBUTOR_STATES and is_own(user, article)


def can_view(user: Any, article: Article) -> bool:
    return is_editor(user) or is_own(user, article)
