"""Every desk view and action against every role: anonymous visitors go to
the login page, the wrong role gets 403, also for forged POSTs without a
CSRF token, with and without the trailing slash, and with HEAD."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.desk.actions import role_of
from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Tag
from newsdesk.site.models import SiteSettings
from newsdesk.wire.models import Source, WireItem

from .conftest import make_user, signed_in

ROLES = ["anonymous", "plain", "contributor", "editor", "admin"]
DESK = {"contributor", "editor", "admin"}
EDITORS = {"editor", "admin"}


@dataclass(frozen=True)
class Endpoint:
    path: str  # {pk} is the editor's published article
    method: str  # GET or POST
    allowed: frozenset[str]
    # Fields the right role posts besides the composer's (a valid form for the
    # page): {author}, {tag} and {other} as in the path.
    form: tuple[tuple[str, str], ...] = ()


ENDPOINTS = [
    Endpoint("/desk/", "GET", frozenset(DESK)),
    Endpoint("/desk/new/", "GET", frozenset(DESK)),
    Endpoint("/desk/new/", "POST", frozenset(DESK)),
    Endpoint("/desk/account/", "GET", frozenset(DESK)),
    Endpoint("/desk/autosave/", "POST", frozenset(DESK)),
    Endpoint("/desk/autosave/discard/", "POST", frozenset(DESK)),
    Endpoint("/desk/preview/", "POST", frozenset(DESK)),
    Endpoint("/desk/articles/", "GET", frozenset(DESK)),
    Endpoint("/desk/articles/{pk}/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/preview/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/autosave/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/notes/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/send-back/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/history/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/history/1/restore/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/submit/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/publish/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/unpublish/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/pin/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/articles/{pk}/unpin/", "POST", frozenset(EDITORS)),
    Endpoint("/desk/audit/", "GET", frozenset({"admin"})),
    Endpoint("/desk/wire/", "GET", frozenset(DESK)),
    Endpoint("/desk/wire/items.json", "GET", frozenset(DESK)),
    Endpoint("/desk/wire/items/{item}/", "GET", frozenset(DESK)),
    Endpoint("/desk/wire/items/{item}/draft/", "POST", frozenset(DESK)),
    Endpoint("/desk/wire/items/{item}/dismiss/", "POST", frozenset(DESK)),
    Endpoint("/desk/wire/sources/", "GET", frozenset(DESK)),
    Endpoint("/desk/wire/sources/", "POST", frozenset(DESK)),
    Endpoint("/desk/wire/sources/{source}/refresh/", "POST", frozenset(DESK)),
    # {author} is the editor's author profile; {tag} and {other} the article's tags.
    Endpoint("/desk/authors/", "GET", frozenset(DESK)),
    Endpoint("/desk/authors/new/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/authors/new/", "POST", frozenset(EDITORS), (("name", "Lena Ortiz"),)),
    Endpoint("/desk/authors/{author}/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/authors/{author}/", "POST", frozenset(EDITORS), (("name", "Desk Writer"),)),
    Endpoint("/desk/tags/", "GET", frozenset(DESK)),
    Endpoint("/desk/tags/{tag}/", "GET", frozenset(EDITORS)),
    Endpoint("/desk/tags/{tag}/", "POST", frozenset(EDITORS), (("name", "Harbour news"),)),
    Endpoint("/desk/tags/{tag}/merge/", "GET", frozenset(EDITORS)),
    Endpoint(
        "/desk/tags/{tag}/merge/",
        "POST",
        frozenset(EDITORS),
        (("into", "{other}"), ("confirm", "yes")),
    ),
    Endpoint("/desk/settings/", "GET", frozenset({"admin"})),
    Endpoint("/desk/settings/", "POST", frozenset({"admin"}), (("site_name", "Harbour Daily"),)),
    # {account} is the contributor's account.
    Endpoint("/desk/staff/", "GET", frozenset({"admin"})),
    Endpoint(
        "/desk/staff/", "POST", frozenset({"admin"}), (("username", "newbie"), ("role", "editor"))
    ),
    Endpoint("/desk/staff/{account}/", "GET", frozenset({"admin"})),
    Endpoint(
        "/desk/staff/{account}/", "POST", frozenset({"admin"}), (("do", "role"), ("role", "editor"))
    ),
    Endpoint("/desk/logout/", "POST", frozenset(DESK)),
]

READABLE = {e.path for e in ENDPOINTS if e.method == "GET"}


def clients(role: str, users: dict[str, User]) -> tuple[Client, Client]:
    """(a client that sends CSRF tokens, one that forges POSTs without them)."""
    honest, forger = Client(), Client(enforce_csrf_checks=True)
    if role != "anonymous":
        honest.force_login(users[role])
        forger.force_login(users[role])
    return honest, forger


def is_login_redirect(response: object) -> bool:
    return getattr(response, "status_code", 0) == 302 and response["Location"].startswith(  # type: ignore[index]
        "/desk/login/"
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.path}")
def test_role_matrix(endpoint: Endpoint, db: None) -> None:
    users = {role: make_user(role, None if role == "plain" else role) for role in ROLES[1:]}
    author = Author.objects.create(name="Desk Writer", slug="desk-writer", user=users["editor"])
    article = actions.create_draft(
        headline="Ferry service resumes",
        lede="Boats run again.",
        authors=[author],
        tags=["Harbour", "Ferries"],
        user=users["editor"],
    )
    actions.publish(article, user=users["editor"])
    article.refresh_from_db()
    version = article.version
    # A wire source at a documentation address: refreshing it is refused by
    # the fetch guard without any connection.
    source = Source.objects.create(url="http://192.0.2.10/feed.xml", outlet="Test Wire")
    item = WireItem.objects.create(
        source=source, external_id="w-1", url="http://192.0.2.10/1", title="Ferries run late"
    )
    tag, other = Tag.objects.get(name="Harbour"), Tag.objects.get(name="Ferries")
    records = {
        "author": author.pk,
        "tag": tag.pk,
        "other": other.pk,
        "account": users["contributor"].pk,
    }
    settings_before = SiteSettings.objects.count()
    base = endpoint.path.format(pk=article.pk, item=item.pk, source=source.pk, **records)
    data = {
        "headline": "Ferry service resumes",
        "lede": "Boats run again.",
        "body": "x",
        "version": str(version),
        "change": "minor",
        "do": "save",
    }
    for role in ROLES:
        honest, forger = clients(role, users)
        allowed = role in endpoint.allowed
        for path in (base, base.rstrip("/")):
            where = f"{role} {endpoint.method} {path}"
            head = honest.head(path)
            if role == "anonymous":
                assert is_login_redirect(head), where
            elif not allowed:
                assert head.status_code == 403, where
            elif endpoint.path not in READABLE:
                assert head.status_code == 405, where
            else:
                assert head.status_code in (200, 302), where
                assert not is_login_redirect(head), where
            if endpoint.method == "POST":
                forged = forger.post(path, data)
                if role == "anonymous":
                    assert is_login_redirect(forged), where
                else:
                    assert forged.status_code == 403, where  # wrong role or no token
                if not allowed:
                    refused = honest.post(path, data)
                    if role == "anonymous":
                        assert is_login_redirect(refused), where
                    else:
                        assert refused.status_code == 403, where
            else:
                response = honest.get(path)
                if role == "anonymous":
                    assert is_login_redirect(response), where
                elif not allowed:
                    assert response.status_code == 403, where
                else:
                    assert response.status_code in (200, 302), where
                    assert not is_login_redirect(response), where
        article.refresh_from_db()
        assert article.version == version, f"{role} changed the article through {endpoint.path}"
        assert Article.objects.count() == 1, f"{role} made an article through {endpoint.path}"
        assert WireItem.objects.get(pk=item.pk).status == WireItem.Status.NEW
        assert Author.objects.get(pk=author.pk).name == "Desk Writer"
        assert Author.objects.count() == 1 and Tag.objects.count() == 2
        assert Tag.objects.get(pk=tag.pk).name == "Harbour"
        assert SiteSettings.objects.count() == settings_before
        assert User.objects.count() == len(users)
        assert role_of(User.objects.get(pk=users["contributor"].pk)) == "contributor"
    # Finally the right role, with its token, gets through.
    role = min(endpoint.allowed, key=ROLES.index)
    honest, _forger = clients(role, users)
    data |= {name: value.format(**records) for name, value in endpoint.form}
    response = honest.post(base, data) if endpoint.method == "POST" else honest.get(base)
    assert response.status_code in (200, 302), response.content[:300]
    if endpoint.path == "/desk/logout/":  # signing out leads to the sign-in page
        assert is_login_redirect(honest.get("/desk/"))
    else:
        assert not is_login_redirect(response)
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )


def test_admin_pages_are_for_admins(db: None) -> None:
    editor = make_user("eden", "editor")
    admin = make_user("ada", "admin")
    # The admin signs in through the desk (throttle, second factor, audit).
    to_login = Client().get("/admin/")
    assert to_login.status_code == 302 and to_login["Location"].startswith("/admin/login/")
    desk_login = Client().get(to_login["Location"])
    assert desk_login.status_code == 302
    assert desk_login["Location"] == "/desk/login/?next=%2Fadmin%2F"
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get("/admin/auth/user/").status_code == 302  # not staff: to login
    admin_client = Client()
    admin_client.force_login(admin)
    assert admin_client.get("/admin/auth/user/").status_code == 200
    # Reading the settings page writes nothing, not even the settings row.
    audited = AuditEntry.objects.count()
    assert admin_client.get("/admin/site/sitesettings/").status_code == 302
    assert admin_client.get("/admin/site/sitesettings/1/change/").status_code == 200
    assert not SiteSettings.objects.exists() and AuditEntry.objects.count() == audited
    # Contributors and editors never reach Django's admin, its password page included.
    for client in (editor_client, signed_in(make_user("cora", "contributor"))):
        for path in ("/admin/", "/admin/password_change/", "/admin/site/sitesettings/1/change/"):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith("/admin/login/"), path
    # Roles are the groups the code defines; the admin does not edit them.
    assert admin_client.get("/admin/auth/group/").status_code == 404
