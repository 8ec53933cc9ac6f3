"""The audit log in words: "version 12 of “Ceasefire talks…”", "changed: name,
slug", "role: contributor → editor", never a Python dict.

Each entry's ``detail`` is what its action wrote (``news.audit.record``);
:func:`described` reads it with the entry's kind and target, and asks the
database nothing, so the page costs the same whatever it lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import template
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.news.models import AuditEntry, Author, Tag
from newsdesk.site.interface import LANGUAGES
from newsdesk.site.models import SiteSettings

register = template.Library()

Action = AuditEntry.Action
# The article actions write "Headline (/path/)" as the target.
_ARTICLE_TARGET = re.compile(r"^(?P<headline>.*) \((?P<url>/[^()\s]*)\)$", re.DOTALL)
# Ids and the system actor's name: the other columns say them already.
_QUIET = {"article", "account", "author", "tag", "by"}


def _quoted(text: str, limit: int = 40) -> str:
    # Translators: quotation marks around a headline, a name or a note.
    return _("“%(text)s”") % {"text": Truncator(text).chars(limit)}


def _role(name: Any) -> str:
    return {
        "contributor": _("contributor"),
        "editor": _("editor"),
        "admin": _("admin"),
    }.get(str(name or ""), _("no role"))


def _when(value: Any) -> str:
    moment = parse_datetime(str(value)) if value else None
    if moment is None:
        return str(value or "")
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return str(formats.date_format(moment, "DATETIME_FORMAT"))


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _field(action: str, name: str) -> str:
    """A changed field by the name its form gives it ("назва сайту", not
    "site_name"); the stored name where none is known."""
    model = _MODELS.get(action)
    if model is not None:
        try:
            return str(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            pass
    own = {"language": _("desk language"), "active": _("active"), "role": _("role")}
    return str(own.get(name, name))


def _changed(detail: dict[str, Any], action: str = "") -> str:
    names = [_field(action, str(n)) for n in detail.get("changed", [])]
    return _("changed: %(fields)s") % {"fields": ", ".join(names)} if names else _("no change")


def _article(entry: AuditEntry, detail: dict[str, Any]) -> str:
    match = _ARTICLE_TARGET.match(entry.target)
    headline = match["headline"] if match else entry.target
    text = _("version %(version)s of %(headline)s") % {
        "version": detail.get("version", "?"),
        "headline": _quoted(headline),
    }
    if "revision" in detail:
        text = _("revision %(revision)s made current again as %(what)s") % {
            "revision": detail["revision"],
            "what": text,
        }
    if "publish_at" in detail:
        text = _("%(what)s, for %(when)s") % {"what": text, "when": _when(detail["publish_at"])}
    if detail.get("note"):
        text = _("%(what)s; note: %(note)s") % {"what": text, "note": _quoted(detail["note"], 80)}
    return text


def _record(entry: AuditEntry, detail: dict[str, Any]) -> str:
    """Authors, tags and the site settings."""
    if detail.get("created"):
        return _("created")
    if "merged" in detail:
        gone = detail["merged"] or {}
        return _("merged %(tag)s into it (%(count)s articles)") % {
            "tag": _quoted(str(gone.get("name", ""))),
            "count": detail.get("articles", 0),
        }
    return _changed(detail, entry.action)


def _account(entry: AuditEntry, detail: dict[str, Any]) -> str:
    if detail.get("created"):
        role = _role(detail.get("role"))
        if detail.get("invited"):
            return _("invited as %(role)s") % {"role": role}
        return _("created as %(role)s") % {"role": role}
    changed = detail.get("changed", [])
    if changed == ["active"]:
        active = (detail.get("after") or {}).get("active")
        return _("switched on") if active else _("switched off")
    if changed == ["tips"]:  # tips.actions.set_reader
        allowed = (detail.get("after") or {}).get("tips")
        return _("may read tips") if allowed else _("may no longer read tips")
    if changed == ["language"]:
        return _("desk language: %(before)s → %(after)s") % {
            "before": _language((detail.get("before") or {}).get("language")),
            "after": _language((detail.get("after") or {}).get("language")),
        }
    text = _changed(detail, entry.action)
    before = (detail.get("before") or {}).get("username")
    if before:
        text = _("%(what)s (was %(username)s)") % {"what": text, "username": _quoted(before)}
    return text


def _language(code: Any) -> str:
    return dict(LANGUAGES).get(str(code or ""), "") or _("the site's language")


def _role_change(entry: AuditEntry, detail: dict[str, Any]) -> str:
    return _("role: %(before)s → %(after)s") % {
        "before": _role((detail.get("before") or {}).get("role")),
        "after": _role((detail.get("after") or {}).get("role")),
    }


def _password(entry: AuditEntry, detail: dict[str, Any]) -> str:
    if detail.get("link"):
        return _("set through a set-password link")
    if detail.get("own"):
        return _("changed their own password")
    return _("set by someone else")


def _login_failed(entry: AuditEntry, detail: dict[str, Any]) -> str:
    if detail.get("step"):
        return _("wrong code at the second step")
    return _("wrong password, or no such account")


def _throttled(entry: AuditEntry, detail: dict[str, Any]) -> str:
    minutes = int(detail.get("wait_minutes") or 0)
    return _("asked to wait %(minutes)d min") % {"minutes": minutes}


def _second_factor(entry: AuditEntry, detail: dict[str, Any]) -> str:
    change = detail.get("change")
    if change == "added":
        return _("authenticator app added")
    if change == "removed":
        return _("authenticator app removed")
    if change == "recovery codes":
        return _("new recovery codes (the old ones no longer work)")
    if change == "recovery code used":
        return _("signed in with a recovery code (%(left)s left)") % {"left": detail.get("left")}
    return _other(entry, detail)


def _other(entry: AuditEntry, detail: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {_plain(v)}" for k, v in detail.items() if k not in _QUIET)


_MODELS: dict[str, type[Model]] = {
    Action.SETTINGS: SiteSettings,
    Action.AUTHOR: Author,
    Action.TAG: Tag,
    Action.ACCOUNT: User,
}


def _tip(entry: AuditEntry, detail: dict[str, Any]) -> str:
    """What the desk did with a reader's tip (``tips.actions``; "did" says which)."""
    did = {
        "read": _("read it"),
        "file": _("downloaded a file"),
        "handled": _("marked it handled"),
        "reopened": _("opened it again"),
        "forwarded": _("forwarded it"),
        "drafted": _("made a draft from it"),
    }.get(str(detail.get("did")))
    return did if did is not None else _other(entry, detail)


