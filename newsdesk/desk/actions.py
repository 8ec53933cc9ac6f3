"""Accounts: the people who sign in to the desk, and their roles.

``create_account``, ``update_account``, ``set_role``, ``set_password``,
``set_active`` and ``set_desk_language`` check that the actor may manage
accounts (admins and the command line; anyone may change their own
password and choose their own desk language), validate, write the
account, end the person's sessions when their role, password or active flag
changed, and write an audit entry and a private ``account.created`` or
``account.updated`` event in one transaction. Django's admin, the desk's
account page and ``newsdesk createuser`` call them, so each answers alike.

Roles: ``contributor`` and ``editor`` are the groups of ``news.roles``;
``admin`` is a superuser, the only role with ``is_staff`` (Django's admin is
theirs; the desk asks ``access.is_desk_member``). The last active admin
cannot be demoted or switched off.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from newsdesk.news import audit, outbox
from newsdesk.news.actions.base import Errors
from newsdesk.news.models import Event
from newsdesk.news.permissions import check, is_system
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ROLES, ensure_roles
from newsdesk.site.interface import LANGUAGES, is_shipped

from .audit import bump_epoch
from .models import DeskLanguage

ROLE_NAMES = ("contributor", "editor", "admin")
MAX_USERNAME = 150
MAX_EMAIL = 254
FIELDS = frozenset({"username", "email"})


def role_of(account: Any) -> str:
    """``"admin"``, ``"editor"``, ``"contributor"``, or ``""`` for no desk role."""
    if account.is_superuser:
        return "admin"
    names = {group.name for group in account.groups.all()} if account.pk else set()
    if EDITOR in names:
        return "editor"
    if CONTRIBUTOR in names:
        return "contributor"
    return ""


def is_text(value: str) -> bool:
    """Storable text: no lone surrogates (undecodable bytes from a terminal)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Validation, shared with the forms that call the actions ---------------------


def clean_username(value: Any, *, account: Any = None) -> str:
    username = User.normalize_username(str(value or "")).strip()
    if not username:
        raise ValidationError(_("An account needs a username."))
    if len(username) > MAX_USERNAME:
        raise ValidationError(
            _("Keep the username to %(limit)d characters.") % {"limit": MAX_USERNAME}
        )
    UnicodeUsernameValidator()(username)
    taken = User.objects.filter(username__iexact=username)
    if account is not None and account.pk:
        taken = taken.exclude(pk=account.pk)
    if taken.exists():
        raise ValidationError(
            _('An account named "%(username)s" already exists.') % {"username": username}
        )
    return username


def clean_email(value: Any) -> str:
    email = str(value or "").strip()
    if not email:
        return ""
    if len(email) > MAX_EMAIL or not is_text(email):
        raise ValidationError(_("Enter an e-mail address such as desk@example.org."))
    try:
        EmailValidator()(email)
    except ValidationError:
        raise ValidationError(_("Enter an e-mail address such as desk@example.org.")) from None
    return User.objects.normalize_email(email)


def clean_password(password: str, account: Any) -> None:
    """Django's validators, within our length cap, on storable text."""
    limit = settings.NEWSDESK_PASSWORD_MAX
    if len(password) > limit:
        raise ValidationError(
            _("Passwords can be at most %(limit)s characters.")
            % {"limit": number_format(limit, force_grouping=True)}
        )
    if not is_text(password):
        raise ValidationError(
            _("The password is not valid UTF-8 text (it holds a lone surrogate); type it again.")
        )
    validate_password(password, account)


def clean_role(value: Any) -> str:
    if value not in ROLE_NAMES:
        raise ValidationError(_("Choose a role: contributor, editor or admin."))
    return str(value)


def clean_desk_language(value: Any) -> str:
    """A language we ship the interface in, or ``""`` for the site's own."""
    code = str(value or "").strip().lower()
    if code and not is_shipped(code):
        names = ", ".join(f"{name} ({known})" for known, name in LANGUAGES)
        raise ValidationError(
            _("The desk speaks %(languages)s; choose one of them, or the site's language.")
            % {"languages": names}
        )
    return code


