"""Signing in: throttling, second factors, sessions, passwords, redirects."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from newsdesk.desk.actions import role_of, set_role
from newsdesk.desk.models import LoginFailure, SecondFactor
from newsdesk.news.models import AuditEntry
from newsdesk.news.roles import EDITOR
from newsdesk.site.actions import update_settings
from tests.helpers import find_all, parse

from .conftest import PASSWORD, signed_in


def sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/desk/login/", {"username": username, "password": password}, **extra)


def test_signing_in_gives_a_new_session_and_is_audited(editor: User) -> None:
    client = Client()
    client.get("/desk/login/")
    before = client.cookies.get("sessionid")
    response = sign_in(client, "eden", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert client.cookies["sessionid"].value != (before.value if before else None)
    assert client.get("/desk/").status_code == 200
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert entry.actor == editor and entry.address == "127.0.0.1"


def test_twenty_wrong_passwords_are_throttled_with_a_clear_wait(editor: User) -> None:
    client = Client()
    answers = [sign_in(client, "eden", f"wrong guess {i}").content.decode() for i in range(20)]
    assert all("do not match" in a for a in answers[:5])
    assert all("Try again in 15 minutes" in a for a in answers[5:])
    # Even the right password waits now: the throttle answers first.
    late = sign_in(client, "eden", PASSWORD)
    assert late.status_code == 400 and "Try again in" in late.content.decode()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).count() == 5
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_THROTTLED).count() == 16


def test_unknown_accounts_get_the_same_answers(editor: User) -> None:
    known = [sign_in(Client(REMOTE_ADDR="10.1.0.1"), "eden", "nope").content for _ in range(6)]
    unknown = [sign_in(Client(REMOTE_ADDR="10.1.0.2"), "nobody", "nope").content for _ in range(6)]
    strip = lambda body: body.replace(b"eden", b"").replace(b"nobody", b"")  # noqa: E731

    def messages(pages: list[bytes]) -> list[bool]:
        return [b"Try again in" in strip(p) for p in pages]

    assert messages(known) == messages(unknown) == [False] * 5 + [True]


def test_the_throttle_is_per_account_and_per_address(editor: User, contributor: User) -> None:
    attacker = "198.51.100.7"
    # Five failures for one name from one address stop that name there...
    for _ in range(5):
        sign_in(Client(REMOTE_ADDR=attacker), "casey", "guess")
    blocked = sign_in(Client(REMOTE_ADDR=attacker), "casey", PASSWORD)
    assert "Try again in 15 minutes" in blocked.content.decode()
    # ...but nobody else is locked out: not casey elsewhere, not eden there.
    assert sign_in(Client(REMOTE_ADDR="203.0.113.9"), "casey", PASSWORD).status_code == 302
    assert sign_in(Client(REMOTE_ADDR=attacker), "eden", PASSWORD).status_code == 302


def test_made_up_names_from_an_office_do_not_lock_out_its_editors(
    editor: User, contributor: User
) -> None:
    office = "203.0.113.40"
    for _ in range(5):
        sign_in(Client(REMOTE_ADDR=office), "ghost", "guess")
    assert "Try again in" in sign_in(Client(REMOTE_ADDR=office), "ghost", "guess").content.decode()
    # An editor who has not failed signs in from the same address.
    assert sign_in(Client(REMOTE_ADDR=office), "eden", PASSWORD).status_code == 302
    assert AuditEntry.objects.get(action=AuditEntry.Action.LOGIN).address == office


def test_a_noisy_address_gets_one_try_per_name(editor: User, contributor: User) -> None:
    office = "203.0.113.41"
    for name in ("a", "b", "c", "d", "e"):  # a spray over five names
        sign_in(Client(REMOTE_ADDR=office), name, "guess")

    def answers(name: str) -> list[bool]:
        pages = [sign_in(Client(REMOTE_ADDR=office), name, "guess") for _ in range(2)]
        return [b"Try again in" in page.content for page in pages]

    # A real account and a made-up one get the same answers: one try, then a wait.
    assert answers("casey") == answers("phantom") == [False, True]
    # The account that failed here now waits for the address, even with its password.
    assert sign_in(Client(REMOTE_ADDR=office), "casey", PASSWORD).status_code == 400
    # One that has not failed is never refused for the others' failures.
    assert sign_in(Client(REMOTE_ADDR=office), "eden", PASSWORD).status_code == 302


def test_guesses_from_many_addresses_stop_at_the_account(editor: User, contributor: User) -> None:
    for i in range(10):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{i + 1}"), "eden", "guess")
    late = sign_in(Client(REMOTE_ADDR="198.51.100.99"), "eden", PASSWORD)
    assert late.status_code == 400 and "Try again in 15 minutes" in late.content.decode()
    # The addresses themselves are not locked out for anyone else.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.1"), "casey", PASSWORD).status_code == 302


def test_forwarded_headers_count_only_from_a_trusted_proxy(editor: User, settings: Any) -> None:
    for i in range(5):
        sign_in(
            Client(REMOTE_ADDR="192.0.2.50"),
            "eden",
            "guess",
            HTTP_X_FORWARDED_FOR=f"10.9.0.{i}",
        )
    # Without a trusted proxy the spoofed header changes nothing: the five
    # failures are all the connection's, and eden waits there.
    spoof = sign_in(
        Client(REMOTE_ADDR="192.0.2.50"), "eden", PASSWORD, HTTP_X_FORWARDED_FOR="127.0.0.1"
    )
    assert "Try again in" in spoof.content.decode()
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"192.0.2.50"}
    settings.NEWSDESK_TRUSTED_PROXIES = ["192.0.2.50"]
    via_proxy = sign_in(
        Client(REMOTE_ADDR="192.0.2.50"), "eden", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.20"
    )
    assert via_proxy.status_code == 302
    assert AuditEntry.objects.filter(action="login").latest("id").address == "203.0.113.20"


def test_long_passwords_are_whole(db: None, real_hasher: None) -> None:
    first = "x" * 72 + "one" + "y" * 60
    second = "x" * 72 + "two" + "y" * 60
    user = User.objects.create_user("lee", password=first)
    user.groups.add(Group.objects.get_or_create(name=EDITOR)[0])
    assert sign_in(Client(), "lee", second).status_code == 400
    assert sign_in(Client(), "lee", first).status_code == 302
    assert user.password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example",
        "https:evil.example",
        "%2F%2Fevil.example",
        "https://evil.example/desk/",
    ],
)
def test_next_stays_on_this_site(editor: User, target: str) -> None:
    response = Client().post(
        f"/desk/login/?next={target}", {"username": "eden", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/desk/"
    safe = Client().post("/desk/login/?next=/desk/new/", {"username": "eden", "password": PASSWORD})
    assert safe["Location"] == "/desk/new/"


def set_up_factor(user: User) -> pyotp.TOTP:
    client = signed_in(user)
    client.post("/desk/account/", {"do": "factor-start"})
    factor = SecondFactor.objects.get(user=user)
    totp = pyotp.TOTP(factor.secret)
    page = client.get("/desk/account/").content.decode()
    assert "<svg" in page and factor.secret in page
    assert (
        client.post("/desk/account/", {"do": "factor-confirm", "code": "000000"}).status_code == 400
    )
    # Confirming shows the recovery codes, once, on the answer to the POST.
    confirmed = client.post("/desk/account/", {"do": "factor-confirm", "code": totp.now()})
    assert confirmed.status_code == 200
    assert len(find_all(parse(confirmed.content), "ol", class_="recovery-codes")[0].children) == 10
    factor.refresh_from_db()
    assert factor.confirmed_at is not None
    return totp


def test_second_factor_is_asked_for_and_codes_work_once(editor: User) -> None:
    totp = set_up_factor(editor)
    client = Client()
    response = sign_in(client, "eden", PASSWORD)
    assert response["Location"] == "/desk/login/code/"
    # Skipping ahead to the desk after the password alone is refused.
    assert client.get("/desk/")["Location"].startswith("/desk/login/")
    assert client.post("/desk/login/code/", {"code": "123456"}).status_code == 400
    code = totp.now()
    SecondFactor.objects.filter(user=editor).update(last_step=0)
    assert client.post("/desk/login/code/", {"code": code})["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200
    # The same code again, in another sign-in, is refused.
    other = Client()
    sign_in(other, "eden", PASSWORD)
    assert other.post("/desk/login/code/", {"code": code}).status_code == 400
    assert other.get("/desk/")["Location"].startswith("/desk/login/")


def test_admins_must_set_up_a_factor_when_the_site_requires_it(admin_user: User) -> None:
    update_settings(require_admin_second_factor=True)
    client = signed_in(admin_user)
    response = client.get("/desk/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/desk/account/")
    assert client.get("/admin/auth/user/").status_code == 302
    set_up_factor(admin_user)
    assert client.get("/desk/audit/").status_code == 200


def test_sign_out_ends_every_session(editor: User) -> None:
    laptop, phone = signed_in(editor), signed_in(editor)
    assert phone.get("/desk/").status_code == 200
    laptop.post("/desk/logout/")
    assert laptop.get("/desk/")["Location"].startswith("/desk/login/")
    assert phone.get("/desk/")["Location"].startswith("/desk/login/")
    # Reusing the old session cookie after sign-out gets nothing either.
    assert phone.get("/desk/new/")["Location"].startswith("/desk/login/")


def test_a_password_change_ends_the_other_sessions(editor: User) -> None:
    laptop, phone = signed_in(editor), signed_in(editor)
    new = "a different long passphrase 2026"
    response = laptop.post(
        "/desk/account/",
        {"do": "password", "old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get("/desk/").status_code == 200
    assert phone.get("/desk/")["Location"].startswith("/desk/login/")
    assert AuditEntry.objects.filter(action="password", actor=editor).exists()


def test_a_role_change_ends_sessions_and_is_audited(editor: User, admin_user: User) -> None:
    session = signed_in(editor)
    assert session.get("/desk/").status_code == 200
    set_role(editor, role="contributor", user=admin_user)
    assert session.get("/desk/")["Location"].startswith("/desk/login/")
    entry = AuditEntry.objects.filter(action="role", target="eden").latest("id")
    assert entry.actor == admin_user
    assert entry.detail["before"] == {"role": "editor"}
    assert entry.detail["after"] == {"role": "contributor"}


def test_role_change_through_the_admin_names_who_did_it(editor: User, admin_user: User) -> None:
    admin = signed_in(admin_user)
    page = admin.get(f"/admin/auth/user/{editor.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "username": "eden",
            "is_active": "on",
            "role": "contributor",
            # Flags the form does not have change nothing.
            "is_staff": "on",
            "is_superuser": "on",
        }
    )
    response = admin.post(f"/admin/auth/user/{editor.pk}/change/", data)
    assert response.status_code == 302, response.content[:500]
    entry = AuditEntry.objects.filter(action="role").latest("id")
    assert entry.actor == admin_user and entry.target == "eden"
    editor.refresh_from_db()
    assert role_of(editor) == "contributor"
    assert not editor.is_staff and not editor.is_superuser


def test_audit_log_is_for_admins(editor: User, admin_user: User) -> None:
    sign_in(Client(), "eden", "wrong")
    assert signed_in(editor).get("/desk/audit/").status_code == 403
    page = signed_in(admin_user).get("/desk/audit/?action=login_failed").content.decode()
    assert "eden" in page and "failed sign-in" in page
    assert signed_in(admin_user).get("/desk/audit/?action=bogus").status_code == 400


def test_site_settings_change_the_pages(admin_user: User, client: Client) -> None:
    assert "Harbour Daily" not in client.get("/").content.decode()
    update_settings(user=admin_user, site_name="Harbour Daily", time_zone="Europe/Kyiv")
    page = client.get("/").content.decode()
    assert "Harbour Daily" in page and "Europe/Kyiv" in page
    entry = AuditEntry.objects.get(action="settings")
    assert (entry.actor, entry.detail["changed"]) == (admin_user, ["site_name", "time_zone"])