_BY_ACTION: dict[str, Callable[[AuditEntry, dict[str, Any]], str]] = {
    # The tip line's entries: an action of its own app (tips.actions.AUDIT).
    "tip": _tip,
    Action.SETTINGS: _record,
    Action.AUTHOR: _record,
    Action.TAG: _record,
    Action.ACCOUNT: _account,
    Action.ROLE: _role_change,
    Action.PASSWORD: _password,
    Action.LOGIN_FAILED: _login_failed,
    Action.LOGIN_THROTTLED: _throttled,
    Action.SECOND_FACTOR: _second_factor,
}


@register.filter
def described(entry: AuditEntry) -> str:
    """What happened, in a line of words (escaped by the template as usual)."""
    detail = entry.detail if isinstance(entry.detail, dict) else {}
    describe = _BY_ACTION.get(entry.action)
    if describe is None:
        describe = _article if "article" in detail else _other
    try:
        return describe(entry, detail)
    except (AttributeError, TypeError, ValueError):  # an entry from an older shape
        return _other(entry, detail)


#: The system actors' names as the audit log stores them (``news.permissions``).
_SYSTEM_ACTORS = {"system": gettext_lazy("system"), "command line": gettext_lazy("command line")}


@register.filter
def actor(entry: AuditEntry) -> str:
    """Who acted: a person's username, or the system actor in words."""
    name = entry.actor_name
    if entry.actor_id is None and name in _SYSTEM_ACTORS:
        return str(_SYSTEM_ACTORS[name])
    return name


@register.filter
def target(entry: AuditEntry) -> str:
    """What the entry is about; the site settings in the reader's language."""
    if entry.action == Action.SETTINGS:
        return str(SiteSettings._meta.verbose_name).capitalize()
    return entry.target


#: What each revision of an article did, as its history page lists them.
_REVISIONS = {
    "create": gettext_lazy("created"),
    "update": gettext_lazy("edited"),
    "submit": gettext_lazy("submitted for review"),
    "schedule": gettext_lazy("scheduled"),
    "unschedule": gettext_lazy("back to review"),
    "publish": gettext_lazy("published"),
    "correct": gettext_lazy("corrected"),
    "unpublish": gettext_lazy("unpublished"),
    "pin": gettext_lazy("pinned"),
    "unpin": gettext_lazy("unpinned"),
    "restore": gettext_lazy("restored a revision"),
    "send_back": gettext_lazy("sent back to the writer"),
    "translate": gettext_lazy("started a translation"),
}


@register.filter
def revision_action(action: str) -> str:
    return str(_REVISIONS.get(action, action))
