"""One rule on every door, for the newsroom's records (RELIABILITY.md row 35).

Authors, tags, the site settings and accounts, by every kind of caller,
through the desk (the real views and forms, with CSRF), the Admin API (admin
tokens) and the command line (``newsdesk author|tag|site|createuser ...
--as USERNAME``): the same allow or deny on every door, the same refusal
message from the API and the command line, and a refusal changes nothing
(records, old slugs, settings, accounts and roles, audit entries, outbox
events). The articles' matrix is tests/test_one_door.py; this one reuses its
people and its API door.

The desk adds tags only as a writer composes (a new name in the composer's
tags field), so that is its door for "add tag". Roles and switching someone
off have no command: those two steps go through the desk and the API only.

The expected answers are written out here from the rules, not asked of
``news.permissions``: editors manage authors and tags, a contributor edits
their own author profile and adds tags but never links an account, and only
admins link accounts, change the site settings and manage accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from newsdesk.desk.actions import create_account, role_of
from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Event, OldSlug, Tag
from newsdesk.site.actions import settings_row
from newsdesk.site.models import SiteSettings
from tests.test_one_door import ALLOWED, DENIED, Person, _api, people

__all__ = ["people"]  # the fixture, shared with the articles' matrix

pytestmark = pytest.mark.django_db

PASSWORD = "harbour-lights-at-dusk-7"


# What each step acts on ----------------------------------------------------------


@dataclass
class Target:
    """The records one door acts on, made afresh for that door."""

    door: str
    author: Any = None  # an Author
    tag: Any = None  # a Tag
    into: Any = None  # the Tag a merge keeps
    account: Any = None  # a User

    def ids(self) -> tuple[int, int, int, int]:
        return (
            self.author.pk if self.author else 0,
            self.tag.pk if self.tag else 0,
            self.into.pk if self.into else 0,
            self.account.pk if self.account else 0,
        )


def _own_profile(people: dict[str, Person]) -> Author:
    casey = people["contributor"].user
    return Author.objects.filter(user=casey).first() or actions.create_author(
        name="Casey Doyle", account=casey
    )


def _spare_account(door: str) -> User:
    return create_account(username=f"omar-{door}", password=None, role="contributor")


def _nothing(people: dict[str, Person], who: str, door: str) -> Target:
    return Target(door)


def _author(people: dict[str, Person], who: str, door: str) -> Target:
    if who == "contributor, own":
        return Target(door, author=_own_profile(people))
    return Target(door, author=actions.create_author(name=f"Teo Varga {door}"))


def _author_and_account(people: dict[str, Person], who: str, door: str) -> Target:
    return Target(door, author=_author(people, who, door).author, account=_spare_account(door))


def _tags(people: dict[str, Person], who: str, door: str) -> Target:
    source = actions.create_tag(name=f"Harbour {door}")
    into = actions.create_tag(name=f"Port {door}")
    actions.create_draft(headline="Ferries run", lede="Again.", tags=[source.name])
    return Target(door, tag=source, into=into)


def _account(people: dict[str, Person], who: str, door: str) -> Target:
    if who == "contributor, own":
        return Target(door, account=people["contributor"].user)
    return Target(door, account=_spare_account(door))


# The steps -------------------------------------------------------------------------


Desk = Callable[[Target], tuple[str, dict[str, str]]]
Api = Callable[[Target], tuple[str, str, dict[str, Any]]]
Cli = Callable[[Target], tuple[str, list[str], dict[str, Any]]]


@dataclass(frozen=True)
class Step:
    name: str
    whos: tuple[str, ...]
    allowed: frozenset[str]
    setup: Callable[[dict[str, Person], str, str], Target]
    desk: Desk
    api: Api
    cli: Cli | None  # None: no command does this
    done: Callable[[Target], bool]  # the change happened


def author_form(author: Author | None, **fields: str) -> dict[str, str]:
    """What the desk's author form sends: the author as they are, with ``fields`` changed."""
    names = ("name", "slug", "bio", "contact", "email", "signal", "website")
    data = {n: str(getattr(author, n)) if author else "" for n in names}
    return {**data, "do": "save", **fields}


