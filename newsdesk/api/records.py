"""The Admin API for the newsroom's records: authors, tags, the site settings
and accounts, acting as the token's user.

As for articles, every write calls the action the desk and the command line
call (``news.actions`` for authors and tags, ``site.actions`` for the
settings, ``desk.actions`` for accounts), and the action's own check decides:
a refusal is a 403 problem document with its message, a ValidationError a
400 with its fields. Reads ask the gate the desk asks before the same pages
(``desk.access.is_desk_member`` for authors and tags, the ``site.change`` and
``account.manage`` rules for the settings and accounts). The API keeps no
rule of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import BaseModel

from newsdesk.desk.access import is_desk_member
from newsdesk.desk.actions import create_account, role_of, set_active, set_role
from newsdesk.desk.welcome import link_for
from newsdesk.news import actions, permissions
from newsdesk.news.models import Author, Tag
from newsdesk.site.actions import settings_row, update_settings
from newsdesk.site.models import SiteSettings

from .admin_api import READ_ERRORS, WRITE_ERRORS, ArticleId
from .auth import AdminToken, Caller
from .present import absolute
from .problems import Problem, only_query
from .schemas import (
    AccountChangesIn,
    AccountCreatedOut,
    AccountIn,
    AccountOut,
    AccountPage,
    AdminAuthorOut,
    AdminAuthorPage,
    AdminTagOut,
    AdminTagPage,
    AuthorChangesIn,
    AuthorIn,
    MergeIn,
    RecordFilters,
    SettingsIn,
    SettingsOut,
    TagChangesIn,
    TagIn,
)

router = Router(auth=AdminToken(), tags=["admin"])

RecordId = ArticleId  # any record's id in a path: 1 to MAX_ID

#: Author fields the API sets as they are (``account`` is looked up by username).
AUTHOR_TEXT = ("name", "slug", "bio", "contact", "email", "signal", "website")
SETTINGS_TEXT = ("site_name", "description", "contact_line", "time_zone", "language", "languages")
SETTINGS_FLAGS = ("require_admin_second_factor", "wire_sources_editors_only")


def _user(request: HttpRequest) -> Any:
    caller: Caller = request.auth  # type: ignore[attr-defined]
    return caller.user


def _desk_member(request: HttpRequest) -> Any:
    """Authors and tags are the desk's to read, as on the desk's own pages."""
    user = _user(request)
    if not is_desk_member(user):
        raise PermissionDenied(
            _("Only contributors, editors and admins see the newsroom's records.")
        )
    return user


def _nothing_sent() -> Problem:
    return Problem(400, _("Send at least one field to change."))


def _page(rows: QuerySet[Any], filters: RecordFilters) -> tuple[list[Any], int | None]:
    """Keyset pages by id: a record added while a client pages is not skipped."""
    if filters.after is not None:
        rows = rows.filter(pk__gt=filters.after)
    found = list(rows.order_by("pk")[: filters.limit + 1])
    more = len(found) > filters.limit
    found = found[: filters.limit]
    return found, (found[-1].pk if more else None)


def _sent(payload: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of ``names`` sent with a value (null leaves a field as it is)."""
    return {n: getattr(payload, n) for n in names if getattr(payload, n) is not None}


# Authors ------------------------------------------------------------------------


def _author_out(author: Author, user: Any) -> dict[str, Any]:
    linked = None
    if author.user_id is not None and permissions.can(user, "author.link_account", author):
        linked = author.user.get_username()  # type: ignore[union-attr]
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "url": absolute(author.get_absolute_url()),
        "bio": author.bio,
        "contact": author.contact,
        "email": author.email,
        "signal": author.signal,
        "website": author.website,
        "avatar": absolute(author.avatar.url) if author.avatar_id and author.avatar else None,
        "account": linked,
    }


def _authors() -> QuerySet[Author]:
    return Author.objects.select_related("avatar", "user")


def _author(pk: int) -> Author:
    found = _authors().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _account_named(username: str | None) -> Any:
    """The account to link, or None to unlink.

    An unknown name becomes an unsaved account, which the action refuses as
    a field error only after its permission check: who may not link accounts
    learns nothing about which names exist."""
    if username is None:
        return None
    return User.objects.filter(username=username).first() or User(username=username)


@router.get("/authors", response={200: AdminAuthorPage, **READ_ERRORS}, summary="List authors")
def admin_list_authors(request: HttpRequest, filters: Query[RecordFilters]) -> dict[str, Any]:
    """Every author, oldest first; a page of `limit` at a time."""
    only_query(request, RecordFilters)
    user = _desk_member(request)
    found, cursor = _page(_authors(), filters)
    return {"items": [_author_out(a, user) for a in found], "next_cursor": cursor}


