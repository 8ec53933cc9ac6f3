"""One rule on every door (RELIABILITY.md row 35).

Every article action, by every kind of caller, through the desk (the real
views, with CSRF), the Admin API (an admin token) and the command line
(``newsdesk article ... --as USERNAME``): the same allow or deny on all three,
the same refusal message from the API and the command line, and a refusal
changes nothing (version, revisions, outbox events).

The expected answers are written out here from the rules, not asked of
``news.permissions``: a contributor changes only their own articles and only
while they are drafts or in review; only editors publish, schedule, correct,
pin, unpublish and mark breaking; nobody signed out does anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken
from newsdesk.news import actions, permissions
from newsdesk.news.models import Article, Author, Event, Revision
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.site.actions import update_settings

pytestmark = pytest.mark.django_db

ALLOWED, DENIED = "allowed", "denied"
NOTE = "We misspelt the harbour master's name."
LEDE = "Boats run again after the storm; timetables are normal."


# The people ------------------------------------------------------------------


@dataclass
class Person:
    user: User | None  # None: signed out, no token, no account
    token: str | None

    @property
    def username(self) -> str:
        return self.user.get_username() if self.user else "nobody"


def _person(username: str, role: str) -> Person:
    user = User.objects.create_user(username, is_superuser=role == "admin")  # no password: fast
    if role != "admin":
        user.groups.add(
            Group.objects.get(name={"contributor": CONTRIBUTOR, "editor": EDITOR}[role])
        )
    _token, secret = tokens.create(ApiToken.Kind.ADMIN, user=user)
    return Person(user, secret)


@pytest.fixture
def people(db: None) -> dict[str, Person]:
    cache.clear()  # API request counts
    ensure_roles()
    return {
        "anonymous": Person(None, None),
        "contributor": _person("casey", "contributor"),
        "editor": _person("eden", "editor"),
        "admin": _person("ada", "admin"),
    }


# The steps -------------------------------------------------------------------


def _later() -> Any:
    return timezone.now() + timedelta(hours=3)


def _form(article: Article | None, **fields: str) -> dict[str, str]:
    """What the composer sends: the article as it is, with ``fields`` changed."""
    data = {
        "headline": article.headline if article else "Ferry service resumes",
        "lede": article.lede if article else "Boats run again.",
        "body": article.body if article else "The first boat left at six.",
        "version": str(article.version) if article else "",
        "change": "minor",
        "do": "save",
    }
    return {**data, **fields}


@dataclass(frozen=True)
class Step:
    """One action, on an article in the state it needs, through each door."""

    name: str
    state: str | None  # draft, revised (two revisions), published, pinned; None: no article
    desk: Callable[[Article], tuple[str, dict[str, str]]]
    api: Callable[[Article], tuple[str, str, dict[str, Any] | None]]
    cli: Callable[[Article], list[str]]


def _button(name: str) -> Callable[[Article], tuple[str, dict[str, str]]]:
    return lambda a: (f"/desk/articles/{a.pk}/{name}/", {})


def _endpoint(name: str) -> Callable[[Article], tuple[str, str, dict[str, Any] | None]]:
    return lambda a: ("POST", f"/api/admin/articles/{a.pk}/{name}", None)


def _cli(name: str, *extra: str) -> Callable[[Article], list[str]]:
    return lambda a: [name, str(a.pk), *extra]


def _update(state: str) -> Step:
    return Step(
        f"update {state}",
        state,
        lambda a: (f"/desk/articles/{a.pk}/", _form(a, lede=LEDE)),
        lambda a: ("PATCH", f"/api/admin/articles/{a.pk}", {"version": a.version, "lede": LEDE}),
        _cli("update", "--lede", LEDE),
    )


STEPS = [
    _update("draft"),
    _update("published"),
    Step("submit", "draft", _button("submit"), _endpoint("submit"), _cli("submit")),
    Step("publish", "draft", _button("publish"), _endpoint("publish"), _cli("publish")),
    Step(
        "schedule",
        "draft",
        lambda a: (
            f"/desk/articles/{a.pk}/",
            _form(
                a, do="schedule", publish_at=timezone.localtime(_later()).strftime("%Y-%m-%dT%H:%M")
            ),
        ),
        lambda a: (
            "POST",
            f"/api/admin/articles/{a.pk}/schedule",
            {"publish_at": _later().isoformat()},
        ),
        lambda a: ["schedule", str(a.pk), "--at", _later().isoformat()],
    ),
    Step(
        "correct",
        "published",
        lambda a: (f"/desk/articles/{a.pk}/", _form(a, change="correction", note=NOTE)),
        lambda a: (
            "POST",
            f"/api/admin/articles/{a.pk}/correct",
            {"version": a.version, "note": NOTE},
        ),
        _cli("correct", "--note", NOTE),
    ),
    Step("pin", "published", _button("pin"), _endpoint("pin"), _cli("pin")),
    Step("unpin", "pinned", _button("unpin"), _endpoint("unpin"), _cli("unpin")),
    Step("unpublish", "published", _button("unpublish"), _endpoint("unpublish"), _cli("unpublish")),
    Step(
        "restore",
        "revised",
        lambda a: (f"/desk/articles/{a.pk}/history/1/restore/", {}),
        lambda a: ("POST", f"/api/admin/articles/{a.pk}/restore", {"revision": 1}),
        _cli("restore", "--revision", "1"),
    ),
    Step(
        "translate",
        "published",
        lambda a: (f"/desk/articles/{a.pk}/translate/", {"language": "uk"}),
        lambda a: ("POST", f"/api/admin/articles/{a.pk}/translate", {"language": "uk"}),
        _cli("translate", "--language", "uk"),
    ),
    Step(
        "create breaking",
        None,
        lambda a: ("/desk/new/", _form(None, is_breaking="on")),
        lambda a: (
            "POST",
            "/api/admin/articles",
            {"headline": "Ferry service resumes", "lede": "Boats run.", "is_breaking": True},
        ),
        lambda a: ["create", "--headline", "Ferry service resumes", "--lede", "x", "--breaking"],
    ),
]


# Who acts on whose article -----------------------------------------------------


@dataclass(frozen=True)
class Who:
    name: str
    caller: str  # a key of ``people``
    owner: str  # whose article it is: a key of ``people``


WHO = [
    Who("anonymous", "anonymous", "contributor"),
    Who("contributor, own", "contributor", "contributor"),
    Who("contributor, another's", "contributor", "editor"),
    Who("editor", "editor", "contributor"),
    Who("admin", "admin", "contributor"),
]
# A translation is a new draft of one's own, from an update one may see.
CONTRIBUTOR_OWN = {"update draft", "submit", "restore", "translate"}


def expected(step: Step, who: Who) -> str:
    if who.caller in {"editor", "admin"}:
        return ALLOWED
    if who.name == "contributor, own" and step.name in CONTRIBUTOR_OWN:
        return ALLOWED
    return DENIED


CASES = [
    pytest.param(step, who, id=f"{step.name} / {who.name}")
    for step in STEPS
    for who in WHO
    # Creating has no "whose": the contributor asks once.
    if not (step.state is None and who.name == "contributor, another's")
]


# The doors ---------------------------------------------------------------------


def _target(step: Step, owner: User) -> Article | None:
    if step.state is None:
        return None
    if step.name == "translate":
        update_settings(language="en", languages="en, uk")
    article = actions.create_draft(
        headline="Ferry service resumes", lede="Boats run again.", body="At six.", user=owner
    )
    if step.state == "revised":
        article = actions.update(article, user=owner, lede="Boats run again, hourly.")
    if step.state in {"published", "pinned"}:
        article = actions.publish(article)
    if step.state == "pinned":
        article = actions.pin(article)
    return article


def _desk(step: Step, person: Person, article: Article | None) -> tuple[str, str]:
    client = Client(enforce_csrf_checks=True)
    if person.user is not None:
        client.force_login(person.user)
    # The CSRF cookie comes from a page with a form, as in a browser.
    assert client.get("/desk/new/" if person.user else "/desk/login/").status_code == 200
    path, data = step.desk(article)  # type: ignore[arg-type]
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    answer = client.post(path, data)
    if answer.status_code == 403:
        return DENIED, ""
    if answer.status_code == 302:
        if answer["Location"].startswith("/desk/login/"):
            return DENIED, ""
        return ALLOWED, ""
    raise AssertionError(f"the desk answered {answer.status_code}: {answer.content[:500]!r}")


def _api(step: Step, person: Person, article: Article | None) -> tuple[str, str]:
    method, path, body = step.api(article)  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {person.token}"} if person.token else {}
    answer = Client().generic(
        method,
        path,
        data=b"" if body is None else json.dumps(body),
        content_type="application/json",
        headers=headers,
    )
    if answer.status_code in (200, 201):
        return ALLOWED, ""
    if answer.status_code in (401, 403):
        assert answer["Content-Type"] == "application/problem+json"
        return DENIED, answer.json()["detail"]
    raise AssertionError(f"the API answered {answer.status_code}: {answer.content[:500]!r}")


def _command_line(step: Step, person: Person, article: Article | None) -> tuple[str, str]:
    args = step.cli(article)  # type: ignore[arg-type]
    try:
        call_command("article", *args, "--as", person.username, stdout=StringIO())
    except CommandError as exc:
        return DENIED, str(exc)
    return ALLOWED, ""


DOORS = {"desk": _desk, "api": _api, "cli": _command_line}


def _state(article: Article | None, step: Step) -> tuple[int, ...]:
    if article is None or step.name == "translate":  # a new article, the original as it was
        return (Article.objects.count(), Event.objects.count())
    current = Article.objects.get(pk=article.pk)
    revisions = Revision.objects.filter(article=article).count()
    return (current.version, revisions, Event.objects.count())


@pytest.mark.parametrize(("step", "who"), CASES)
def test_every_door_gives_the_same_answer(people: dict[str, Person], step: Step, who: Who) -> None:
    person = people[who.caller]
    owner = people[who.owner].user
    assert owner is not None
    want = expected(step, who)
    answers: dict[str, str] = {}
    messages: dict[str, str] = {}
    for door, call in DOORS.items():
        article = _target(step, owner)  # each door acts on its own, fresh copy
        before = _state(article, step)
        answers[door], messages[door] = call(step, person, article)
        after = _state(article, step)
        if answers[door] == DENIED:
            assert after == before, f"{door}: a refused {step.name} changed something"
        else:
            assert after[0] > before[0], f"{door}: {step.name} was let through but did nothing"
        if step.name == "create breaking" and answers[door] == ALLOWED:
            assert Article.objects.order_by("-pk").first().is_breaking  # type: ignore[union-attr]
    assert answers == dict.fromkeys(DOORS, want)
    if want == DENIED and who.caller == "anonymous":
        # The command line has no one signed out: an account that does not exist is refused.
        assert messages["cli"] == 'No account "nobody". --as takes a desk username.'
    elif want == DENIED:
        # The same refusal, in the action's own words, from the API and the command line.
        assert messages["api"].startswith("You do not have permission to ")
        assert messages["cli"].endswith(messages["api"])


def test_the_issue_a_contributors_token_cannot_rewrite_an_editors_article(
    people: dict[str, Person],
) -> None:
    editor, contributor = people["editor"], people["contributor"]
    story = actions.create_draft(headline="Dam holds", lede="Crews watch.", user=editor.user)
    story = actions.publish(story, user=editor.user)
    draft = actions.create_draft(headline="Dam talks", lede="Unions meet.", user=editor.user)
    before = {a.pk: (a.version, a.lede, a.revisions.count()) for a in (story, draft)}
    auth = {"Authorization": f"Bearer {contributor.token}"}
    client = Client(headers=auth)

    for article in (story, draft):
        answer = client.patch(
            f"/api/admin/articles/{article.pk}",
            {"version": article.version, "lede": "Rewritten."},
            content_type="application/json",
        )
        assert answer.status_code == 403
        assert answer.json()["detail"] == "You do not have permission to edit this article."
        # Someone else's article is not there to read, in any state.
        assert client.get(f"/api/admin/articles/{article.pk}").status_code == 404
    assert client.get("/api/admin/articles").json()["items"] == []
    submitted = client.post(
        f"/api/admin/articles/{draft.pk}/submit", {}, content_type="application/json"
    )
    assert submitted.status_code == 403
    after = {
        a.pk: (a.version, a.lede, a.revisions.count())
        for a in Article.objects.filter(pk__in=before)
    }
    assert after == before
    breaking = client.post(
        "/api/admin/articles",
        {"headline": "Dam breaks", "is_breaking": True},
        content_type="application/json",
    )
    assert breaking.status_code == 403
    assert breaking.json()["detail"] == "You do not have permission to mark articles as breaking."
    assert Article.objects.count() == 2


# Reading -----------------------------------------------------------------------


@pytest.fixture
def newsroom(people: dict[str, Person]) -> Iterator[dict[str, Article]]:
    casey, eden = people["contributor"].user, people["editor"].user
    assert casey is not None and eden is not None
    byline = Author.objects.create(name="Casey Writer", slug="casey-writer", user=casey)
    made = {
        "own draft": actions.create_draft(headline="Own draft", lede="x", user=casey),
        "own published": actions.publish(
            actions.create_draft(headline="Own published", lede="x", user=casey)
        ),
        "on the byline": actions.create_draft(
            headline="On the byline", lede="x", authors=[byline], user=eden
        ),
        "another's draft": actions.create_draft(headline="Others draft", lede="x", user=eden),
        "another's published": actions.publish(
            actions.create_draft(headline="Others published", lede="x", user=eden)
        ),
        "system's draft": actions.create_draft(headline="Imported draft", lede="x"),
    }
    yield made


@pytest.mark.parametrize("role", ["anonymous", "contributor", "editor", "admin"])
def test_every_door_shows_the_same_articles(
    people: dict[str, Person], newsroom: dict[str, Article], role: str
) -> None:
    person = people[role]
    everything = list(Article.objects.order_by("-pk"))
    viewer = person.user or AnonymousUser()  # None would be the system itself
    visible = [a.pk for a in everything if permissions.can(viewer, "article.view", a)]
    if role == "contributor":
        mine = ["own draft", "own published", "on the byline"]
        assert sorted(visible) == sorted(newsroom[n].pk for n in mine)
    elif role == "anonymous":
        assert visible == []
    else:
        assert len(visible) == len(everything)
    # The list filter is the rule.
    filtered = permissions.visible_articles(viewer, Article.objects.order_by("-pk"))
    assert list(filtered.values_list("pk", flat=True)) == visible

    api = Client(headers={"Authorization": f"Bearer {person.token}"} if person.token else {})
    listing = api.get("/api/admin/articles")
    if role == "anonymous":
        assert listing.status_code == 401
    else:
        assert [item["id"] for item in listing.json()["items"]] == visible
        for article in everything:
            status = api.get(f"/api/admin/articles/{article.pk}").status_code
            assert status == (200 if article.pk in visible else 404), article.headline

    if role != "anonymous":
        out = StringIO()
        call_command("article", "list", "--as", person.username, stdout=out)
        listed = [int(line.split("\t")[0].lstrip("#")) for line in out.getvalue().splitlines()]
        assert listed == visible

        desk = Client()
        desk.force_login(person.user)  # type: ignore[arg-type]
        home = desk.get("/desk/").content.decode()
        for article in everything:
            assert (article.headline in home) == (article.pk in visible), article.headline
            status = desk.get(f"/desk/articles/{article.pk}/preview/").status_code
            assert status == (200 if article.pk in visible else 403), article.headline