def _bio(t: Target) -> str:
    return f"Courts and councils ({t.door})."


def _role(t: Target) -> str:
    return "admin" if t.account and t.account.username == "casey" else "editor"


EVERYONE = ("anonymous", "contributor", "editor", "admin")
OWNERS = ("anonymous", "contributor, own", "contributor", "editor", "admin")
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})

STEPS = [
    Step(
        "add author",
        EVERYONE,
        EDITORS,
        _nothing,
        lambda t: ("/desk/authors/new/", author_form(None, name=f"Lena Ortiz {t.door}")),
        lambda t: ("POST", "/api/admin/authors", {"name": f"Lena Ortiz {t.door}"}),
        lambda t: ("author", ["add", f"Lena Ortiz {t.door}"], {}),
        lambda t: Author.objects.filter(name=f"Lena Ortiz {t.door}").exists(),
    ),
    Step(
        "edit author",
        OWNERS,
        EDITORS | {"contributor, own"},
        _author,
        lambda t: (f"/desk/authors/{t.author.pk}/", author_form(t.author, bio=_bio(t))),
        lambda t: ("PATCH", f"/api/admin/authors/{t.ids()[0]}", {"bio": _bio(t)}),
        lambda t: ("author", ["edit", t.author.slug, "--bio", _bio(t)], {}),
        lambda t: Author.objects.get(pk=t.ids()[0]).bio == _bio(t),
    ),
    Step(
        "link account",
        OWNERS,
        ADMINS,
        _author_and_account,
        lambda t: (f"/desk/staff/{t.ids()[3]}/", {"do": "author", "author": str(t.ids()[0])}),
        lambda t: (
            "PATCH",
            f"/api/admin/authors/{t.ids()[0]}",
            {"account": t.account.username},
        ),
        lambda t: (
            "author",
            ["edit", t.author.slug, "--account", t.account.username],
            {},
        ),
        lambda t: Author.objects.get(pk=t.ids()[0]).user_id == t.ids()[3],
    ),
    Step(
        "add tag",
        EVERYONE,
        frozenset({"contributor", "editor", "admin"}),
        _nothing,
        lambda t: (
            "/desk/new/",
            {
                "headline": "Ferry service resumes",
                "lede": "Boats run again.",
                "body": "",
                "tags": f"Ferries {t.door}",
                "version": "",
                "change": "minor",
                "do": "save",
            },
        ),
        lambda t: ("POST", "/api/admin/tags", {"name": f"Ferries {t.door}"}),
        lambda t: ("tag", ["add", f"Ferries {t.door}"], {}),
        lambda t: Tag.objects.filter(name=f"Ferries {t.door}").exists(),
    ),
    Step(
        "rename tag",
        EVERYONE,
        EDITORS,
        _tags,
        lambda t: (
            f"/desk/tags/{t.ids()[1]}/",
            {"name": f"Harbours {t.door}", "slug": t.tag.slug, "description": ""},
        ),
        lambda t: ("PATCH", f"/api/admin/tags/{t.ids()[1]}", {"name": f"Harbours {t.door}"}),
        lambda t: ("tag", ["edit", t.tag.slug, "--name", f"Harbours {t.door}"], {}),
        lambda t: Tag.objects.get(pk=t.ids()[1]).name == f"Harbours {t.door}",
    ),
    Step(
        "merge tag",
        EVERYONE,
        EDITORS,
        _tags,
        lambda t: (f"/desk/tags/{t.ids()[1]}/merge/", {"into": str(t.ids()[2]), "confirm": "yes"}),
        lambda t: ("POST", f"/api/admin/tags/{t.ids()[1]}/merge", {"into": t.ids()[2]}),
        lambda t: ("tag", ["merge", t.tag.slug, t.into.slug], {}),
        lambda t: (
            not Tag.objects.filter(pk=t.ids()[1]).exists()
            and Article.objects.filter(tags=t.ids()[2]).exists()
        ),
    ),
    Step(
        "change settings",
        EVERYONE,
        ADMINS,
        _nothing,
        lambda t: ("/desk/settings/", {"site_name": f"Harbour Post {t.door}"}),
        lambda t: ("PATCH", "/api/admin/settings", {"site_name": f"Harbour Post {t.door}"}),
        lambda t: ("site", ["set", "--site-name", f"Harbour Post {t.door}"], {}),
        lambda t: settings_row().site_name == f"Harbour Post {t.door}",
    ),
    Step(
        "create account",
        EVERYONE,
        ADMINS,
        _nothing,
        lambda t: ("/desk/staff/", {"username": f"lena-{t.door}", "email": "", "role": "editor"}),
        lambda t: ("POST", "/api/admin/accounts", {"username": f"lena-{t.door}", "role": "editor"}),
        lambda t: (
            "createuser",
            [f"lena-{t.door}", "--role", "editor", "--password-stdin"],
            {"stdin": StringIO(PASSWORD + "\n")},
        ),
        lambda t: any(
            role_of(a) == "editor" for a in User.objects.filter(username=f"lena-{t.door}")
        ),
    ),
    Step(
        "change role",
        OWNERS,  # "contributor, own": Casey makes herself an admin
        ADMINS,
        _account,
        lambda t: (f"/desk/staff/{t.ids()[3]}/", {"do": "role", "role": _role(t)}),
        lambda t: ("PATCH", f"/api/admin/accounts/{t.ids()[3]}", {"role": _role(t)}),
        lambda t: ("account", ["role", User.objects.get(pk=t.ids()[3]).username, _role(t)], {}),
        lambda t: role_of(User.objects.get(pk=t.ids()[3])) == _role(t),
    ),
    Step(
        "switch off",
        EVERYONE,
        ADMINS,
        _account,
        lambda t: (f"/desk/staff/{t.ids()[3]}/", {"do": "active", "active": "0"}),
        lambda t: ("PATCH", f"/api/admin/accounts/{t.ids()[3]}", {"active": False}),
        lambda t: ("account", ["deactivate", User.objects.get(pk=t.ids()[3]).username], {}),
        lambda t: not User.objects.get(pk=t.ids()[3]).is_active,
    ),
]

