"""``newsdesk article`` and ``newsdesk post --as``: who acts, what is printed,
and clear errors for bad input (who is allowed what is tests/test_one_door.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Revision
from newsdesk.news.roles import CONTRIBUTOR, ensure_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey(db: None) -> User:
    ensure_roles()
    user = User.objects.create_user("casey")
    user.groups.add(Group.objects.get(name=CONTRIBUTOR))
    return user


def article(*args: str) -> str:
    out = StringIO()
    call_command("article", *args, stdout=out)
    return out.getvalue()


def refused(*args: str, command: str = "article") -> str:
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=StringIO())
    return str(caught.value)


def test_without_as_the_command_line_acts_and_is_named_in_the_audit_log() -> None:
    printed = article("create", "--headline", "Ferry service resumes", "--lede", "Boats run.")
    story = Article.objects.get()
    assert printed == f"#{story.pk} draft v1: Ferry service resumes\n"
    printed = article("publish", str(story.pk))
    assert printed == (
        f"#{story.pk} published v2: Ferry service resumes "
        "http://127.0.0.1:8000/news/ferry-service-resumes/\n"
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISH)
    assert (entry.actor, entry.actor_name) == (None, "command line")
    assert entry.detail["by"] == "command line"
    assert Revision.objects.filter(article=story, created_by__isnull=False).count() == 0


def test_as_a_person_writes_their_name(casey: User, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("The first boat left at **six**.", encoding="utf-8")
    article("--as", "casey", "create", "--headline", "Ferries", "--body", str(body))
    story = Article.objects.get()
    assert story.body_html == "<p>The first boat left at <strong>six</strong>.</p>"
    assert Revision.objects.get(article=story).created_by == casey
    # --as after the subcommand, as in every other example.
    article(
        "update", str(story.pk), "--lede", "Boats run.", "--expect-version", "1", "--as", "casey"
    )
    story.refresh_from_db()
    assert (story.lede, story.version) == ("Boats run.", 2)
    assert refused("update", str(story.pk), "--lede", "x", "--expect-version", "1").startswith(
        "Someone else saved this article (version 2) after you opened version 1."
    )
    assert refused("update", str(story.pk)) == (
        "Give at least one of --headline, --lede, --body, --breaking."
    )
    assert refused("publish", str(story.pk), "--as", "casey") == (
        "You do not have permission to publish articles."
    )


def test_breaking_on_and_off() -> None:
    story = actions.create_draft(headline="Dam level rising", lede="Crews watch.")
    article("update", str(story.pk), "--breaking")
    assert Article.objects.get().is_breaking
    article("update", str(story.pk), "--no-breaking")
    assert not Article.objects.get().is_breaking


def test_list_shows_what_the_account_may_see(casey: User) -> None:
    own = actions.create_draft(headline="Own draft", lede="x", user=casey)
    other = actions.publish(actions.create_draft(headline="Imported", lede="x"))
    assert article("list", "--as", "casey") == f"#{own.pk}\tdraft\tv1\tOwn draft\n"
    assert article("list") == (
        f"#{other.pk}\tpublished\tv2\tImported\n#{own.pk}\tdraft\tv1\tOwn draft\n"
    )
    assert article("list", "--status", "published") == f"#{other.pk}\tpublished\tv2\tImported\n"


def test_schedule_and_restore() -> None:
    story = actions.create_draft(headline="Talks resume", lede="On Monday.")
    actions.update(story, lede="On Tuesday.")
    when = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    article("schedule", str(story.pk), "--at", when.isoformat().replace("+00:00", "Z"))
    story.refresh_from_db()
    assert (story.status, story.published_at) == ("scheduled", when)
    article("restore", str(story.pk), "--revision", "1")
    story.refresh_from_db()
    assert story.lede == "On Monday."
    assert refused("restore", str(story.pk), "--revision", "9") == (
        "This article has no revision 9."
    )


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (
            "tomorrow",
            '--at "tomorrow" is not an ISO 8601 time; write e.g. 2026-12-01T07:00:00+00:00.',
        ),
        (
            "2030-01-01T07:00",
            '--at "2030-01-01T07:00" needs its time zone, e.g. 2026-12-01T07:00:00+00:00 or ...Z.',
        ),
        ("2001-01-01T07:00Z", "publish_at: Choose a time in the future, or publish now instead."),
    ],
)
def test_bad_times_are_refused(at: str, message: str) -> None:
    story = actions.create_draft(headline="Talks resume", lede="On Monday.")
    assert refused("schedule", str(story.pk), "--at", at) == message
    assert Article.objects.get().version == story.version


def test_who_and_what_must_exist(casey: User) -> None:
    assert refused("list", "--as", "ghost") == 'No account "ghost". --as takes a desk username.'
    assert refused("publish", "999") == "No article #999; `newsdesk article list` shows ids."
    assert refused("publish", "0").startswith("Error: argument id: '0' is not a whole number")
    assert "not a whole number" in refused("publish", str(2**64))
    casey.is_active = False
    casey.save()
    assert refused("list", "--as", "casey") == (
        'The account "casey" is deactivated; it may do nothing.'
    )


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["article", "create", "--headline", "Ferries \udcff"], "--headline"),
        (["article", "create", "--headline", "x", "--tag", "\udcff"], "--tag"),
        (["article", "list", "--as", "\udcffcasey"], "--as"),
        (["post", "--headline", "x", "--lede", "\udcff"], "--lede"),
    ],
)
def test_undecodable_arguments_are_refused_clearly(args: list[str], flag: str) -> None:
    message = refused(*args[1:], command=args[0])
    assert message == (
        f"The value of {flag} is not valid UTF-8 text; check the encoding of the terminal "
        "or script that passed it."
    )
    assert not Article.objects.exists()


def test_post_as_a_contributor_publishes_nothing(casey: User) -> None:
    message = refused("--headline", "Ferries", "--lede", "x", "--as", "casey", command="post")
    assert message == "Not published:\nYou do not have permission to publish articles."
    assert not Article.objects.exists()
    out = StringIO()
    call_command("post", "--headline", "Ferries", "--lede", "Boats run.", stdout=out)
    assert AuditEntry.objects.get(action=AuditEntry.Action.PUBLISH).actor_name == "command line"


def test_a_real_process_with_undecodable_bytes_says_so(tmp_path: Path) -> None:
    """The terminal hands Python bytes that are not UTF-8 as lone surrogates."""
    env: dict[str, Any] = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEWSDESK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "article", "create", "--headline", b"caf\xe9"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert "CommandError: The value of --headline is not valid UTF-8 text" in stderr