def desk_language_of(account: Any) -> str:
    """The person's own desk language, ``""`` when they follow the site's."""
    if account is None or not account.pk:
        return ""
    found = DeskLanguage.objects.filter(user_id=account.pk).values_list("language", flat=True)
    return found.first() or ""


def keeps_an_admin(account: Any, *, role: str, active: bool) -> None:
    """Refuse to demote or switch off the last active admin."""
    if not (account.is_superuser and account.is_active) or (role == "admin" and active):
        return
    others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=account.pk)
    if transaction.get_connection().in_atomic_block:
        others = others.select_for_update()
    if not list(others.values_list("pk", flat=True)[:1]):
        raise ValidationError(
            _("%(username)s is the only active admin; make someone else an admin first.")
            % {"username": account.get_username()}
        )


# The actions -----------------------------------------------------------------


def payload(account: Any, **extra: Any) -> dict[str, Any]:
    """What an event says about an account: nothing personal beyond its name."""
    return {
        "id": account.pk,
        "username": account.get_username(),
        "role": role_of(account),
        "active": account.is_active,
        **extra,
    }


def _record(kind: str, account: Any, user: Any, detail: dict[str, Any], created: bool) -> None:
    event = Event.Type.ACCOUNT_CREATED if created else Event.Type.ACCOUNT_UPDATED
    extra = {} if created else {"changed": sorted(detail.get("changed", []))}
    outbox.emit(event, None, payload(account, **extra))
    audit.record(kind, actor=user, target=account.get_username(), detail=detail)


def _locked(account: Any) -> User:
    return User.objects.select_for_update().get(pk=account.pk)


def _group(role: str) -> Group:
    group = Group.objects.filter(name=ROLES[role]).first()
    if group is None:  # a database migrated before the roles existed
        ensure_roles()
        group = Group.objects.get(name=ROLES[role])
    return group


def create_account(
    *, username: str, password: str | None, role: str, email: str = "", user: Any = None
) -> User:
    """Add an account with a role; the username is unique whatever its case.

    ``password=None`` invites the person: the account has no usable password
    until they set one through a set-password link (``desk.welcome``)."""
    check(user, "account.manage")
    errors = Errors()
    clean: dict[str, Any] = {}
    for name, cleaner, value in (
        ("username", clean_username, username),
        ("email", clean_email, email),
        ("role", clean_role, role),
    ):
        try:
            clean[name] = cleaner(value)
        except ValidationError as exc:
            for message in exc.messages:
                errors.add(name, message)
    try:
        candidate = User(username=clean.get("username", ""), email=clean.get("email", ""))
        if password is not None:
            clean_password(password, candidate)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add("password", message)
    errors.raise_if_any()
    admin = clean["role"] == "admin"
    with transaction.atomic():
        account = User(
            username=clean["username"], email=clean["email"], is_staff=admin, is_superuser=admin
        )
        account.set_password(password)  # None: unusable until they set one
        try:
            with transaction.atomic():
                account.save()
        except IntegrityError:
            raise ValidationError(
                {"username": _('An account named "%(username)s" already exists.') % clean}
            ) from None
        if not admin:
            account.groups.add(_group(clean["role"]))
        detail = {"account": account.pk, "created": True, "role": clean["role"], "active": True}
        if password is None:
            detail["invited"] = True
        _record(audit.Action.ACCOUNT, account, user, detail, created=True)
    return account


def update_account(account: Any, *, user: Any = None, **changes: Any) -> User:
    """Change an account's ``username`` or ``email``."""
    unknown = set(changes) - FIELDS
    if unknown:
        raise TypeError(f"update_account() cannot change {', '.join(sorted(unknown))}.")
    check(user, "account.manage", account)
    with transaction.atomic():
        account = _locked(account)
        errors = Errors()
        clean: dict[str, str] = {}
        for name, value in changes.items():
            try:
                if name == "username":
                    clean[name] = clean_username(value, account=account)
                else:
                    clean[name] = clean_email(value)
            except ValidationError as exc:
                for message in exc.messages:
                    errors.add(name, message)
        errors.raise_if_any()
        changed = sorted(n for n, v in clean.items() if getattr(account, n) != v)
        if not changed:
            return account
        before = account.get_username()
        for name in changed:
            setattr(account, name, clean[name])
        account.save(update_fields=changed)
        detail: dict[str, Any] = {"account": account.pk, "changed": changed}
        if "username" in changed:
            detail["before"] = {"username": before}
        _record(audit.Action.ACCOUNT, account, user, detail, created=False)
    return account