@router.get("/authors/{id}", response={200: AdminAuthorOut, **READ_ERRORS}, summary="Get an author")
def admin_get_author(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    only_query(request)
    user = _desk_member(request)
    return _author_out(_author(id), user)


@router.post("/authors", response={201: AdminAuthorOut, **WRITE_ERRORS}, summary="Add an author")
def admin_create_author(request: HttpRequest, payload: AuthorIn) -> Status[dict[str, Any]]:
    only_query(request)
    user = _user(request)
    fields = {n: getattr(payload, n) for n in AUTHOR_TEXT}
    if payload.account is not None:
        fields["account"] = _account_named(payload.account)
    author = actions.create_author(user=user, **fields)
    return Status(201, _author_out(_author(author.pk), user))


@router.patch(
    "/authors/{id}", response={200: AdminAuthorOut, **WRITE_ERRORS}, summary="Change an author"
)
def admin_update_author(
    request: HttpRequest, id: RecordId, payload: AuthorChangesIn
) -> dict[str, Any]:
    """Only the fields sent change. A new slug keeps the old address answering 301;
    a new name keeps the slug unless `slug` is sent too (`""` makes it from the name)."""
    only_query(request)
    user = _user(request)
    changes = _sent(payload, AUTHOR_TEXT)
    if "account" in payload.model_fields_set:
        changes["account"] = _account_named(payload.account)
    if not changes:
        raise _nothing_sent()
    author = actions.update_author(_author(id), user=user, **changes)
    return _author_out(_author(author.pk), user)


# Tags ---------------------------------------------------------------------------


def _tags() -> QuerySet[Tag]:
    return Tag.objects.annotate(article_count=Count("articles"))


def _tag(pk: int) -> Tag:
    found = _tags().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _tag_out(tag: Tag) -> dict[str, Any]:
    return {
        "id": tag.pk,
        "name": tag.name,
        "slug": tag.slug,
        "url": absolute(tag.get_absolute_url()),
        "description": tag.description,
        "articles": tag.article_count,  # type: ignore[attr-defined]
    }


@router.get("/tags", response={200: AdminTagPage, **READ_ERRORS}, summary="List tags")
def admin_list_tags(request: HttpRequest, filters: Query[RecordFilters]) -> dict[str, Any]:
    """Every tag, oldest first, with how many articles carry it."""
    only_query(request, RecordFilters)
    _desk_member(request)
    found, cursor = _page(_tags(), filters)
    return {"items": [_tag_out(t) for t in found], "next_cursor": cursor}


@router.get("/tags/{id}", response={200: AdminTagOut, **READ_ERRORS}, summary="Get a tag")
def admin_get_tag(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    only_query(request)
    _desk_member(request)
    return _tag_out(_tag(id))


@router.post("/tags", response={201: AdminTagOut, **WRITE_ERRORS}, summary="Add a tag")
def admin_create_tag(request: HttpRequest, payload: TagIn) -> Status[dict[str, Any]]:
    only_query(request)
    tag = actions.create_tag(
        name=payload.name,
        slug=payload.slug,
        description=payload.description,
        user=_user(request),
    )
    return Status(201, _tag_out(_tag(tag.pk)))


@router.patch("/tags/{id}", response={200: AdminTagOut, **WRITE_ERRORS}, summary="Change a tag")
def admin_update_tag(request: HttpRequest, id: RecordId, payload: TagChangesIn) -> dict[str, Any]:
    """Rename or describe. A new slug keeps the old address answering 301; a new
    name keeps the slug unless `slug` is sent too (`""` makes it from the name)."""
    only_query(request)
    changes = _sent(payload, ("name", "slug", "description"))
    if not changes:
        raise _nothing_sent()
    tag = actions.update_tag(_tag(id), user=_user(request), **changes)
    return _tag_out(_tag(tag.pk))


@router.post(
    "/tags/{id}/merge", response={200: AdminTagOut, **WRITE_ERRORS}, summary="Merge into another"
)
def admin_merge_tag(request: HttpRequest, id: RecordId, payload: MergeIn) -> dict[str, Any]:
    """Move every article of this tag to `into` and delete this one; its address
    answers 301 to `into`. Answers with the tag that stays."""
    only_query(request)
    source = _tag(id)
    into = Tag.objects.filter(pk=payload.into).first()
    if into is None:
        raise Problem(
            400,
            _("Some fields need attention."),
            errors=[
                {
                    "location": "body",
                    "field": "into",
                    "detail": _("No tag has the id %(id)d.") % {"id": payload.into},
                }
            ],
        )
    kept = actions.merge_tags(source, into, user=_user(request))
    return _tag_out(_tag(kept.pk))


# Site settings ----------------------------------------------------------------


def _settings_out(row: SiteSettings) -> dict[str, Any]:
    author = row.default_author if row.default_author_id else None
    return {
        **{n: getattr(row, n) for n in (*SETTINGS_TEXT, *SETTINGS_FLAGS)},
        "logo": absolute(row.logo.url) if row.logo else None,
        "default_author": author.slug if author is not None else None,
        "updated_at": row.updated_at,
    }


@router.get("/settings", response={200: SettingsOut, **READ_ERRORS}, summary="The site settings")
def admin_get_settings(request: HttpRequest) -> dict[str, Any]:
    """Admins only, as the desk's settings page."""
    only_query(request)
    permissions.check(_user(request), "site.change")
    return _settings_out(settings_row())


@router.patch(
    "/settings", response={200: SettingsOut, **WRITE_ERRORS}, summary="Change the site settings"
)
def admin_update_settings(request: HttpRequest, payload: SettingsIn) -> dict[str, Any]:
    """Only the fields sent change. Every cached page is dropped, as after a desk change."""
    only_query(request)
    changes = _sent(payload, (*SETTINGS_TEXT, *SETTINGS_FLAGS))
    if "default_author" in payload.model_fields_set:
        slug = payload.default_author
        author = Author.objects.filter(slug=slug).first() if slug is not None else None
        if slug is not None and author is None:
            raise Problem(
                400,
                _("Some fields need attention."),
                errors=[
                    {
                        "location": "body",
                        "field": "default_author",
                        "detail": _("No author has the slug “%(slug)s”.") % {"slug": slug},
                    }
                ],
            )
        changes["default_author"] = author
    if not changes:
        raise _nothing_sent()
    update_settings(user=_user(request), **changes)
    return _settings_out(settings_row())


# Accounts -----------------------------------------------------------------------


def _accounts() -> QuerySet[User]:
    return User.objects.select_related("author").prefetch_related("groups")


def _account_out(account: User) -> dict[str, Any]:
    try:
        author = account.author
    except Author.DoesNotExist:
        author = None
    return {
        "id": account.pk,
        "username": account.get_username(),
        "email": account.email,
        "role": role_of(account) or "none",
        "active": account.is_active,
        "author": author.slug if author is not None else None,
        "date_joined": account.date_joined,
        "last_login": account.last_login,
    }


def _may_manage(request: HttpRequest) -> None:
    """Accounts are the admins' alone, as on the desk: the rule answers before
    anything is looked up, so no one else learns which ids exist."""
    permissions.check(_user(request), "account.manage")


def _managed(request: HttpRequest, pk: int) -> User:
    _may_manage(request)
    found = _accounts().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@router.get("/accounts", response={200: AccountPage, **READ_ERRORS}, summary="List accounts")
def admin_list_accounts(request: HttpRequest, filters: Query[RecordFilters]) -> dict[str, Any]:
    """Every desk account, oldest first (admins)."""
    only_query(request, RecordFilters)
    _may_manage(request)
    found, cursor = _page(_accounts(), filters)
    return {"items": [_account_out(a) for a in found], "next_cursor": cursor}


@router.get("/accounts/{id}", response={200: AccountOut, **READ_ERRORS}, summary="Get an account")
def admin_get_account(request: HttpRequest, id: RecordId) -> dict[str, Any]:
    only_query(request)
    return _account_out(_managed(request, id))


@router.post(
    "/accounts", response={201: AccountCreatedOut, **WRITE_ERRORS}, summary="Invite someone"
)
def admin_create_account(request: HttpRequest, payload: AccountIn) -> Status[dict[str, Any]]:
    """An account with a role and no password yet, as the desk's invitation: the
    answer's `set_password_link` lets the person choose one."""
    only_query(request)
    account = create_account(
        username=payload.username,
        email=payload.email,
        role=payload.role,
        password=None,
        user=_user(request),
    )
    fresh = _accounts().get(pk=account.pk)
    return Status(201, {**_account_out(fresh), "set_password_link": link_for(request, fresh)})


@router.patch(
    "/accounts/{id}",
    response={200: AccountOut, **WRITE_ERRORS},
    summary="Change role or switch off",
)
def admin_update_account(
    request: HttpRequest, id: RecordId, payload: AccountChangesIn
) -> dict[str, Any]:
    """A new `role`, or `active: false` to switch someone off (their sessions end;
    their tokens stop working). Both in one request change together or not at all."""
    only_query(request)
    account = _managed(request, id)
    changes = _sent(payload, ("role", "active"))
    if not changes:
        raise _nothing_sent()
    user = _user(request)
    with transaction.atomic():
        if "role" in changes:
            account = set_role(account, role=changes["role"], user=user)
        if "active" in changes:
            try:
                account = set_active(account, active=changes["active"], user=user)
            except ValidationError as exc:
                # The action names the model's field; the API's is "active".
                if not hasattr(exc, "error_dict"):
                    raise
                raise ValidationError(
                    {("active" if k == "is_active" else k): v for k, v in exc.error_dict.items()}
                ) from None
    return _account_out(_accounts().get(pk=id))
