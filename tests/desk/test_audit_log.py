"""The audit log page in words, one entry per action, and the address and
account on every entry a person caused, whichever door they used."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken
from newsdesk.desk.actions import set_role
from newsdesk.news import actions, audit
from newsdesk.news.models import Article, AuditEntry, Author
from newsdesk.site.actions import update_settings
from tests.helpers import find_all, parse, text_of

from .conftest import PASSWORD, signed_in


def rows(page: bytes) -> dict[str, list[str]]:
    """The log's rows as {action class: [cell texts]}, newest first per class."""
    found: dict[str, list[str]] = {}
    for row in find_all(parse(page), "tr"):
        kind = row.attrs.get("class", "")
        if kind.startswith("audit-"):
            found.setdefault(kind.removeprefix("audit-"), [text_of(c) for c in row.children])
    return found


def test_details_read_as_words(
    admin_user: User, editor: User, author: Author, make_article: Callable[..., Article]
) -> None:
    article = make_article(publish=False, headline="Ceasefire talks resume in the capital today")
    for _ in range(10):
        actions.update(article, user=editor, lede=f"Talks, take {article.version}.")
        article.refresh_from_db()
    actions.publish(article, user=editor)
    actions.update_author(author, user=admin_user, name="Mira Castell-Ode", slug="mira-co")
    set_role(editor, role="contributor", user=admin_user)
    set_role(editor, role="editor", user=admin_user)
    update_settings(user=admin_user, site_name="Harbour Daily")
    Client(REMOTE_ADDR="198.51.100.3").post(
        "/desk/login/", {"username": "nobody", "password": "guess"}
    )
    page = signed_in(admin_user).get("/desk/audit/")
    assert page.status_code == 200
    found = rows(page.content)
    assert found["publish"][1:3] == ["eden", "published"]
    assert found["publish"][5] == "version 12 of “Ceasefire talks resume in the capital t…”"
    assert found["author"][5] == "changed: name, slug"
    assert found["role"][5] == "role: contributor → editor"
    assert found["settings"][5] == "changed: site name"  # the field's own name
    assert found["login_failed"][1] == "not signed in"
    assert found["login_failed"][4:] == ["198.51.100.3", "wrong password, or no such account"]
    body = page.content.decode()
    assert "{&#x27;" not in body and "{'" not in body  # no Python dict anywhere


@pytest.mark.parametrize(
    ("action", "detail", "words"),
    [
        ("schedule", {"article": 1, "version": 3, "publish_at": "2026-03-05T14:00:00+00:00"}, ""),
        ("restore", {"article": 1, "version": 9, "revision": 4}, "revision 4 made current again"),
        ("correct", {"article": 1, "version": 5, "note": "The mayor's name."}, "note: “The mayor"),
        ("account", {"account": 1, "created": True, "role": "editor", "invited": True}, "invited"),
        ("account", {"account": 1, "changed": ["active"], "after": {"active": False}}, "off"),
        ("password", {"account": 1, "changed": ["password"], "link": True}, "set-password link"),
        ("tag", {"tag": 1, "merged": {"id": 2, "name": "Ferries"}, "articles": 3}, "merged"),
        ("login_throttled", {"wait_minutes": 12}, "asked to wait 12 min"),
        ("second_factor", {"change": "recovery code used", "left": 9}, "(9 left)"),
        ("logout", {}, ""),
    ],
)
def test_every_kind_of_detail_is_words(
    admin_user: User, action: str, detail: dict[str, Any], words: str
) -> None:
    audit.record(action, actor=admin_user, target="Ferries (/2026/ferries/)", detail=detail)
    cells = rows(signed_in(admin_user).get("/desk/audit/").content)[action]
    assert words in cells[5]
    assert "{" not in cells[5] and "[" not in cells[5]


def test_a_settings_save_writes_exactly_one_entry(admin_user: User) -> None:
    client = signed_in(admin_user, REMOTE_ADDR="203.0.113.5")
    page = client.get("/admin/site/sitesettings/1/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v not in (None, False) and k != "logo"}
    data.update(site_name="Harbour Daily", time_zone="Europe/Kyiv", language="en")
    before = AuditEntry.objects.count()
    response = client.post("/admin/site/sitesettings/1/change/", data)
    assert response.status_code == 302, response.content[:500]
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [(e.action, e.actor, e.address) for e in entries] == [
        ("settings", admin_user, "203.0.113.5")
    ]


def test_desk_actions_carry_the_address_and_the_account(
    editor: User, make_article: Callable[..., Article]
) -> None:
    article = make_article(publish=False)
    client = signed_in(editor, REMOTE_ADDR="203.0.113.7")
    assert client.post(f"/desk/articles/{article.pk}/publish/").status_code == 302
    entry = AuditEntry.objects.get(action="publish")
    assert (entry.actor, entry.actor_name, entry.address) == (editor, "eden", "203.0.113.7")
    assert audit.current_address() is None  # cleared after the request


def test_the_address_comes_from_a_trusted_proxy_only(
    editor: User, make_article: Callable[..., Article], settings: Any
) -> None:
    first, second = make_article(publish=False), make_article(publish=False)
    spoofed = signed_in(editor, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="127.0.0.1")
    spoofed.post(f"/desk/articles/{first.pk}/publish/")
    assert AuditEntry.objects.get(action="publish", target__contains=first.headline).address == (
        "192.0.2.50"
    )
    settings.NEWSDESK_TRUSTED_PROXIES = ["192.0.2.50"]
    proxied = signed_in(editor, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="203.0.113.20")
    proxied.post(f"/desk/articles/{second.pk}/publish/")
    assert AuditEntry.objects.get(action="publish", target__contains=second.headline).address == (
        "203.0.113.20"
    )


def test_api_actions_carry_the_address_and_the_account(
    editor: User, make_article: Callable[..., Article]
) -> None:
    article = make_article(publish=False)
    _token, secret = tokens.create(ApiToken.Kind.ADMIN, user=editor)
    response = Client(REMOTE_ADDR="203.0.113.8").post(
        f"/api/admin/articles/{article.pk}/publish",
        data=b"",
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(action="publish")
    assert (entry.actor, entry.address) == (editor, "203.0.113.8")


def test_sign_ins_carry_the_address(editor: User) -> None:
    Client(REMOTE_ADDR="203.0.113.9").post(
        "/desk/login/", {"username": "eden", "password": PASSWORD}
    )
    login = AuditEntry.objects.get(action="login")
    assert (login.actor, login.address) == (editor, "203.0.113.9")


def test_work_outside_a_request_has_no_address(make_article: Callable[..., Article]) -> None:
    make_article()  # the system, as the scheduler and the command line act
    entry = AuditEntry.objects.get(action="publish")
    assert (entry.actor, entry.actor_name, entry.address) == (None, "system", None)
    with audit.client_address("203.0.113.11"):
        assert audit.record("logout", actor=None).address == "203.0.113.11"
    assert audit.current_address() is None


def test_the_address_is_written_nowhere_but_the_audit_log(
    editor: User, make_article: Callable[..., Article], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    article = make_article(publish=False)
    Client(REMOTE_ADDR="203.0.113.77").post(
        "/desk/login/", {"username": "eden", "password": "wrong"}
    )
    signed_in(editor, REMOTE_ADDR="203.0.113.77").post(f"/desk/articles/{article.pk}/publish/")
    assert AuditEntry.objects.filter(address="203.0.113.77").count() == 2
    assert "203.0.113.77" not in caplog.text
