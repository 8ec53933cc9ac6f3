"""Authors, tags and the site settings change through actions: checked per
object, validated, audited and announced in the outbox, all or nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Event, OldSlug, Tag
from newsdesk.news.permissions import COMMAND_LINE, can
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.site.actions import update_settings
from newsdesk.site.models import SiteSettings

pytestmark = pytest.mark.django_db


def member(name: str, group: str | None) -> User:
    ensure_roles()
    user = User.objects.create_user(name, password="not-used-here-123")
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # a fresh permission cache


def admin(name: str = "ada") -> User:
    return User.objects.create_superuser(name, password="not-used-here-123")


def counts() -> tuple[int, int, int, int]:
    return (
        Event.objects.count(),
        AuditEntry.objects.count(),
        Author.objects.count(),
        Tag.objects.count(),
    )


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# Authors ------------------------------------------------------------------


def test_an_author_is_created_with_an_audit_entry_and_a_private_event() -> None:
    editor = member("eden", EDITOR)
    author = actions.create_author(
        name="  Lena   Moor ",
        bio="Lena covers the ports.",
        email="lena@newsdesk.example",
        signal="+00 555 0101",
        website="https://lena.example/",
        user=editor,
    )
    assert (author.name, author.slug) == ("Lena Moor", "lena-moor")
    event = Event.objects.get()
    assert (event.type, event.public, event.payload["slug"]) == (
        "author.created",
        False,
        "lena-moor",
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target) == ("author", editor, "Lena Moor")


def test_author_fields_are_validated_all_at_once() -> None:
    before = counts()
    with pytest.raises(ValidationError) as exc:
        actions.create_author(
            name="",
            email="not an address",
            signal="call me <maybe>",
            website="javascript:alert(1)",
            bio="x" * 1001,
        )
    assert errors_of(exc) == {
        "name": ["An author needs a name."],
        "email": ["Enter an e-mail address such as desk@example.org."],
        "signal": ["Enter a Signal number (+44 7700 900123) or username."],
        "website": ["Enter a web address starting with https:// or http://."],
        "bio": ["Keep the bio to 1000 characters."],
    }
    assert counts() == before


def test_a_second_author_cannot_take_a_slug(author: Author) -> None:
    with pytest.raises(ValidationError) as exc:
        actions.create_author(name="Mira Castell")
    assert errors_of(exc) == {"slug": ["Another author already has the URL name mira-castell."]}


def test_contributors_edit_their_own_profile_only(author: Author) -> None:
    cora = member("cora", CONTRIBUTOR)
    own = actions.create_author(name="Cora Lind", account=cora)
    assert can(cora, "author.edit", own) and not can(cora, "author.edit", author)
    actions.update_author(own, bio="Cora writes from Vell.", user=cora)
    before = counts()
    with pytest.raises(PermissionDenied, match="You do not have permission to edit this author."):
        actions.update_author(author, bio="Not hers to change.", user=cora)
    with pytest.raises(PermissionDenied, match="link authors to accounts"):
        actions.update_author(own, account=None, user=cora)
    with pytest.raises(PermissionDenied, match="add authors"):
        actions.create_author(name="Someone Else", user=cora)
    assert counts() == before
    author.refresh_from_db()
    assert author.bio.startswith("Mira covers")


def test_only_admins_link_a_profile_to_an_account(author: Author) -> None:
    editor, eve = member("eden", EDITOR), member("eve", CONTRIBUTOR)
    with pytest.raises(PermissionDenied):
        actions.update_author(author, account=eve, user=editor)
    actions.update_author(author, account=eve, user=admin())
    author.refresh_from_db()
    assert author.user == eve
    with pytest.raises(ValidationError, match="already has an author profile"):
        actions.create_author(name="Eve Again", account=eve, user=COMMAND_LINE)


def test_renaming_an_author_keeps_the_old_url_working(
    author: Author, make_article: Callable[..., Article], client: Client
) -> None:
    make_article()
    actions.update_author(author, name="Mira Castell-Ortiz", slug="mira-castell-ortiz")
    event = Event.objects.latest("id")
    assert (event.type, event.public) == ("author.updated", True)
    assert event.payload["previous_slug"] == "mira-castell"
    assert event.payload["changed"] == ["name", "slug"]
    old = client.get("/author/mira-castell/")
    assert (old.status_code, old["Location"]) == (301, "/author/mira-castell-ortiz/")
    assert client.get("/author/mira-castell-ortiz/").status_code == 200
    # Taking the old slug back makes it a live page again, not a redirect.
    actions.update_author(author, slug="mira-castell")
    assert client.get("/author/mira-castell/").status_code == 200
    assert not OldSlug.objects.filter(slug="mira-castell").exists()
    assert client.get("/author/mira-castell-ortiz/")["Location"] == "/author/mira-castell/"


def test_markup_in_an_author_is_text_on_the_page(
    author: Author, make_article: Callable[..., Article], client: Client
) -> None:
    story = make_article()
    actions.update_author(
        author, name="<script>alert(1)</script>", bio="<img src=x onerror=alert(1)>"
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Tags ---------------------------------------------------------------------


def test_writers_add_tags_editors_rename_them(make_article: Callable[..., Article]) -> None:
    cora, editor = member("cora", CONTRIBUTOR), member("eden", EDITOR)
    draft = actions.create_draft(headline="Ferry resumes", tags=["Ports"], user=cora)
    ports = Tag.objects.get(slug="ports")
    created = Event.objects.get(type="tag.created")
    assert (created.public, created.payload["name"]) == (False, "Ports")
    assert draft.tags.get() == ports
    before = counts()
    with pytest.raises(PermissionDenied, match="edit tags"):
        actions.update_tag(ports, name="Harbours", user=cora)
    assert counts() == before
    actions.update_tag(ports, name="Harbours", slug="harbours", description="Ports.", user=editor)
    ports.refresh_from_db()
    assert (ports.name, ports.slug, ports.description) == ("Harbours", "harbours", "Ports.")
    entry = AuditEntry.objects.filter(action="tag").latest("id")
    assert entry.detail["before"] == {"name": "Ports", "slug": "ports"}


def test_a_renamed_tag_is_found_by_its_new_name(make_article: Callable[..., Article]) -> None:
    """Renamed without a new slug, "Ports" is "Harbours" at /tag/ports/: a
    writer who types "Harbours" (or "harbours") gets that tag, not a refusal."""
    make_article(tags=["Ports"])
    ports = Tag.objects.get(slug="ports")
    actions.update_tag(ports, name="Harbours")
    for typed in ("Harbours", "harbours"):
        draft = actions.create_draft(headline=f"Ferry timetable {typed}", tags=[typed])
        assert list(draft.tags.all()) == [ports]
    assert Tag.objects.count() == 1


def test_tag_names_and_slugs_stay_unique(make_article: Callable[..., Article]) -> None:
    make_article(tags=["Energy", "Ports"])
    ports = Tag.objects.get(slug="ports")
    with pytest.raises(ValidationError) as exc:
        actions.update_tag(ports, name="energy", slug="energy")
    assert errors_of(exc) == {
        "name": ["There is already a tag called energy."],
        "slug": ["Another tag already has the URL name energy."],
    }
    with pytest.raises(ValidationError) as exc:
        actions.update_tag(ports, name="", description="d" * 1001)
    assert set(errors_of(exc)) == {"name", "description"}


def test_merging_moves_the_articles_and_the_old_url(
    make_article: Callable[..., Article], client: Client
) -> None:
    both = make_article(tags=["Power", "Energy"])
    only_power = make_article(tags=["Power"])
    power, energy = Tag.objects.get(slug="power"), Tag.objects.get(slug="energy")
    actions.update_tag(power, name="Power cuts", slug="power-cuts")
    with pytest.raises(ValidationError, match="two different tags"):
        actions.merge_tags(energy, energy)
    with pytest.raises(PermissionDenied):
        actions.merge_tags(power, energy, user=member("cora", CONTRIBUTOR))
    actions.merge_tags(power, energy, user=member("eden", EDITOR))
    assert not Tag.objects.filter(pk=power.pk).exists()
    assert list(both.tags.all()) == [energy] and list(only_power.tags.all()) == [energy]
    event = Event.objects.latest("id")
    assert (event.type, event.public, event.payload["articles"]) == ("tag.merged", True, 2)
    # Both of the merged tag's URLs now lead to the one it was merged into.
    for old in ("/tag/power/", "/tag/power-cuts/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/tag/energy/"), old
    assert client.get("/tag/never-was/").status_code == 404


# Site settings ------------------------------------------------------------


def test_only_admins_change_the_site_settings() -> None:
    before = counts()
    for person in (member("cora", CONTRIBUTOR), member("eden", EDITOR)):
        with pytest.raises(PermissionDenied, match="change the site settings"):
            update_settings(site_name="Not theirs", user=person)
    assert counts() == before and not SiteSettings.objects.exists()
    row = update_settings(
        site_name="Harbour Daily", contact_line="tips@harbour.example", user=admin()
    )
    assert (row.site_name, row.contact_line) == ("Harbour Daily", "tips@harbour.example")
    event = Event.objects.latest("id")
    assert (event.type, event.public, event.payload["changed"]) == (
        "site.updated",
        True,
        ["contact_line", "site_name"],
    )
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.detail["before"]) == (
        "settings",
        {"contact_line": "", "site_name": ""},
    )


def test_bad_settings_are_refused_and_nothing_changes() -> None:
    update_settings(site_name="Harbour Daily")
    before = counts()
    with pytest.raises(ValidationError) as exc:
        update_settings(time_zone="Mars/Olympus", site_name="x" * 81)
    assert errors_of(exc) == {
        "time_zone": ["Mars/Olympus is not a known time zone; use a name such as Europe/London."],
        "site_name": ["Ensure this value has at most 80 characters (it has 81)."],
    }
    assert counts() == before
    assert SiteSettings.objects.get().site_name == "Harbour Daily"
    with pytest.raises(TypeError):
        update_settings(id=2)


@pytest.mark.parametrize("zone", ["Europe", "America/Argentina", "__init__.py", "../etc/passwd"])
def test_a_zone_database_folder_or_file_is_no_time_zone(zone: str) -> None:
    """Not a server error: "Europe" is a folder of the zone database."""
    with pytest.raises(ValidationError) as exc:
        update_settings(time_zone=zone)
    assert list(errors_of(exc)) == ["time_zone"]
    assert not SiteSettings.objects.exists()


def test_the_command_line_acts_as_itself_in_the_audit_log(author: Author) -> None:
    actions.update_author(author, bio="Edited from a terminal.", user=COMMAND_LINE)
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.actor_name, entry.detail["by"]) == (
        None,
        "command line",
        "command line",
    )


def test_stale_versions_are_refused_by_every_article_action(
    make_article: Callable[..., Article],
) -> None:
    story = make_article()
    stale = story.version - 1
    for act in (actions.pin, actions.unpin, actions.unpublish):
        with pytest.raises(ValidationError, match="Someone else saved this article"):
            act(story, expected_version=stale)
    actions.pin(story, expected_version=story.version)
    assert Article.objects.get(pk=story.pk).is_pinned


def test_restoring_over_a_correction_needs_a_note_and_is_a_correction(
    make_article: Callable[..., Article],
) -> None:
    story = make_article(lede="Three ferries sailed.")
    first = story.revisions.order_by("number").last()
    assert first is not None
    actions.correct(story, note="Two ferries sailed, not three.", lede="Two ferries sailed.")
    editor = member("eden", EDITOR)
    before = (Article.objects.get(pk=story.pk).version, Event.objects.count())
    with pytest.raises(ValidationError) as exc:
        actions.restore(story, number=first.number, user=editor)
    assert list(errors_of(exc)) == ["note"]
    assert "would undo the correction" in errors_of(exc)["note"][0]
    assert (Article.objects.get(pk=story.pk).version, Event.objects.count()) == before
    restored = actions.restore(
        story, number=first.number, user=editor, note="Three ferries did sail after all."
    )
    assert restored.lede == "Three ferries sailed."
    latest = restored.revisions.order_by("-number").first()
    assert latest is not None and latest.action == "correct"
    assert list(restored.corrections.values_list("text", flat=True)) == [
        "Two ferries sailed, not three.",
        "Three ferries did sail after all.",
    ]
    assert Event.objects.latest("id").type == "article.corrected"
    # A revision from after every correction restores without a note.
    actions.update(restored, lede="Three ferries sailed, one late.", user=editor)
    actions.restore(restored, number=latest.number, user=editor)
    assert Article.objects.get(pk=story.pk).lede == "Three ferries sailed."
    assert story.revisions.order_by("-number").values_list("action", flat=True)[0] == "restore"
