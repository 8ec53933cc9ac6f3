"""Who may do what to which record: the one set of rules every door shares.

The actions call :func:`check` before they change anything, so the desk, the
Admin API, the command line, imports and the worker get the same answer for
the same person and object; callers ask :func:`can` only to decide which
buttons to show, and filter lists with :func:`visible_articles`. No caller
keeps a rule of its own.

Roles come from Django permissions (``news.roles``): contributors write,
editors (``news.publish_article``) run the desk, admins (superusers) also
manage accounts and the site settings. Beyond the role, per object:

- a contributor sees and changes only their own articles (they created it or
  are on its byline), and only while it is a draft or in review;
- a contributor edits their own author profile, never someone else's, and
  never which account a profile belongs to;
- only editors mark an article breaking;
- editors open, edit, pin within and end live coverages; who may change an
  article may add it to an open coverage or take it out (so a contributor
  adds their own draft, an editor any update);
- wire sources are managed by everyone at the desk, or only by editors when
  the site setting ``wire_sources_editors_only`` is on (read through
  :func:`switch`, which the site app registers).

The actor is a user, or a :class:`SystemActor` (the scheduler, the demo
loader, the command line without ``--as``), which has every right and is
named in the audit log. ``None`` means :data:`SYSTEM`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Article, ArticleAuthor, Author, Revision

CONTRIBUTOR_STATES = {Article.Status.DRAFT, Article.Status.REVIEW}


@dataclass(frozen=True)
class SystemActor:
    """Newsdesk itself acting: every right, recorded under ``name``."""

    name: str
    pk: None = None
    is_active: bool = True
    is_superuser: bool = True

    def get_username(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


SYSTEM = SystemActor("system")
COMMAND_LINE = SystemActor("command line")


class ActionDenied(PermissionDenied):
    """The actor may not do this to this object; the message says what."""


def is_system(user: Any) -> bool:
    return user is None or isinstance(user, SystemActor)


def _perm(user: Any, codename: str) -> bool:
    return bool(user.is_active and user.has_perm(f"news.{codename}"))


def is_editor(user: Any) -> bool:
    return is_system(user) or _perm(user, "publish_article")


def is_admin(user: Any) -> bool:
    return is_system(user) or bool(user.is_active and user.is_superuser)


def is_own(user: Any, article: Article) -> bool:
    """The person created the article or is on its byline."""
    if is_system(user) or not article.pk:
        return False
    first = (
        Revision.objects.filter(article=article)
        .order_by("number")
        .values_list("created_by_id", flat=True)
        .first()
    )
    if first == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def own_articles(user: Any, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """:func:`is_own` as a filter: the articles of ``queryset`` the person
    created (their first revision) or is on the byline of."""
    if is_system(user) or not user.is_authenticated:
        return queryset.none()
    created = Revision.objects.filter(number=1, created_by_id=user.pk).values("article_id")
    bylined = ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id")
    return queryset.filter(Q(pk__in=created) | Q(pk__in=bylined))


# The rules -----------------------------------------------------------------


def _view_article(user: Any, article: Any) -> bool:
    return _perm(user, "publish_article") or (_perm(user, "view_article") and is_own(user, article))


def visible_articles(user: Any, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The articles of ``queryset`` that ``can(user, "article.view", a)`` allows,
    as one filter, for lists (the desk, the Admin API, ``newsdesk article list``).
    It states :func:`_view_article` again, so the two change together."""
    if is_system(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    if _perm(user, "publish_article"):
        return queryset
    if _perm(user, "view_article"):
        return own_articles(user, queryset)
    return queryset.none()


def _edit_article(user: Any, article: Any) -> bool:
    if is_editor(user):
        return _perm(user, "change_article")
    return (
        _perm(user, "change_article")
        and article.status in CONTRIBUTOR_STATES
        and is_own(user, article)
    )


def _role(codename: str) -> Callable[[Any, Any], bool]:
    return lambda user, obj: _perm(user, codename)


def _edit_author(user: Any, author: Any) -> bool:
    if _perm(user, "change_author"):
        return True
    return bool(
        user.is_active
        and author is not None
        and author.user_id is not None
        and author.user_id == user.pk
    )


# Site settings a rule depends on. The site app, which news may not import,
# registers how to read each in its ready(); unregistered, a switch is off.
_switches: dict[str, Callable[[], bool]] = {}


def register_switch(name: str, read: Callable[[], bool]) -> None:
    _switches[name] = read


def switch(name: str) -> bool:
    read = _switches.get(name)
    return bool(read()) if read is not None else False


def _manage_wire(user: Any, obj: Any) -> bool:
    """Everyone at the desk, or only editors when the site setting
    ``wire_sources_editors_only`` says so."""
    if switch("wire_sources_editors_only"):
        return _perm(user, "publish_article")
    return _perm(user, "add_article")


def _read_tips(user: Any, obj: Any) -> bool:
    """The tip line's permission (``tips.read_tip``): admins, and whoever an
    admin grants it to (``tips.actions.set_reader``); no role has it."""
    return bool(user.is_active and user.has_perm("tips.read_tip"))


RULES: dict[str, Callable[[Any, Any], bool]] = {
    # Articles
    "article.create": _role("add_article"),
    "article.view": _view_article,
    "article.edit": _edit_article,
    "article.submit": _edit_article,
    "article.restore": _edit_article,
    "article.note": _view_article,
    "article.send_back": _role("publish_article"),
    "article.publish": _role("publish_article"),
    "article.schedule": _role("publish_article"),
    "article.unpublish": _role("publish_article"),
    "article.correct": _role("correct_article"),
    "article.pin": _role("pin_article"),
    "article.breaking": _role("pin_article"),
    # The newsroom's records
    "author.create": _role("add_author"),
    "author.edit": _edit_author,
    "author.link_account": lambda user, obj: is_admin(user),
    "tag.create": _role("add_article"),  # writers add tags as they compose
    "tag.edit": _role("change_tag"),
    "tag.merge": _role("change_tag"),
    # The tip line: reading, handling and forwarding need the tips permission;
    # a draft from a tip also the right to write.
    "tip.read": _read_tips,
    "tip.handle": _read_tips,
    "tip.draft": lambda user, obj: _read_tips(user, obj) and _perm(user, "add_article"),
    "tip.readers": lambda user, obj: is_admin(user),
    "site.change": lambda user, obj: is_admin(user),
    "account.manage": lambda user, obj: is_admin(user),
    # A person chooses their own desk language; admins anyone's.
    "account.language": lambda user, obj: (
        is_admin(user) or bool(user.is_active and obj is not None and user.pk == obj.pk)
    ),
    "wire.manage": _manage_wire,
    # Live coverages; adding an update to one is editing the update.
    "coverage.manage": _role("publish_article"),
}


def _what() -> dict[str, str]:
    return {
        "article.create": _("write articles"),
        "article.view": _("see this article"),
        "article.edit": _("edit this article"),
        "article.submit": _("submit this article for review"),
        "article.restore": _("restore revisions of this article"),
        "article.note": _("add notes to this article"),
        "article.send_back": _("send articles back to their writers"),
        "article.publish": _("publish articles"),
        "article.schedule": _("schedule articles"),
        "article.unpublish": _("unpublish articles"),
        "article.correct": _("publish corrections"),
        "article.pin": _("pin articles"),
        "article.breaking": _("mark articles as breaking"),
        "author.create": _("add authors"),
        "author.edit": _("edit this author"),
        "author.link_account": _("link authors to accounts"),
        "tag.create": _("add tags"),
        "tag.edit": _("edit tags"),
        "tag.merge": _("merge tags"),
        "tip.read": _("read tips"),
        "tip.handle": _("handle tips"),
        "tip.draft": _("turn tips into drafts"),
        "tip.readers": _("choose who reads tips"),
        "site.change": _("change the site settings"),
        "account.manage": _("manage accounts"),
        "account.language": _("manage accounts"),
        "wire.manage": _("manage wire sources"),
        "coverage.manage": _("manage live coverages"),
    }


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may do ``action`` (a key of :data:`RULES`) to ``obj``."""
    rule = RULES[action]
    if is_system(user):
        return True
    if not user.is_authenticated:
        return False
    return bool(rule(user, obj))


def check(user: Any, action: str, obj: Any = None) -> None:
    """Raise :class:`ActionDenied` with a plain message unless :func:`can`."""
    if not can(user, action, obj):
        raise ActionDenied(_("You do not have permission to %(what)s.") % {"what": _what()[action]})


def author_of(user: Any) -> Author | None:
    """The author profile that belongs to this account, if any."""
    if is_system(user):
        return None
    return Author.objects.filter(user_id=user.pk).first()