CASES = [pytest.param(step, who, id=f"{step.name} / {who}") for step in STEPS for who in step.whos]


def expected(step: Step, who: str) -> str:
    return ALLOWED if who in step.allowed else DENIED


# The doors -----------------------------------------------------------------------


def snapshot() -> tuple[Any, ...]:
    """Everything a records action could change; sign-ins (the desk door signs
    in first) are not changes."""
    return (
        list(Author.objects.order_by("pk").values()),
        list(Tag.objects.order_by("pk").values()),
        list(OldSlug.objects.order_by("pk").values()),
        list(SiteSettings.objects.values()),
        list(
            User.objects.order_by("pk").values_list(
                "username", "is_active", "is_superuser", "is_staff", "groups", "password"
            )
        ),
        Article.objects.count(),
        AuditEntry.objects.exclude(action=AuditEntry.Action.LOGIN).count(),
        Event.objects.count(),
    )


def _desk(step: Step, person: Person, target: Target) -> tuple[str, str]:
    client = Client(enforce_csrf_checks=True)
    if person.user is not None:
        client.force_login(person.user)
    # The CSRF cookie comes from a page with a form, as in a browser.
    assert client.get("/desk/new/" if person.user else "/desk/login/").status_code == 200
    path, data = step.desk(target)
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    answer = client.post(path, data)
    if answer.status_code == 403:
        return DENIED, ""
    if answer.status_code == 302 and answer["Location"].startswith("/desk/login/"):
        return DENIED, ""
    if answer.status_code in (200, 302):  # the invitation shows its link page
        return ALLOWED, ""
    raise AssertionError(f"the desk answered {answer.status_code}: {answer.content[:500]!r}")


