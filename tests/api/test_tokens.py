"""Tokens: made by a command, stored hashed, shown once, revocable, never logged,
never accepted in an address."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken
from newsdesk.news.models import Article

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_list_revoke(api: Api) -> None:
    User.objects.create_user("edith", password="not-used-in-tests-1", is_superuser=True)
    secret, note = run("create", "edith", "--label", "wire importer")
    secret = secret.strip()
    assert secret.startswith("nda_") and len(secret) > 40
    assert "only time the token is shown" in note
    token = ApiToken.objects.get()
    assert token.user is not None
    assert (token.kind, token.user.username, token.label) == ("admin", "edith", "wire importer")
    assert token.digest == tokens.digest(secret) != secret
    # The secret is nowhere in the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        assert not any(secret in str(value) for row in cursor.fetchall() for value in row)
    assert token.last_used_at is None
    assert api.get("/api/admin/me", Credential("x", secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    listing, _ = run("list")
    assert secret not in listing
    assert f"{token.pk}\tadmin\t{secret[:12]}…\tedith\twire importer\tactive" in listing
    done, _ = run("revoke", secret[:12])
    assert done.startswith("Revoked")
    answer = api.get("/api/admin/me", Credential("x", secret))
    assert answer.status_code == 401
    assert answer.json()["detail"] == "This token is not valid: it may have been revoked."
    assert answer["WWW-Authenticate"] == 'Bearer realm="newsdesk"'


def test_content_keys_and_command_errors(api: Api) -> None:
    secret, _ = run("create-content-key", "partner app")
    assert secret.strip().startswith("ndc_")
    with pytest.raises(CommandError, match='There is no user "ghost"'):
        run("create", "ghost")
    with pytest.raises(CommandError, match='No token matches "999"'):
        run("revoke", "999")


def test_a_deactivated_user_token_stops_working(
    api: Api, make_token: Callable[[str], Credential]
) -> None:
    editor = make_token("editor")
    assert editor.user is not None
    editor.user.is_active = False
    editor.user.save()
    assert api.get("/api/admin/me", editor).status_code == 401


@pytest.mark.parametrize(
    "query",
    ["token={secret}", "access_token={secret}", "api_key=anything", "q={secret}", "KEY=x"],
)
def test_credentials_in_the_address_are_refused(
    api: Api, make_token: Callable[[str], Credential], query: str
) -> None:
    editor = make_token("editor")
    for path in ("/api/content/articles", "/api/admin/me", "/api/schema"):
        answer = api.get(f"{path}?{query.format(secret=editor.secret)}")
        assert answer.status_code == 401
        assert "never go in the address" in answer.json()["detail"]
        # Even together with a good header.
        assert api.get(f"{path}?{query.format(secret=editor.secret)}", editor).status_code == 401


def test_tokens_are_never_logged(
    api: Api,
    make_token: Callable[[str], Credential],
    make_article: Callable[..., Article],
    caplog: pytest.LogCaptureFixture,
    settings: object,
) -> None:
    caplog.set_level(logging.DEBUG)
    contributor = make_token("contributor")
    content = make_token("content")
    draft = make_article(publish=False)
    assert contributor.secret is not None and content.secret is not None
    api.get("/api/admin/me", contributor)
    api.send("POST", f"/api/admin/articles/{draft.pk}/publish", contributor)  # 403, logged
    api.get("/api/admin/me", content)  # 403
    api.get("/api/admin/me", Credential("bad", contributor.secret + "x"))  # 401
    api.get(f"/api/content/articles?token={content.secret}")  # 401
    api.get("/api/admin/me", Credential("basic", None), Authorization=f"Basic {content.secret}")
    text = caplog.text
    assert "denied to admin token" in text  # the 403s are logged...
    assert "denied to content token" in text
    for secret in (contributor.secret, content.secret):
        assert secret not in text  # ...and no secret, in any form, anywhere
        assert secret[12:30] not in text


def test_find_ignores_junk() -> None:
    assert tokens.find("") is None
    assert tokens.find("nda_" + "x" * 500) is None
    assert tokens.find("not-a-token") is None
    assert ApiToken.objects.count() == 0
    assert timezone.now()  # find() made no rows


def test_tokens_are_listed_and_revoked_in_the_admin(
    client: Client, make_token: Callable[[str], Credential]
) -> None:
    editor = make_token("editor")
    assert editor.secret is not None
    admin = User.objects.create_superuser("root", password="not-used-in-tests-1")
    client.force_login(admin)
    page = client.get("/admin/api/apitoken/")
    assert page.status_code == 200
    html = page.content.decode()
    assert editor.secret[:12] in html
    assert editor.secret not in html
    assert client.get("/admin/api/apitoken/add/").status_code == 403  # made by the command only
    token = ApiToken.objects.get()
    answer = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert answer.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
