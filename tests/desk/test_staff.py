"""Accounts on the desk (admins only, through the actions): the list, invites
with a one-time set-password link, roles, switching off, author profiles."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.desk.actions import role_of
from newsdesk.desk.welcome import tokens
from newsdesk.news.models import AuditEntry, Author, Event
from tests.helpers import find_all, parse, text_of

from .conftest import PASSWORD, make_user, signed_in

NEW_PASSWORD = "a harbour of long passphrases 2026"


def table(page: bytes) -> dict[str, list[str]]:
    """The accounts table as {username: [role, active, password, author]}."""
    rows = find_all(find_all(parse(page), "table", class_="staff")[0], "tr")[1:]
    cells = [[text_of(td) for td in find_all(row, "td")] for row in rows]
    return {row[0]: row[1:] for row in cells}


def invite(admin: Client, **fields: str) -> tuple[Any, str]:
    response = admin.post("/desk/staff/", {"email": "", "role": "contributor", **fields})
    links = find_all(parse(response.content), "input", id="set-password-link")
    return response, links[0].attrs["value"] if links else ""


def open_link(client: Client, link: str) -> str:
    """Follow a set-password link: the token moves into the session, and the
    form lives at an address without it."""
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302, response.status_code
    assert response["Location"].endswith("/set-password/")
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"  # this address has the token
    return str(response["Location"])


def set_through(link: str, password: str = NEW_PASSWORD) -> Any:
    client = Client()
    form = open_link(client, link)
    return client.post(form, {"new_password1": password, "new_password2": password})


def test_the_list_shows_role_active_password_and_author(
    admin_user: User, editor: User, contributor: User
) -> None:
    Author.objects.create(name="Eden Hale", slug="eden-hale", user=editor)
    contributor.is_active = False
    contributor.save()
    page = signed_in(admin_user).get("/desk/staff/")
    assert page.status_code == 200
    assert table(page.content) == {
        "ada": ["admin", "yes", "set", "—"],
        "casey": ["contributor", "switched off", "set", "—"],
        "eden": ["editor", "yes", "set", "Eden Hale"],
    }


def test_the_list_costs_the_same_queries_for_many_accounts(
    admin_user: User, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(admin_user)
    for i in range(3):
        make_user(f"writer{i}", "contributor")
    client.get("/desk/staff/")
    with django_assert_max_num_queries(12) as few:
        client.get("/desk/staff/")
    for i in range(3, 20):
        make_user(f"writer{i}", "editor")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/desk/staff/").status_code == 200


def test_an_invite_makes_the_account_and_a_link_that_works_once(
    admin_user: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    admin = signed_in(admin_user, REMOTE_ADDR="203.0.113.30")
    response, link = invite(
        admin,
        username="lena",
        email="lena@example.org",
        role="editor",
        # Mass assignment: fields the form does not have change nothing.
        is_staff="1",
        is_superuser="1",
    )
    assert response.status_code == 200, response.content[:500]
    lena = User.objects.get(username="lena")
    assert (role_of(lena), lena.is_staff, lena.is_superuser) == ("editor", False, False)
    assert not lena.has_usable_password() and lena.email == "lena@example.org"
    created = AuditEntry.objects.get(action="account", target="lena")
    assert (created.actor, created.address) == (admin_user, "203.0.113.30")
    assert created.detail["invited"] is True
    event = Event.objects.filter(type="account.created").latest("id")
    assert set(event.payload) == {"id", "username", "role", "active"}
    # The link page needs no sign-in, and reading it changes nothing.
    path = urlsplit(link).path
    token = path.split("/")[-2]
    assert link.startswith("http://testserver/desk/welcome/")
    visitor = Client(REMOTE_ADDR="198.51.100.30")
    form_path = open_link(visitor, link)
    assert token not in form_path
    form = visitor.get(form_path)
    assert form.status_code == 200
    # The form's address has no token; under "no-referrer" a browser would
    # post it with "Origin: null", which the CSRF check refuses.
    assert form["Referrer-Policy"] == "same-origin" and "no-store" in form["Cache-Control"]
    lena.refresh_from_db()
    assert not lena.has_usable_password()
    mismatch = visitor.post(form_path, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert mismatch.status_code == 400
    done = visitor.post(form_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/desk/login/"
    # Nothing personal, nor the live link, in the logs.
    for secret in ("lena@example.org", token, "203.0.113.30", "198.51.100.30"):
        assert secret not in caplog.text
    lena.refresh_from_db()
    assert lena.check_password(NEW_PASSWORD)
    entry = AuditEntry.objects.get(action="password", target="lena")
    assert (entry.actor, entry.address) == (lena, "198.51.100.30")
    assert entry.detail == {"account": lena.pk, "changed": ["password"], "own": True, "link": True}
    # Once the password is set the link is dead, in this browser and any other.
    assert visitor.get(path).status_code == 404
    again = visitor.post(form_path, {"new_password1": "x" * 20 + "9", "new_password2": "x" * 20})
    assert again.status_code == 404
    assert Client().get(path).status_code == 404
    lena.refresh_from_db()
    assert lena.check_password(NEW_PASSWORD)
    signed = Client().post("/desk/login/", {"username": "lena", "password": NEW_PASSWORD})
    assert signed.status_code == 302


def test_a_link_expires_and_dies_with_the_account(admin_user: User, settings: Any) -> None:
    admin = signed_in(admin_user)
    _response, link = invite(admin, username="omar")
    path = urlsplit(link).path
    omar = User.objects.get(username="omar")
    settings.PASSWORD_RESET_TIMEOUT = -1  # any link is older than that
    assert Client().get(path).status_code == 404
    settings.PASSWORD_RESET_TIMEOUT = 3600
    assert Client().get(path).status_code == 302
    admin.post(f"/desk/staff/{omar.pk}/", {"do": "active", "active": "0"})
    assert Client().get(path).status_code == 404
    assert "no longer works" in Client().get(path).content.decode()
    # A made-up or mangled token is the same dead end, and so is the form
    # without a token in the session.
    assert Client().get(path[:-3] + "abc/").status_code == 404
    assert Client().get("/desk/welcome/MTIzNDU/abc-123/").status_code == 404
    assert Client().get(path.rsplit("/", 2)[0] + "/set-password/").status_code == 404


def test_a_link_refuses_a_weak_or_overlong_password(admin_user: User) -> None:
    _response, link = invite(signed_in(admin_user), username="nia")
    assert set_through(link, "123456").status_code == 400
    overlong = set_through(link, "p" * 1025)
    assert overlong.status_code == 400
    assert "Passwords can be at most 1,024 characters." in overlong.content.decode()
    assert not User.objects.get(username="nia").has_usable_password()


def test_bad_invites_say_why(admin_user: User, editor: User) -> None:
    admin = signed_in(admin_user)
    taken, _link = invite(admin, username="EDEN")
    assert taken.status_code == 400
    errors = [text_of(e) for e in find_all(parse(taken.content), "ul", class_="errorlist")]
    assert errors == ['An account named "EDEN" already exists.']
    bad, _link = invite(admin, username="bad name<script>")
    assert bad.status_code == 400 and "Enter a valid username." in bad.content.decode()
    role, _link = invite(admin, username="ok", role="owner")
    assert role.status_code == 400 and not User.objects.filter(username="ok").exists()


def test_role_changes_and_switching_off_go_through_the_actions(
    admin_user: User, editor: User
) -> None:
    admin = signed_in(admin_user, REMOTE_ADDR="203.0.113.31")
    session = signed_in(editor)
    page = f"/desk/staff/{editor.pk}/"
    audited = AuditEntry.objects.count()
    assert admin.get(page).status_code == 200
    assert AuditEntry.objects.count() == audited  # reading changes nothing
    changed = admin.post(page, {"do": "role", "role": "contributor"}, follow=True)
    assert "eden is now: contributor." in changed.content.decode()
    editor.refresh_from_db()
    assert role_of(editor) == "contributor"
    assert session.get("/desk/")["Location"].startswith("/desk/login/")
    entry = AuditEntry.objects.get(action="role")
    assert (entry.actor, entry.address) == (admin_user, "203.0.113.31")
    admin.post(page, {"do": "active", "active": "0"})
    editor.refresh_from_db()
    assert not editor.is_active
    admin.post(page, {"do": "active", "active": "1"})
    editor.refresh_from_db()
    assert editor.is_active
    assert AuditEntry.objects.filter(action="account").count() == 2
    # The last admin stays, with the action's message.
    last = admin.post(
        f"/desk/staff/{admin_user.pk}/", {"do": "role", "role": "editor"}, follow=True
    )
    assert "ada is the only active admin" in last.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_superuser
    assert admin.post(page, {"do": "promote"}).status_code == 400


def test_a_new_link_for_someone_who_lost_their_password(admin_user: User, editor: User) -> None:
    admin = signed_in(admin_user)
    response = admin.post(f"/desk/staff/{editor.pk}/", {"do": "link"})
    assert response.status_code == 200
    link = find_all(parse(response.content), "input", id="set-password-link")[0].attrs["value"]
    assert set_through(link).status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD) and not editor.check_password(PASSWORD)
    assert Client().get(urlsplit(link).path).status_code == 404


def test_linking_an_account_to_an_author(admin_user: User, editor: User) -> None:
    admin = signed_in(admin_user)
    page = f"/desk/staff/{editor.pk}/"
    mira = Author.objects.create(name="Mira Castell", slug="mira-castell")
    taken = Author.objects.create(name="Taken", slug="taken", user=admin_user)
    options = find_all(parse(admin.get(page).content), "option")
    assert "Taken" not in [text_of(o) for o in options]  # someone else's profile
    refused = admin.post(page, {"do": "author", "author": str(taken.pk)}, follow=True)
    assert "Choose an author profile that has no account yet." in refused.content.decode()
    linked = admin.post(page, {"do": "author", "author": str(mira.pk)}, follow=True)
    assert "eden now writes as Mira Castell." in linked.content.decode()
    mira.refresh_from_db()
    assert mira.user == editor
    entry = AuditEntry.objects.filter(action="author").latest("id")
    assert (entry.actor, entry.target) == (admin_user, "Mira Castell")
    admin.post(page, {"do": "author", "author": ""})
    mira.refresh_from_db()
    assert mira.user is None
    admin.post(page, {"do": "author-new", "name": "Eden Hale"})
    made = Author.objects.get(user=editor)
    assert (made.name, made.slug) == ("Eden Hale", "eden-hale")
    twice = admin.post(page, {"do": "author-new", "name": "Eden Two"}, follow=True)
    assert "This account already has an author profile." in twice.content.decode()
    assert table(admin.get("/desk/staff/").content)["eden"][3] == "Eden Hale"


def test_only_admins_manage_accounts(editor: User, contributor: User) -> None:
    for user in (editor, contributor):
        client = signed_in(user)
        assert client.get("/desk/staff/").status_code == 403
        assert client.post("/desk/staff/", {"username": "x", "role": "admin"}).status_code == 403
        post = client.post(f"/desk/staff/{contributor.pk}/", {"do": "role", "role": "admin"})
        assert post.status_code == 403
    assert role_of(contributor) == "contributor" and not User.objects.filter(username="x")


def test_pages_fit_a_phone_and_need_no_javascript(admin_user: User, editor: User) -> None:
    admin = signed_in(admin_user)
    for path in ("/desk/staff/", f"/desk/staff/{editor.pk}/"):
        root = parse(admin.get(path).content)
        # Only the desk's notices (a story spreading on the wire, with the
        # page's words for them) are scripted, on every desk page; nothing here
        # needs them.
        scripts = [s.attrs.get("src") for s in find_all(root, "script")]
        assert scripts == ["/static/public/words.js", "/static/desk/notify.js"]
        assert find_all(root, "meta", name="viewport")
        for table_ in find_all(root, "table"):
            assert table_ in find_all(root, "div", class_="table-scroll")[0].children


def test_links_last_three_days(admin_user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    _response, link = invite(signed_in(admin_user), username="ivo")
    ivo = User.objects.get(username="ivo")
    token = urlsplit(link).path.rstrip("/").split("/")[-1]
    made = datetime.now()  # the generator's own clock is naive local time
    for later, works in ((timedelta(days=2, hours=23), True), (timedelta(days=3, hours=1), False)):
        monkeypatch.setattr(tokens, "_now", lambda later=later: made + later)
        assert tokens.check_token(ivo, token) is works
