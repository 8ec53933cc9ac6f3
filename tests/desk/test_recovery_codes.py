"""Recovery codes: ten, hashed, one use each, shown once, made again from the
account page (ending the old ones), accepted at the second step in place of
a code, audited and throttled like codes."""

from __future__ import annotations

import pyotp
import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.desk import recovery
from newsdesk.desk.models import RecoveryCode, SecondFactor
from newsdesk.news.models import AuditEntry
from tests.helpers import find_all, parse, text_of

from .conftest import PASSWORD, signed_in


def shown_codes(page: bytes) -> list[str]:
    lists = find_all(parse(page), "ol", class_="recovery-codes")
    assert len(lists) == 1
    return [text_of(item) for item in lists[0].children]


def confirm_factor(client: Client, user: User) -> list[str]:
    client.post("/desk/account/", {"do": "factor-start"})
    factor = SecondFactor.objects.get(user=user)
    response = client.post(
        "/desk/account/", {"do": "factor-confirm", "code": pyotp.TOTP(factor.secret).now()}
    )
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    return shown_codes(response.content)


def to_second_step(username: str = "eden") -> Client:
    client = Client(REMOTE_ADDR="203.0.113.60")
    answer = client.post("/desk/login/", {"username": username, "password": PASSWORD})
    assert answer["Location"] == "/desk/login/code/"
    return client


def test_ten_codes_are_shown_once_and_kept_only_as_hashes(editor: User) -> None:
    client = signed_in(editor)
    codes = confirm_factor(client, editor)
    assert len(codes) == len(set(codes)) == 10
    assert all(len(code) == 11 and code[5] == "-" for code in codes)
    digests = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(digests) == 10 and all(d.startswith("pbkdf2_sha256$20000$") for d in digests)
    for code in codes:
        assert not any(code.replace("-", "") in d or code in d for d in digests)
    # The account page says how many are left, never the codes.
    page = client.get("/desk/account/").content.decode()
    assert "10 recovery codes left." in page
    assert not any(code in page for code in codes)
    entry = AuditEntry.objects.get(action="second_factor")
    assert entry.detail == {"change": "added", "recovery_codes": 10}


def test_a_recovery_code_signs_in_once(editor: User) -> None:
    codes = confirm_factor(signed_in(editor), editor)
    client = to_second_step()
    form = client.get("/desk/login/code/?recovery=1")
    code_input = find_all(parse(form.content), "input", name="code")[0]
    assert "inputmode" not in code_input.attrs  # letters, not a number pad
    # Spaces and capitals as typed from paper still match.
    typed = " " + codes[3].upper().replace("-", " ") + " "
    response = client.post("/desk/login/code/", {"code": typed, "recovery": "1"})
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200
    used = AuditEntry.objects.get(action="second_factor", detail__change="recovery code used")
    assert (used.actor, used.address, used.detail["left"]) == (editor, "203.0.113.60", 9)
    assert recovery.left(SecondFactor.objects.get(user=editor)) == 9
    # The same code again is refused, and counts as a failure.
    again = to_second_step()
    refused = again.post("/desk/login/code/", {"code": codes[3]})
    assert refused.status_code == 400
    assert "That code is not right, or it was used already." in refused.content.decode()
    assert again.get("/desk/")["Location"].startswith("/desk/login/")
    failed = AuditEntry.objects.filter(action="login_failed").latest("id")
    assert failed.detail == {"step": "second factor"}


def test_new_codes_end_the_old_ones(editor: User) -> None:
    client = signed_in(editor)
    old = confirm_factor(client, editor)
    made = client.post("/desk/account/", {"do": "codes-new"})
    assert made.status_code == 200
    new = shown_codes(made.content)
    assert set(new).isdisjoint(old) and RecoveryCode.objects.count() == 10
    assert AuditEntry.objects.filter(detail__change="recovery codes").count() == 1
    assert to_second_step().post("/desk/login/code/", {"code": old[0]}).status_code == 400
    assert to_second_step().post("/desk/login/code/", {"code": new[0]}).status_code == 302
    # Reading the account page makes nothing.
    client.get("/desk/account/")
    assert AuditEntry.objects.filter(detail__change="recovery codes").count() == 1


def test_recovery_codes_are_throttled_like_codes(editor: User) -> None:
    codes = confirm_factor(signed_in(editor), editor)
    client = to_second_step()
    for i in range(5):
        wrong = client.post("/desk/login/code/", {"code": f"aaaaa-aaa{i + 2}a"})
        assert "That code is not right" in wrong.content.decode()
    late = client.post("/desk/login/code/", {"code": codes[0]})
    assert late.status_code == 400 and "Try again in 15 minutes" in late.content.decode()
    assert recovery.left(SecondFactor.objects.get(user=editor)) == 10  # not spent


def test_removing_the_factor_removes_its_codes(editor: User) -> None:
    client = signed_in(editor)
    confirm_factor(client, editor)
    client.post("/desk/account/", {"do": "factor-remove"})
    assert not RecoveryCode.objects.exists()


@pytest.mark.parametrize("text", ["", "123456", "abcde-fghij-k", "ooooo-11111", "abcde_fghij"])
def test_malformed_codes_never_match(editor: User, text: str) -> None:
    factor = SecondFactor.objects.create(user=editor, secret=pyotp.random_base32())
    recovery.make(factor)
    assert recovery.use(factor, text) is None
    assert recovery.left(factor) == 10
