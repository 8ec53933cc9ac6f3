"""Accounts change only through the desk's actions: the same rule, checks,
audit entry and private event whether the admin, the desk's account page or
``newsdesk createuser`` asks; and ``prune_events`` refuses to empty the outbox."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from newsdesk.desk.actions import (
    create_account,
    role_of,
    set_active,
    set_password,
    set_role,
    update_account,
)
from newsdesk.news import outbox
from newsdesk.news.models import AuditEntry, Event
from newsdesk.news.permissions import COMMAND_LINE, SYSTEM, ActionDenied

from .conftest import PASSWORD, make_user, signed_in

NEW_PASSWORD = "a fresh passphrase for the night shift"
DENIED = "You do not have permission to manage accounts."
BAD_USERNAME = (
    "Enter a valid username. This value may contain only letters, numbers, "
    "and @/./+/-/_ characters."
)
TOO_LONG = "Passwords can be at most 1,024 characters."


def actor(kind: str) -> Any:
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "command line":
        return COMMAND_LINE
    if kind == "system":
        return SYSTEM
    return make_user(f"{kind}-actor", None if kind == "plain" else kind)


def written() -> tuple[int, int]:
    return AuditEntry.objects.count(), Event.objects.count()


def private_events() -> list[Event]:
    return list(Event.objects.filter(type__startswith="account."))


CALLS: dict[str, Callable[[User, Any], Any]] = {
    "create": lambda target, by: create_account(
        username="newbie", password=NEW_PASSWORD, role="editor", user=by
    ),
    "update": lambda target, by: update_account(target, email="tess@example.org", user=by),
    "role": lambda target, by: set_role(target, role="editor", user=by),
    "password": lambda target, by: set_password(target, password=NEW_PASSWORD, user=by),
    "deactivate": lambda target, by: set_active(target, active=False, user=by),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize(
    "kind", ["anonymous", "plain", "contributor", "editor", "admin", "command line", "system"]
)
def test_only_admins_and_the_command_line_manage_accounts(db: None, kind: str, call: str) -> None:
    target = make_user("tess", "contributor")
    by = actor(kind)
    before = written()
    if kind in {"admin", "command line", "system"}:
        CALLS[call](target, by)
        assert written() == (before[0] + 1, before[1] + 1)
        entry = AuditEntry.objects.latest("id")
        if kind == "admin":
            assert entry.actor == by and entry.actor_name == "admin-actor"
        else:
            assert entry.actor is None and entry.detail["by"] == by.name
        return
    with pytest.raises(ActionDenied) as refused:
        CALLS[call](target, by)
    assert str(refused.value) == DENIED
    assert written() == before
    target.refresh_from_db()
    assert target.check_password(PASSWORD) and target.is_active and not target.email
    assert role_of(target) == "contributor"
    assert not User.objects.filter(username="newbie").exists()


def test_a_person_changes_their_own_password_and_nobody_elses(
    contributor: User, editor: User
) -> None:
    set_password(contributor, password=NEW_PASSWORD, user=contributor)
    contributor.refresh_from_db()
    assert contributor.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="password")
    assert entry.actor == contributor and entry.detail == {
        "account": contributor.pk,
        "changed": ["password"],
        "own": True,
    }
    with pytest.raises(ActionDenied, match=DENIED):
        set_password(editor, password=NEW_PASSWORD, user=contributor)
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    # Switched off, a person no longer changes even their own.
    User.objects.filter(pk=contributor.pk).update(is_active=False)
    contributor.refresh_from_db()
    with pytest.raises(ActionDenied, match=DENIED):
        set_password(contributor, password=PASSWORD, user=contributor)


def refusal(call: Callable[[], Any]) -> dict[str, list[str]]:
    before = written()
    with pytest.raises(ValidationError) as refused:
        call()
    assert written() == before
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"username": "bad name<script>"}, {"username": [BAD_USERNAME]}),
        ({"username": "x" * 151}, {"username": ["Keep the username to 150 characters."]}),
        ({"username": "  "}, {"username": ["An account needs a username."]}),
        ({"username": "EDEN"}, {"username": ['An account named "EDEN" already exists.']}),
        ({"password": "x" * 2000}, {"password": [TOO_LONG]}),
        (
            {"password": "short"},
            {"password": ["This password is too short. It must contain at least 12 characters."]},
        ),
        (
            {"password": "a lone \udcff surrogate in a long password"},
            {
                "password": [
                    "The password is not valid UTF-8 text (it holds a lone surrogate); "
                    "type it again."
                ]
            },
        ),
        (
            {"email": "not an address"},
            {"email": ["Enter an e-mail address such as desk@example.org."]},
        ),
        ({"role": "owner"}, {"role": ["Choose a role: contributor, editor or admin."]}),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    editor: User, fields: dict[str, str], errors: dict[str, list[str]]
) -> None:
    values = {"username": "newbie", "password": NEW_PASSWORD, "role": "editor", **fields}
    users = User.objects.count()
    assert refusal(lambda: create_account(**values, user=COMMAND_LINE)) == errors
    assert User.objects.count() == users


def test_passwords_up_to_1024_characters_are_whole(editor: User, admin_user: User) -> None:
    longest = ("night shift " * 100)[:1023] + "!"
    assert len(longest) == 1024
    made = create_account(username="lena", password=longest, role="editor", user=admin_user)
    assert made.check_password(longest) and not made.check_password(longest[:-1])
    assert refusal(lambda: set_password(editor, password=longest + "!", user=admin_user)) == {
        "password": [TOO_LONG]
    }
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_creating_an_account_is_audited_and_announced_privately(admin_user: User) -> None:
    made = create_account(
        username="nadia",
        password=NEW_PASSWORD,
        role="editor",
        email="nadia@example.org",
        user=admin_user,
    )
    assert made.has_perm("news.publish_article") and not made.is_staff
    entry = AuditEntry.objects.get(action="account")
    assert (entry.actor, entry.target) == (admin_user, "nadia")
    assert entry.detail == {"account": made.pk, "created": True, "role": "editor", "active": True}
    (event,) = private_events()
    assert event.type == "account.created" and not event.public
    assert event.payload == {"id": made.pk, "username": "nadia", "role": "editor", "active": True}
    everything = json.dumps([entry.detail, event.payload])
    assert NEW_PASSWORD not in everything and "example.org" not in everything


def test_only_admins_are_staff(contributor: User, admin_user: User) -> None:
    set_role(contributor, role="admin", user=admin_user)
    contributor.refresh_from_db()
    assert contributor.is_superuser and contributor.is_staff and role_of(contributor) == "admin"
    set_role(contributor, role="editor", user=admin_user)
    contributor.refresh_from_db()
    assert not contributor.is_superuser and not contributor.is_staff
    assert list(contributor.groups.values_list("name", flat=True)) == ["Editors"]
    entries = AuditEntry.objects.filter(action="role").order_by("id")
    assert [(e.detail["before"], e.detail["after"]) for e in entries] == [
        ({"role": "contributor"}, {"role": "admin"}),
        ({"role": "admin"}, {"role": "editor"}),
    ]
    assert [e.payload for e in private_events()] == [
        {
            "id": contributor.pk,
            "username": "casey",
            "role": role,
            "active": True,
            "changed": ["role"],
        }
        for role in ("admin", "editor")
    ]


def test_no_change_writes_nothing(editor: User, admin_user: User) -> None:
    before = written()
    set_role(editor, role="editor", user=admin_user)
    set_active(editor, active=True, user=admin_user)
    update_account(editor, username="eden", user=admin_user)
    assert written() == before


def test_the_last_admin_stays(admin_user: User) -> None:
    message = "ada is the only active admin; make someone else an admin first."
    assert refusal(lambda: set_role(admin_user, role="editor", user=admin_user)) == {
        "role": [message]
    }
    assert refusal(lambda: set_active(admin_user, active=False, user=COMMAND_LINE)) == {
        "is_active": [message]
    }
    make_user("abe", "admin")
    set_role(admin_user, role="editor", user=admin_user)
    admin_user.refresh_from_db()
    assert role_of(admin_user) == "editor"


@pytest.mark.parametrize(
    "change",
    [
        lambda who, admin: set_password(who, password=NEW_PASSWORD, user=admin),
        lambda who, admin: set_active(who, active=False, user=admin),
        lambda who, admin: set_role(who, role="contributor", user=admin),
    ],
    ids=["password", "switched off", "role"],
)
def test_changes_by_an_admin_end_the_persons_sessions(
    editor: User, admin_user: User, change: Callable[[User, User], Any]
) -> None:
    laptop, phone = signed_in(editor), signed_in(editor)
    assert laptop.get("/desk/").status_code == phone.get("/desk/").status_code == 200
    change(editor, admin_user)
    assert laptop.get("/desk/")["Location"].startswith("/desk/login/")
    assert phone.get("/desk/")["Location"].startswith("/desk/login/")


def test_a_refused_change_leaves_sessions_alone(editor: User, contributor: User) -> None:
    session = signed_in(editor)
    with pytest.raises(ActionDenied):
        set_role(editor, role="contributor", user=contributor)
    assert session.get("/desk/").status_code == 200


# The desk's own account page ---------------------------------------------------


def test_the_account_page_changes_only_the_password(contributor: User) -> None:
    client = signed_in(contributor)
    response = client.post(
        "/desk/account/",
        {
            "do": "password",
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "username": "root",
            "is_superuser": "1",
            "is_staff": "1",
            "role": "admin",
            "groups": "1",
        },
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.check_password(NEW_PASSWORD) and contributor.username == "casey"
    assert not contributor.is_superuser and not contributor.is_staff
    assert role_of(contributor) == "contributor"
    entry = AuditEntry.objects.get(action="password")
    assert entry.actor == contributor and entry.detail["own"] is True
    assert [e.type for e in private_events()] == ["account.updated"]
    assert client.get("/desk/").status_code == 200  # this session carries on


def test_the_account_page_refuses_an_overlong_password(contributor: User) -> None:
    longer = "night shift " * 200
    response = signed_in(contributor).post(
        "/desk/account/",
        {
            "do": "password",
            "old_password": PASSWORD,
            "new_password1": longer,
            "new_password2": longer,
        },
    )
    assert response.status_code == 400
    assert response.context["password_form"].errors["new_password1"] == [TOO_LONG]
    contributor.refresh_from_db()
    assert contributor.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="password").exists()


# Django's admin --------------------------------------------------------------


def test_adding_a_user_in_the_admin_goes_through_the_action(admin_user: User) -> None:
    admin = signed_in(admin_user)
    page = admin.get("/admin/auth/user/add/").content.decode()
    assert 'name="role"' in page and 'name="is_superuser"' not in page
    response = admin.post(
        "/admin/auth/user/add/",
        {
            "username": "nadia",
            "email": "nadia@example.org",
            "role": "editor",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "is_superuser": "on",
            "is_staff": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content[:800]
    made = User.objects.get(username="nadia")
    assert role_of(made) == "editor" and not made.is_superuser and not made.is_staff
    assert made.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="account")
    assert entry.actor == admin_user and entry.detail["created"] is True
    assert [e.type for e in private_events()] == ["account.created"]


def test_the_admin_add_form_shows_the_actions_messages(admin_user: User) -> None:
    response = signed_in(admin_user).post(
        "/admin/auth/user/add/",
        {
            "username": "bad name<script>",
            "role": "editor",
            "password1": "x" * 2000,
            "password2": "x" * 2000,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["username"] == [BAD_USERNAME] and errors["password1"] == [TOO_LONG]
    assert not User.objects.filter(username__startswith="bad").exists()
    assert not AuditEntry.objects.filter(action="account").exists()


def test_changing_a_user_in_the_admin_goes_through_the_actions(
    editor: User, admin_user: User
) -> None:
    admin = signed_in(admin_user)
    session = signed_in(editor)
    page = admin.get(f"/admin/auth/user/{editor.pk}/change/")
    assert page.context["adminform"].form.initial["role"] == "editor"
    content = page.content.decode()
    assert 'name="groups"' not in content and 'name="is_staff"' not in content
    response = admin.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {"username": "eden", "email": "eden@example.org", "role": "admin", "_save": "Save"},
    )
    assert response.status_code == 302, response.content[:800]
    editor.refresh_from_db()
    assert role_of(editor) == "admin" and editor.is_staff and not editor.is_active
    assert editor.email == "eden@example.org"
    entries = AuditEntry.objects.filter(actor=admin_user, action__in=["account", "role"])
    entries = entries.order_by("id")
    assert [(e.action, e.detail["changed"]) for e in entries] == [
        ("account", ["email"]),
        ("role", ["role"]),
        ("account", ["active"]),
    ]
    assert [e.type for e in private_events()] == ["account.updated"] * 3
    assert session.get("/desk/")["Location"].startswith("/desk/login/")
    listing = admin.get("/admin/auth/user/").content.decode()
    assert '<td class="field-role">Admin</td>' in listing


def test_the_admin_password_page_goes_through_the_action(editor: User, admin_user: User) -> None:
    admin = signed_in(admin_user)
    session = signed_in(editor)
    path = f"/admin/auth/user/{editor.pk}/password/"
    assert "Disable password-based" not in admin.get(path).content.decode()
    refused = admin.post(path, {"password1": "x" * 2000, "password2": "x" * 2000})
    assert refused.status_code == 200 and TOO_LONG in refused.content.decode()
    assert session.get("/desk/").status_code == 200
    response = admin.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/auth/user/{editor.pk}/change/"
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="password")
    assert entry.actor == admin_user and entry.detail["own"] is False
    assert session.get("/desk/")["Location"].startswith("/desk/login/")
    assert admin.get("/admin/").status_code == 200


def test_accounts_are_switched_off_not_deleted(editor: User, admin_user: User) -> None:
    admin = signed_in(admin_user)
    assert admin.get(f"/admin/auth/user/{editor.pk}/delete/").status_code == 403
    assert admin.post(f"/admin/auth/user/{editor.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=editor.pk).exists()


@pytest.mark.parametrize("role", ["contributor", "editor"])
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/password_change/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/user/{pk}/password/",
    ],
)
def test_contributors_and_editors_never_reach_the_admin(
    admin_user: User, role: str, path: str
) -> None:
    client = signed_in(make_user("cora", role))
    path = path.format(pk=admin_user.pk)
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "username": "mallory"}
    for response in (client.get(path), client.head(path), client.post(path, data)):
        assert response.status_code == 302, (response.request["REQUEST_METHOD"], path)
        assert response["Location"].startswith("/admin/login/")
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)
    assert not User.objects.filter(username="mallory").exists()


# newsdesk createuser ---------------------------------------------------------


def createuser(*args: str, password: str = NEW_PASSWORD, stdin: Any = None) -> str:
    out = io.StringIO()
    call_command(
        "createuser",
        *args,
        "--password-stdin",
        stdin=stdin or io.StringIO(password + "\n"),
        stdout=out,
    )
    return out.getvalue().strip()


def test_createuser_acts_as_the_command_line(db: None) -> None:
    assert createuser("nadia", "--role", "admin") == 'Created admin "nadia".'
    made = User.objects.get(username="nadia")
    assert made.is_superuser and made.is_staff
    entry = AuditEntry.objects.get(action="account")
    assert entry.actor is None and entry.actor_name == "command line"
    assert entry.detail["by"] == "command line"


def test_createuser_as_someone_uses_their_rights(contributor: User, admin_user: User) -> None:
    with pytest.raises(CommandError, match=f"^{DENIED}$"):
        createuser("nadia", "--as", "casey")
    assert not User.objects.filter(username="nadia").exists()
    assert not AuditEntry.objects.filter(action="account").exists()
    assert createuser("nadia", "--role", "editor", "--as", "ada") == 'Created editor "nadia".'
    assert AuditEntry.objects.get(action="account").actor == admin_user


UNDECODABLE = (
    " is not valid UTF-8 text; check the encoding of the terminal or script that passed it."
)


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["bad name<script>"], NEW_PASSWORD, f"username: {BAD_USERNAME}"),
        (
            ["nadia", "--email", "nope"],
            NEW_PASSWORD,
            "email: Enter an e-mail address such as desk@example.org.",
        ),
        (
            ["nadia"],
            "short",
            "password: This password is too short. It must contain at least 12 characters.",
        ),
        (["nadia"], "x" * 2000, f"password: {TOO_LONG}"),
        (["bad\udcffname"], NEW_PASSWORD, "The username" + UNDECODABLE),
        (
            ["nadia", "--email", "n\udcff@example.org"],
            NEW_PASSWORD,
            "The value of --email" + UNDECODABLE,
        ),
        (["nadia", "--as", "ad\udcffa"], NEW_PASSWORD, "The value of --as" + UNDECODABLE),
        (
            ["nadia", "--as", "nobody"],
            NEW_PASSWORD,
            'No account "nobody". --as takes a desk username.',
        ),
        (
            ["nadia", "--as", "gone"],
            NEW_PASSWORD,
            'The account "gone" is deactivated; it may do nothing.',
        ),
    ],
)
def test_createuser_refuses_bad_arguments_clearly(
    admin_user: User, args: list[str], password: str, message: str
) -> None:
    User.objects.filter(pk=make_user("gone", "admin").pk).update(is_active=False)
    with pytest.raises(CommandError) as refused:
        createuser(*args, password=password)
    assert str(refused.value) == message
    assert User.objects.count() == 2
    assert not AuditEntry.objects.filter(action="account").exists()


def test_createuser_refuses_an_undecodable_password(db: None) -> None:
    undecodable = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait 12345\n"), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        createuser("nadia", stdin=undecodable)
    assert str(refused.value) == "The password" + UNDECODABLE
    assert not User.objects.exists()


# newsdesk prune_events ---------------------------------------------------------


@pytest.fixture
def old_events(db: None) -> list[int]:
    with transaction.atomic():
        ids = [outbox.emit(Event.Type.SITE_UPDATED, None, {"n": n}).id for n in range(3)]
    Event.objects.filter(id__in=ids[:2]).update(created_at=timezone.now() - timedelta(days=400))
    return ids


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (
            "-1",
            "--days must be at least 1 (got -1): readers resume live streams from the last "
            "day's events, and fewer days would delete them. Nothing was deleted.",
        ),
        (
            "0",
            "--days must be at least 1 (got 0): readers resume live streams from the last "
            "day's events, and fewer days would delete them. Nothing was deleted.",
        ),
        (
            "3651",
            "--days can be at most 3650, ten years (got 3651). Nothing was deleted.",
        ),
        (
            str(10**18),
            f"--days can be at most 3650, ten years (got {10**18}). Nothing was deleted.",
        ),
    ],
)
def test_prune_events_refuses_to_empty_the_outbox(
    old_events: list[int], days: str, message: str
) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("prune_events", "--days", days, stdout=io.StringIO())
    assert str(refused.value) == message
    assert list(Event.objects.values_list("id", flat=True)) == old_events
    assert outbox.pruned_through() == 0


def test_prune_events_keeps_the_days_asked_for(old_events: list[int]) -> None:
    out = io.StringIO()
    call_command("prune_events", "--days", "1", stdout=out)
    assert list(Event.objects.values_list("id", flat=True)) == old_events[2:]
    assert out.getvalue().strip() == (
        f"Pruned 2 events older than 1 days (horizon #{old_events[1]})."
    )


def test_the_account_command_lists_and_changes_through_the_actions(db: None) -> None:
    create_account(username="ada", password="correct horse battery 2026", role="admin")
    create_account(username="casey", password="correct horse battery 2026", role="contributor")
    out = io.StringIO()
    call_command("account", "role", "casey", "editor", stdout=out)
    assert out.getvalue() == "casey: editor, active.\n"
    with pytest.raises(CommandError, match="manage accounts"):
        call_command("account", "deactivate", "ada", "--as", "casey", stdout=io.StringIO())
    call_command("account", "deactivate", "casey", "--as", "ada", stdout=io.StringIO())
    listing = io.StringIO()
    call_command("account", "list", stdout=listing)
    assert listing.getvalue() == "ada\tadmin\tactive\ncasey\teditor\toff\n"
    with pytest.raises(CommandError, match='No account "nobody"'):
        call_command("account", "activate", "nobody", stdout=io.StringIO())
