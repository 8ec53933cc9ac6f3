"""The Admin API for authors, tags, the site settings and accounts: through the
actions, strict bodies, every role on every operation (with and without the
trailing slash, HEAD for every GET), and a refusal changes nothing.

Rows 12, 13 and 21 of RELIABILITY.md for the newsroom's records; the same
answers on the desk and the command line are tests/test_one_door_records.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.desk.actions import create_account
from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Event, OldSlug, Tag
from newsdesk.site.actions import settings_row, update_settings
from newsdesk.site.models import SiteSettings

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "content", "contributor", "editor", "admin"]
MEMBERS = frozenset({"contributor", "editor", "admin"})
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})


@dataclass
class Records:
    author: Author
    tag: Tag
    other_tag: Tag
    account: User


@pytest.fixture
def records(db: None) -> Records:
    return Records(
        author=actions.create_author(name="Teo Varga", slug="teo-varga"),
        tag=actions.create_tag(name="Harbour"),
        other_tag=actions.create_tag(name="Port"),
        account=create_account(username="omar", password=None, role="contributor"),
    )


@dataclass(frozen=True)
class Op:
    name: str
    method: str
    path: str  # {author}, {tag}, {other} and {account} are filled from ``records``
    allowed: frozenset[str]
    body: dict[str, Any] | None = None
    status: int = 200


OPS = [
    Op("list authors", "GET", "/api/admin/authors", MEMBERS),
    Op("get author", "GET", "/api/admin/authors/{author}", MEMBERS),
    Op("add author", "POST", "/api/admin/authors", EDITORS, {"name": "Lena Ortiz"}, 201),
    Op("change author", "PATCH", "/api/admin/authors/{author}", EDITORS, {"bio": "Port."}),
    Op("link account", "PATCH", "/api/admin/authors/{author}", ADMINS, {"account": "omar"}),
    Op("list tags", "GET", "/api/admin/tags", MEMBERS),
    Op("get tag", "GET", "/api/admin/tags/{tag}", MEMBERS),
    Op("add tag", "POST", "/api/admin/tags", MEMBERS, {"name": "Ferries"}, 201),
    Op("rename tag", "PATCH", "/api/admin/tags/{tag}", EDITORS, {"name": "Harbours"}),
    Op("merge tag", "POST", "/api/admin/tags/{tag}/merge", EDITORS, {"into": "{other}"}),
    Op("get settings", "GET", "/api/admin/settings", ADMINS),
    Op("change settings", "PATCH", "/api/admin/settings", ADMINS, {"site_name": "Harbour Post"}),
    Op("list accounts", "GET", "/api/admin/accounts", ADMINS),
    Op("get account", "GET", "/api/admin/accounts/{account}", ADMINS),
    Op(
        "invite",
        "POST",
        "/api/admin/accounts",
        ADMINS,
        {"username": "lena", "role": "editor"},
        201,
    ),
    Op("change role", "PATCH", "/api/admin/accounts/{account}", ADMINS, {"role": "editor"}),
    Op("switch off", "PATCH", "/api/admin/accounts/{account}", ADMINS, {"active": False}),
]


def _fill(value: Any, records: Records) -> Any:
    ids = {
        "{author}": records.author.pk,
        "{tag}": records.tag.pk,
        "{other}": records.other_tag.pk,
        "{account}": records.account.pk,
    }
    if isinstance(value, str):
        if value in ids:
            return ids[value]
        for name, pk in ids.items():
            value = value.replace(name, str(pk))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, records) for k, v in value.items()}
    return value


def expected_status(op: Op, role: str) -> int:
    if role in op.allowed:
        return op.status
    return 401 if role == "anonymous" else 403


def snapshot() -> tuple[Any, ...]:
    """Everything a records action could change."""
    return (
        list(Author.objects.order_by("pk").values()),
        list(Tag.objects.order_by("pk").values()),
        list(OldSlug.objects.order_by("pk").values()),
        list(SiteSettings.objects.values()),
        list(
            User.objects.order_by("pk").values_list(
                "username", "is_active", "is_superuser", "is_staff", "groups"
            )
        ),
        AuditEntry.objects.count(),
        Event.objects.count(),
    )


@pytest.mark.parametrize("slash", ["", "/"], ids=["no-slash", "slash"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_matrix(
    api: Api,
    make_token: Callable[[str], Credential],
    records: Records,
    op: Op,
    role: str,
    slash: str,
) -> None:
    cred = make_token(role)
    before = snapshot()
    path = _fill(op.path, records) + slash
    if op.method == "GET":
        answer = api.get(path, cred)
    else:
        answer = api.send(op.method, path, cred, _fill(op.body, records))
    status = expected_status(op, role)
    assert answer.status_code == status, answer.content
    if status >= 400:
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json()["status"] == status
        assert snapshot() == before, "a refusal changed something"
    elif op.method != "GET":
        after = snapshot()
        assert after[-1] > before[-1] and after[-2] > before[-2], "no event or audit entry"
    else:
        assert answer["ETag"] and answer["Cache-Control"] == "private, no-store"
        assert snapshot() == before, "a read wrote something"
        again = api.get(path, cred, **{"If-None-Match": answer["ETag"]})
        assert again.status_code == 304


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", [op for op in OPS if op.method == "GET"], ids=lambda op: op.name)
def test_head_answers_like_get(
    api: Api, make_token: Callable[[str], Credential], records: Records, op: Op, role: str
) -> None:
    cred = make_token(role)
    for slash in ("", "/"):
        answer = api.head(_fill(op.path, records) + slash, cred)
        assert answer.status_code == expected_status(op, role)
        assert answer.content == b""


def test_refusals_give_the_actions_words(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    editor, contributor = make_token("editor"), make_token("contributor")
    said = [
        (contributor, "POST", "/api/admin/authors", {"name": "X"}, "add authors"),
        (
            editor,
            "PATCH",
            "/api/admin/authors/{author}",
            {"account": "omar"},
            "link authors to accounts",
        ),
        (contributor, "PATCH", "/api/admin/tags/{tag}", {"name": "Y"}, "edit tags"),
        (contributor, "POST", "/api/admin/tags/{tag}/merge", {"into": "{other}"}, "merge tags"),
        (editor, "PATCH", "/api/admin/settings", {"site_name": "Z"}, "change the site settings"),
        (editor, "PATCH", "/api/admin/accounts/{account}", {"role": "admin"}, "manage accounts"),
    ]
    for cred, method, path, body, what in said:
        answer = api.send(method, _fill(path, records), cred, _fill(body, records))
        assert answer.status_code == 403
        assert answer.json()["detail"] == f"You do not have permission to {what}."


def test_authors_through_the_actions(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    admin, editor = make_token("admin"), make_token("editor")
    created = api.send(
        "POST",
        "/api/admin/authors",
        editor,
        {
            "name": "Lena Ortiz",
            "bio": "Lena covers the port.",
            "signal": "+44 7700 900123",
            "website": "https://lena.example/",
        },
    )
    assert created.status_code == 201, created.content
    lena = created.json()
    assert (lena["slug"], lena["url"], lena["account"], lena["avatar"]) == (
        "lena-ortiz",
        django_settings.NEWSDESK_SITE_URL + "/author/lena-ortiz/",
        None,
        None,
    )
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.AUTHOR).latest("pk")
    assert entry.actor == editor.user and entry.detail["created"] is True

    path = f"/api/admin/authors/{lena['id']}"
    renamed = api.send("PATCH", path, editor, {"name": "Lena Ortiz-Vidal", "slug": ""}).json()
    assert (renamed["name"], renamed["slug"], renamed["bio"]) == (
        "Lena Ortiz-Vidal",
        "lena-ortiz-vidal",
        "Lena covers the port.",
    )
    assert Client().get("/author/lena-ortiz/")["Location"] == "/author/lena-ortiz-vidal/"
    assert Event.objects.filter(type="author.updated").count() == 1

    # Only admins see and set the account; null unlinks.
    linked = api.send("PATCH", path, admin, {"account": "omar"}).json()
    assert linked["account"] == "omar"
    assert api.get(path, editor).json()["account"] is None
    assert api.get(path, admin).json()["account"] == "omar"
    assert api.send("PATCH", path, admin, {"account": None}).json()["account"] is None
    assert Author.objects.get(pk=lena["id"]).user is None

    # The actions' validation, as field errors.
    bad = api.send(
        "PATCH", path, editor, {"email": "not-an-address", "website": "javascript:alert(1)"}
    )
    assert bad.status_code == 400
    assert {(e["field"], e["detail"]) for e in bad.json()["errors"]} == {
        ("email", "Enter an e-mail address such as desk@example.org."),
        ("website", "Enter a web address starting with https:// or http://."),
    }
    taken = api.send("PATCH", path, editor, {"slug": "teo-varga"})
    assert taken.json()["errors"] == [
        {
            "location": "body",
            "field": "slug",
            "detail": "Another author already has the URL name teo-varga.",
        }
    ]
    empty = api.send("PATCH", path, editor, {})
    assert empty.status_code == 400
    assert empty.json()["detail"] == "Send at least one field to change."
    assert api.get("/api/admin/authors/999999", editor).status_code == 404


def test_an_unknown_account_name_tells_nothing_to_those_who_may_not_link(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    admin, editor = make_token("admin"), make_token("editor")
    path = f"/api/admin/authors/{records.author.pk}"
    for name in ("omar", "nobody-here"):
        refused = api.send("PATCH", path, editor, {"account": name})
        assert refused.status_code == 403, name
    unknown = api.send("PATCH", path, admin, {"account": "nobody-here"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["detail"] == "Link the author to an existing account."


def test_a_contributor_edits_their_own_profile_only(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    contributor = make_token("contributor")
    own = actions.create_author(name="Casey Doyle", account=contributor.user)
    changed = api.send("PATCH", f"/api/admin/authors/{own.pk}", contributor, {"bio": "Courts."})
    assert changed.status_code == 200 and changed.json()["bio"] == "Courts."
    # Their own profile, but not which account it belongs to.
    for account in ("omar", None):
        relink = api.send(
            "PATCH", f"/api/admin/authors/{own.pk}", contributor, {"account": account}
        )
        assert relink.status_code == 403
    assert Author.objects.get(pk=own.pk).user == contributor.user
    other = api.send(
        "PATCH", f"/api/admin/authors/{records.author.pk}", contributor, {"bio": "Mine now."}
    )
    assert other.status_code == 403
    assert other.json()["detail"] == "You do not have permission to edit this author."


def test_tags_through_the_actions(
    api: Api, editor: Credential, make_article: Callable[..., Article], records: Records
) -> None:
    make_article(tags=["Harbour", "Weather"])
    listing = api.get("/api/admin/tags", editor).json()
    assert [(t["name"], t["articles"]) for t in listing["items"]] == [
        ("Harbour", 1),
        ("Port", 0),
        ("Weather", 1),
    ]
    created = api.send(
        "POST", "/api/admin/tags", editor, {"name": "Ferries", "description": "Boats."}
    )
    assert created.status_code == 201
    assert (created.json()["slug"], created.json()["articles"]) == ("ferries", 0)
    clash = api.send("POST", "/api/admin/tags", editor, {"name": "harbour"})
    assert clash.status_code == 400
    assert clash.json()["errors"][0]["detail"] == "There is already a tag called harbour."

    path = f"/api/admin/tags/{records.tag.pk}"
    renamed = api.send("PATCH", path, editor, {"name": "Harbours", "slug": ""}).json()
    assert (renamed["name"], renamed["slug"], renamed["articles"]) == ("Harbours", "harbours", 1)
    assert Client().get("/tag/harbour/")["Location"] == "/tag/harbours/"

    merged = api.send("POST", path + "/merge", editor, {"into": records.other_tag.pk})
    assert merged.status_code == 200, merged.content
    assert (merged.json()["name"], merged.json()["articles"]) == ("Port", 1)
    assert not Tag.objects.filter(pk=records.tag.pk).exists()
    assert api.get(path, editor).status_code == 404
    assert Client().get("/tag/harbours/")["Location"] == "/tag/port/"

    port = f"/api/admin/tags/{records.other_tag.pk}/merge"
    itself = api.send("POST", port, editor, {"into": records.other_tag.pk})
    assert itself.status_code == 400
    assert itself.json()["detail"] == "Choose two different tags to merge."
    nowhere = api.send("POST", port, editor, {"into": 999999})
    assert nowhere.json()["errors"][0] == {
        "location": "body",
        "field": "into",
        "detail": "No tag has the id 999999.",
    }


def test_pages_of_records(api: Api, editor: Credential, records: Records) -> None:
    for n in range(4):
        actions.create_tag(name=f"Tag {n}")
    first = api.get("/api/admin/tags?limit=4", editor).json()
    assert len(first["items"]) == 4 and first["next_cursor"] == first["items"][-1]["id"]
    rest = api.get(f"/api/admin/tags?limit=4&after={first['next_cursor']}", editor).json()
    assert [t["name"] for t in rest["items"]] == ["Tag 2", "Tag 3"]
    assert rest["next_cursor"] is None
    assert api.get("/api/admin/tags?sort=name", editor).status_code == 400


def test_settings_through_the_action(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    admin = make_token("admin")
    fresh = api.get("/api/admin/settings", admin).json()
    assert fresh["site_name"] == "" and fresh["updated_at"] is None
    assert not SiteSettings.objects.exists()  # reading writes nothing
    changed = api.send(
        "PATCH",
        "/api/admin/settings",
        admin,
        {
            "site_name": "Harbour Post",
            "time_zone": "Europe/Lisbon",
            "default_author": "teo-varga",
            "wire_sources_editors_only": True,
        },
    )
    assert changed.status_code == 200, changed.content
    shown = changed.json()
    assert (shown["site_name"], shown["time_zone"], shown["default_author"]) == (
        "Harbour Post",
        "Europe/Lisbon",
        "teo-varga",
    )
    assert shown["wire_sources_editors_only"] is True and shown["description"] == ""
    event = Event.objects.filter(type="site.updated").get()
    assert event.payload["changed"] == ["default_author", "site_name", "time_zone"]
    cleared = api.send("PATCH", "/api/admin/settings", admin, {"default_author": None})
    assert cleared.json()["default_author"] is None
    assert settings_row().default_author is None

    # A region's folder in the zone database ("Europe") is no zone either.
    for zone in ("Mars/Olympus", "Europe", "__init__.py", "../etc/passwd"):
        bad = api.send("PATCH", "/api/admin/settings", admin, {"time_zone": zone})
        assert bad.status_code == 400, zone
        assert bad.json()["errors"][0]["field"] == "time_zone"
    unknown = api.send("PATCH", "/api/admin/settings", admin, {"default_author": "nobody"})
    assert unknown.json()["errors"][0]["field"] == "default_author"
    for field in ("logo", "id", "updated_at"):
        refused = api.send("PATCH", "/api/admin/settings", admin, {field: "x"})
        assert refused.status_code == 400, field
        assert refused.json()["errors"][0]["detail"] == "Unknown field: remove it."
    assert settings_row().site_name == "Harbour Post"


def test_accounts_through_the_actions(
    api: Api, make_token: Callable[[str], Credential], records: Records
) -> None:
    admin = make_token("admin")
    invited = api.send("POST", "/api/admin/accounts", admin, {"username": "lena", "role": "editor"})
    assert invited.status_code == 201, invited.content
    lena = invited.json()
    assert (lena["username"], lena["role"], lena["active"], lena["author"]) == (
        "lena",
        "editor",
        True,
        None,
    )
    assert lena["set_password_link"].startswith("http://testserver/desk/welcome/")
    account = User.objects.get(username="lena")
    assert not account.has_usable_password()
    # The link works, once, as the desk's own.
    page = Client().get(lena["set_password_link"].removeprefix("http://testserver"), follow=True)
    assert page.status_code == 200
    assert "set_password_link" not in api.get(f"/api/admin/accounts/{lena['id']}", admin).json()

    path = f"/api/admin/accounts/{lena['id']}"
    both = api.send("PATCH", path, admin, {"role": "contributor", "active": False}).json()
    assert (both["role"], both["active"]) == ("contributor", False)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ROLE).count() == 1

    # The last active admin stays: both changes or neither.
    me = f"/api/admin/accounts/{admin.user.pk}"  # type: ignore[union-attr]
    last = api.send("PATCH", me, admin, {"active": False})
    assert last.status_code == 400
    assert last.json()["errors"][0]["field"] == "active"
    last = api.send("PATCH", me, admin, {"role": "editor"})
    assert last.status_code == 400 and last.json()["errors"][0]["field"] == "role"
    assert User.objects.get(pk=admin.user.pk).is_superuser  # type: ignore[union-attr]

    clash = api.send("POST", "/api/admin/accounts", admin, {"username": "LENA", "role": "admin"})
    assert clash.status_code == 400
    assert clash.json()["errors"][0]["field"] == "username"
    assert api.get("/api/admin/accounts/999999", admin).status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/admin/accounts", {"username": "mallory", "role": "contributor", "is_superuser": 1}),
        ("/api/admin/accounts", {"username": "mallory", "role": "contributor", "password": "x"}),
        ("/api/admin/accounts/{account}", {"role": "contributor", "is_staff": True}),
        ("/api/admin/accounts/{account}", {"groups": [1]}),
        ("/api/admin/accounts/{account}", {"is_active": False}),
        ("/api/admin/authors", {"name": "Mallory", "user": 1}),
        ("/api/admin/authors/{author}", {"avatar": 1}),
        ("/api/admin/tags/{tag}", {"id": 7}),
        ("/api/admin/settings", {"site_name": "x", "role": "admin"}),
    ],
)
def test_mass_assignment_is_refused(
    api: Api, make_token: Callable[[str], Credential], records: Records, path: str, body: Any
) -> None:
    admin = make_token("admin")
    before = snapshot()
    method = "POST" if path.endswith(("accounts", "authors")) else "PATCH"
    answer = api.send(method, _fill(path, records), admin, body)
    assert answer.status_code == 400
    assert "Unknown field: remove it." in {e["detail"] for e in answer.json()["errors"]}
    assert snapshot() == before


def test_strict_types(api: Api, make_token: Callable[[str], Credential], records: Records) -> None:
    admin = make_token("admin")
    path = f"/api/admin/accounts/{records.account.pk}"
    for body in ({"active": 0}, {"active": "false"}, {"role": "superuser"}):
        assert api.send("PATCH", path, admin, body).status_code == 400, body
    merge = f"/api/admin/tags/{records.tag.pk}/merge"
    assert api.send("POST", merge, admin, {"into": str(records.other_tag.pk)}).status_code == 400
    assert User.objects.get(pk=records.account.pk).is_active
    update_settings(site_name="Harbour Post")
    assert api.send("PATCH", "/api/admin/settings", admin, {"site_name": "x" * 81}).status_code == (
        400
    )