def _api_door(step: Step, person: Person, target: Target) -> tuple[str, str]:
    return _api(step, person, target)  # type: ignore[arg-type]  # the articles' door, as is


def _command_line(step: Step, person: Person, target: Target) -> tuple[str, str]:
    assert step.cli is not None
    command, args, extra = step.cli(target)
    try:
        call_command(command, *args, "--as", person.username, stdout=StringIO(), **extra)
    except CommandError as exc:
        return DENIED, str(exc)
    return ALLOWED, ""


DOORS = {"desk": _desk, "api": _api_door, "cli": _command_line}


@pytest.mark.parametrize(("step", "who"), CASES)
def test_every_door_gives_the_same_answer(people: dict[str, Person], step: Step, who: str) -> None:
    person = people["contributor" if who == "contributor, own" else who]
    want = expected(step, who)
    doors = {name: door for name, door in DOORS.items() if name != "cli" or step.cli}
    answers: dict[str, str] = {}
    messages: dict[str, str] = {}
    for door, call in doors.items():
        target = step.setup(people, who, door)  # each door acts on its own records
        before = snapshot()
        answers[door], messages[door] = call(step, person, target)
        after = snapshot()
        if answers[door] == DENIED:
            assert after == before, f"{door}: a refused {step.name} changed something"
            assert not step.done(target)
        else:
            assert step.done(target), f"{door}: {step.name} was let through but did nothing"
            assert after[-2] > before[-2], f"{door}: {step.name} wrote no audit entry"
            assert after[-1] > before[-1], f"{door}: {step.name} wrote no event"
    assert answers == dict.fromkeys(doors, want)
    if want == DENIED and who == "anonymous":
        assert messages["api"] == "The Admin API needs a token: send Authorization: Bearer <token>."
        if "cli" in doors:
            # The command line has no one signed out: an account that does not exist is refused.
            assert messages["cli"] == 'No account "nobody". --as takes a desk username.'
    elif want == DENIED:
        # The same refusal, in the action's own words, from the API and the command line.
        assert messages["api"].startswith("You do not have permission to ")
        if "cli" in doors:
            assert messages["cli"].endswith(messages["api"])


# Reading ---------------------------------------------------------------------------


READS = {
    # the desk's page, the API's list, who may read both
    "authors": ("/desk/authors/", "/api/admin/authors", {"contributor", "editor", "admin"}),
    "tags": ("/desk/tags/", "/api/admin/tags", {"contributor", "editor", "admin"}),
    "settings": ("/desk/settings/", "/api/admin/settings", {"admin"}),
    "accounts": ("/desk/staff/", "/api/admin/accounts", {"admin"}),
}


@pytest.mark.parametrize("role", ["anonymous", "no role", "contributor", "editor", "admin"])
def test_the_desk_and_the_api_show_records_to_the_same_people(
    people: dict[str, Person], role: str
) -> None:
    if role == "no role":
        from newsdesk.api import tokens
        from newsdesk.api.models import ApiToken

        plain = User.objects.create_user("pat")
        person = Person(plain, tokens.create(ApiToken.Kind.ADMIN, user=plain)[1])
    else:
        person = people[role]
    desk = Client()
    if person.user is not None:
        desk.force_login(person.user)
    api = Client(headers={"Authorization": f"Bearer {person.token}"} if person.token else {})
    for name, (page, address) in ((n, r[:2]) for n, r in READS.items()):
        may = role in READS[name][2]
        shown = desk.get(page)
        read = api.get(address)
        if may:
            assert (shown.status_code, read.status_code) == (200, 200), name
        else:
            assert shown.status_code in (302, 403), name
            assert read.status_code == (401 if role == "anonymous" else 403), name
