"""``newsdesk author``, ``tag`` and ``site``: the same actions and the same
answers as the desk and the API, for whoever ``--as`` names."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from newsdesk.news.models import Article, AuditEntry, Author, Event, Tag
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.site.models import SiteSettings

pytestmark = pytest.mark.django_db


def member(name: str, group: str) -> User:
    ensure_roles()
    user = User.objects.create_user(name, password="not-used-here-123")
    user.groups.add(Group.objects.get(name=group))
    return user


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_authors_from_the_command_line(author: Author) -> None:
    member("cora", CONTRIBUTOR)
    member("eden", EDITOR)
    assert run("author", "add", "Lena Moor", "--bio", "Ports.", "--as", "eden") == (
        "Added Lena Moor (/author/lena-moor/).\n"
    )
    with pytest.raises(CommandError, match="You do not have permission to edit this author."):
        run("author", "edit", "lena-moor", "--bio", "Mine now.", "--as", "cora")
    with pytest.raises(CommandError, match='No account "nobody"'):
        run("author", "edit", "lena-moor", "--bio", "x", "--as", "nobody")
    with pytest.raises(CommandError, match="email: Enter an e-mail address"):
        run("author", "edit", "lena-moor", "--email", "not-an-address")
    run("author", "edit", "Mira Castell", "--slug", "mira-castell-ortiz", "--account", "cora")
    author.refresh_from_db()
    assert (author.slug, author.user.get_username() if author.user else None) == (
        "mira-castell-ortiz",
        "cora",
    )
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor_name, entry.detail["by"]) == ("command line", "command line")
    listing = run("author", "list").splitlines()
    assert listing == ["lena-moor\tLena Moor\t-", "mira-castell-ortiz\tMira Castell\tcora"]


def test_tags_from_the_command_line(make_article: Callable[..., Article]) -> None:
    make_article(tags=["Power", "Energy"])
    member("cora", CONTRIBUTOR)
    with pytest.raises(CommandError, match="edit tags"):
        run("tag", "edit", "power", "--name", "Power cuts", "--as", "cora")
    assert run("tag", "edit", "power", "--name", "Power cuts") == (
        "Saved Power cuts (/tag/power/).\n"
    )
    assert run("tag", "merge", "Power cuts", "energy") == "Saved Energy (/tag/energy/).\n"
    assert list(Tag.objects.values_list("slug", flat=True)) == ["energy"]
    assert run("tag", "list") == "energy\tEnergy\t1\n"
    with pytest.raises(CommandError, match='No tag "power"'):
        run("tag", "edit", "power", "--name", "Again")
    with pytest.raises(CommandError, match="not valid UTF-8"):
        run("tag", "add", "bad\udcff")


def test_site_settings_from_the_command_line(author: Author) -> None:
    member("eden", EDITOR)
    before = Event.objects.count()
    with pytest.raises(CommandError, match="change the site settings"):
        run("site", "set", "--site-name", "Not theirs", "--as", "eden")
    with pytest.raises(CommandError, match="time_zone: Mars/Olympus is not a known time zone"):
        run("site", "set", "--time-zone", "Mars/Olympus")
    assert Event.objects.count() == before and not SiteSettings.objects.exists()
    shown = run(
        "site",
        "set",
        "--site-name",
        "Harbour Daily",
        "--default-author",
        "mira-castell",
        "--wire-sources-editors-only",
        "yes",
    )
    assert "site_name: Harbour Daily\n" in shown and "default_author: Mira Castell\n" in shown
    assert "wire_sources_editors_only: True\n" in shown
    assert Event.objects.latest("id").type == "site.updated"


def test_the_sites_languages_from_the_command_line() -> None:
    with pytest.raises(CommandError, match="xx: not a language code we know"):
        run("site", "set", "--languages", "uk, xx")
    shown = run("site", "set", "--language", "uk", "--languages", "uk EN pt_br")
    assert "languages: uk, en, pt-BR\n" in shown