def set_role(account: Any, *, role: str, user: Any = None) -> User:
    """Make someone a contributor, an editor or an admin; their sessions end."""
    check(user, "account.manage", account)
    try:
        role = clean_role(role)
    except ValidationError as exc:
        raise ValidationError({"role": exc.messages}) from None
    with transaction.atomic():
        account = _locked(account)
        before = role_of(account)
        if before == role:
            return account
        try:
            keeps_an_admin(account, role=role, active=account.is_active)
        except ValidationError as exc:
            raise ValidationError({"role": exc.messages}) from None
        account.is_superuser = account.is_staff = role == "admin"
        account.save(update_fields=["is_superuser", "is_staff"])
        account.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
        if role in ROLES:
            account.groups.add(_group(role))
        bump_epoch(account.pk)
        detail = {
            "account": account.pk,
            "changed": ["role"],
            "before": {"role": before},
            "after": {"role": role},
        }
        _record(audit.Action.ROLE, account, user, detail, created=False)
    return account


def set_password(account: Any, *, password: str, user: Any = None, link: bool = False) -> User:
    """Set a new password: admins for anyone, a person for themself.

    Every session of the person ends; a desk page that changed the signed-in
    person's own password keeps its session with ``update_session_auth_hash``
    and the new epoch. Proving the old password, or holding a valid
    set-password link (``link=True``, recorded in the audit log), is the
    page's job.
    """
    check(user, "account.language", account)
    own = not is_system(user) and user.pk == account.pk
    with transaction.atomic():
        account = _locked(account)
        try:
            clean_password(password, account)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        account.set_password(password)
        account.save(update_fields=["password"])
        bump_epoch(account.pk)
        detail = {"account": account.pk, "changed": ["password"], "own": own}
        if link:
            detail["link"] = True
        _record(audit.Action.PASSWORD, account, user, detail, created=False)
    return account


def set_active(account: Any, *, active: bool, user: Any = None) -> User:
    """Let someone sign in again, or stop them: their sessions end."""
    check(user, "account.manage", account)
    active = bool(active)
    with transaction.atomic():
        account = _locked(account)
        if account.is_active == active:
            return account
        try:
            keeps_an_admin(account, role=role_of(account), active=active)
        except ValidationError as exc:
            raise ValidationError({"is_active": exc.messages}) from None
        account.is_active = active
        account.save(update_fields=["is_active"])
        bump_epoch(account.pk)
        detail = {
            "account": account.pk,
            "changed": ["active"],
            "before": {"active": not active},
            "after": {"active": active},
        }
        _record(audit.Action.ACCOUNT, account, user, detail, created=False)
    return account


def set_desk_language(account: Any, *, language: str, user: Any = None) -> User:
    """Choose the language someone's desk speaks: a person for themself,
    admins for anyone. ``""`` follows the site's language again."""
    check(user, "account.language", account)
    own = not is_system(user) and user.pk == account.pk
    try:
        language = clean_desk_language(language)
    except ValidationError as exc:
        raise ValidationError({"language": exc.messages}) from None
    with transaction.atomic():
        account = _locked(account)
        before = desk_language_of(account)
        if before == language:
            return account
        if language:
            DeskLanguage.objects.update_or_create(user=account, defaults={"language": language})
        else:
            DeskLanguage.objects.filter(user=account).delete()
        detail = {
            "account": account.pk,
            "changed": ["language"],
            "own": own,
            "before": {"language": before},
            "after": {"language": language},
        }
        _record(audit.Action.ACCOUNT, account, user, detail, created=False)
    return account
