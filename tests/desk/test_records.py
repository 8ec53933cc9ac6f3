"""The desk's author, tag and site settings pages: every write through the
actions, their refusals and validation errors on the form, avatar and logo
uploads through the image pipeline, the merge's confirm step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.images.models import Image
from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Tag
from newsdesk.site.models import SiteSettings
from tests.helpers import find_all, parse, text_of
from tests.images.conftest import encode

from .conftest import make_user, signed_in

FAKE_JPEG = b"<html><script>alert(1)</script></html>"
NOT_AN_IMAGE = "This file is not a JPEG, PNG, WebP or GIF image."


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def errors_of(response: Any, field: str) -> list[str]:
    """The messages Django shows under one field (``<ul class="errorlist" id="id_F_error">``)."""
    page = parse(response.content)
    lists = find_all(page, "ul", class_="errorlist", id=f"id_{field}_error")
    return [text_of(li) for ul in lists for li in find_all(ul, "li")]


def card(response: Any) -> Any:
    (found,) = find_all(parse(response.content), "div", class_="author-card")
    return found


def author_form(author: Author | None = None, **fields: Any) -> dict[str, Any]:
    data = {
        name: getattr(author, name) if author else ""
        for name in ("name", "slug", "bio", "contact", "email", "signal", "website")
    }
    data["do"] = "save"
    return {**data, **fields}


# Authors ----------------------------------------------------------------------


def test_an_editor_adds_an_author_through_the_action(editor: User) -> None:
    client = signed_in(editor)
    response = client.post(
        "/desk/authors/new/",
        author_form(
            name="Lena Ortiz",
            bio="Lena covers the port.",
            contact="Signal +44 7700 900123",
            website="https://lena.example/",
        ),
    )
    lena = Author.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/authors/{lena.pk}/"
    assert (lena.slug, lena.bio, lena.website) == (
        "lena-ortiz",
        "Lena covers the port.",
        "https://lena.example/",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.AUTHOR)
    assert entry.actor == editor and entry.detail["created"] is True
    page = client.get(response["Location"])
    assert {"private", "no-store"} <= {d.strip() for d in page["Cache-Control"].split(",")}
    shown = card(page)
    assert [text_of(h) for h in find_all(shown, "h3")] == ["Lena Ortiz"]
    assert [text_of(p) for p in find_all(shown, "p", class_="author-contact")] == [
        "Contact: Signal +44 7700 900123"
    ]


def test_the_actions_validation_errors_show_on_their_fields(editor: User) -> None:
    client = signed_in(editor)
    response = client.post(
        "/desk/authors/new/",
        author_form(name="", email="not-an-address", website="javascript:alert(1)"),
    )
    assert response.status_code == 400
    assert errors_of(response, "name") == ["An author needs a name."]
    assert errors_of(response, "email") == ["Enter an e-mail address such as desk@example.org."]
    assert errors_of(response, "website") == [
        "Enter a web address starting with https:// or http://."
    ]
    assert not Author.objects.exists()
    # What was typed stays in the form.
    (website,) = find_all(parse(response.content), "input", name="website")
    assert website.attrs["value"] == "javascript:alert(1)"


def test_the_preview_shows_the_card_as_typed_and_saves_nothing(
    editor: User, author: Author
) -> None:
    client = signed_in(editor)
    response = client.post(
        f"/desk/authors/{author.pk}/",
        author_form(author, name="Mira Castell-Ruiz", bio="<b>New</b> bio.", do="preview"),
    )
    assert response.status_code == 200
    shown = card(response)
    assert [text_of(h) for h in find_all(shown, "h3")] == ["Mira Castell-Ruiz"]
    assert [text_of(p) for p in find_all(shown, "p", class_="author-bio")] == ["<b>New</b> bio."]
    assert find_all(shown, "b") == []  # escaped, as on the public page
    author.refresh_from_db()
    assert author.name == "Mira Castell"


def test_a_rename_moves_the_url_name_made_from_the_name(
    client: Client, editor: User, author: Author
) -> None:
    desk = signed_in(editor)
    response = desk.post(
        f"/desk/authors/{author.pk}/", author_form(author, name="Mira Castell-Ruiz")
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.slug == "mira-castell-ruiz"
    old = client.get("/author/mira-castell/")
    assert old.status_code == 301 and old["Location"] == "/author/mira-castell-ruiz/"


def test_a_contributor_edits_their_own_profile_and_no_one_elses(contributor: User) -> None:
    own = actions.create_author(name="Casey Doyle", slug="casey-doyle", account=contributor)
    other = actions.create_author(name="Teo Varga", slug="teo-varga")
    admin = make_user("ada", "admin")
    client = signed_in(contributor)

    listing = client.get("/desk/authors/")
    assert listing.status_code == 200
    page = parse(listing.content)
    links = {text_of(a): a.attrs["href"] for a in find_all(page, "a") if a.attrs.get("href")}
    assert links["Edit your author profile"] == f"/desk/authors/{own.pk}/"
    assert links["Casey Doyle"] == f"/desk/authors/{own.pk}/"
    assert "Teo Varga" not in links and "Add an author" not in links

    form_page = client.get(f"/desk/authors/{own.pk}/")
    assert form_page.status_code == 200
    assert find_all(parse(form_page.content), "select", name="account") == []
    # An extra "account" field is not read: only admins link accounts.
    saved = client.post(
        f"/desk/authors/{own.pk}/",
        author_form(own, bio="Casey writes about ferries.", account=str(admin.pk)),
    )
    assert saved.status_code == 302
    own.refresh_from_db()
    assert own.bio == "Casey writes about ferries." and own.user == contributor

    for response in (
        client.get(f"/desk/authors/{other.pk}/"),
        client.post(f"/desk/authors/{other.pk}/", author_form(other, bio="Not mine.")),
        client.get("/desk/authors/new/"),
        client.post("/desk/authors/new/", author_form(name="Someone Else")),
    ):
        assert response.status_code == 403
    other.refresh_from_db()
    assert other.bio == "" and Author.objects.count() == 2


def test_only_admins_see_and_set_the_linked_account(
    editor: User, admin_user: User, author: Author
) -> None:
    assert (
        find_all(
            parse(signed_in(editor).get(f"/desk/authors/{author.pk}/").content),
            "select",
            name="account",
        )
        == []
    )
    client = signed_in(admin_user)
    response = client.post(
        f"/desk/authors/{author.pk}/", author_form(author, account=str(editor.pk))
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user == editor
    (select,) = find_all(parse(client.get(f"/desk/authors/{author.pk}/").content), "select")
    (chosen,) = find_all(select, "option", selected=True)
    assert chosen.attrs["value"] == str(editor.pk)


def test_an_avatar_goes_through_the_image_pipeline(
    editor: User, author: Author, media: Path
) -> None:
    client = signed_in(editor)
    upload = SimpleUploadedFile("mira.png", encode("PNG", (1200, 1200)), "image/png")
    response = client.post(f"/desk/authors/{author.pk}/", {**author_form(author), "avatar": upload})
    assert response.status_code == 302
    author.refresh_from_db()
    image = Image.objects.get()
    assert author.avatar == image
    assert (image.format, image.width, image.alt, image.uploaded_by) == (
        "PNG",
        1200,
        "Mira Castell",
        editor,
    )
    assert [r["width"] for r in image.renditions] == [480, 960]
    assert {p.relative_to(media).as_posix() for p in stored(media)} == set(image.files())
    (avatar,) = find_all(card(client.get(f"/desk/authors/{author.pk}/")), "img", class_="avatar")
    assert avatar.attrs["src"] == image.url


def test_a_fake_image_is_refused_and_leaves_nothing(
    editor: User, author: Author, media: Path
) -> None:
    client = signed_in(editor)
    fake = SimpleUploadedFile("mira.jpg", FAKE_JPEG, "image/jpeg")
    response = client.post(
        f"/desk/authors/{author.pk}/", {**author_form(author, bio="Changed"), "avatar": fake}
    )
    assert response.status_code == 400
    assert errors_of(response, "avatar") == [NOT_AN_IMAGE]
    author.refresh_from_db()
    assert author.avatar is None and author.bio != "Changed"
    assert not Image.objects.exists() and stored(media) == []


def test_a_refused_change_removes_the_avatar_it_stored(
    editor: User, author: Author, media: Path
) -> None:
    client = signed_in(editor)
    upload = SimpleUploadedFile("mira.png", encode("PNG", (600, 600)), "image/png")
    response = client.post(
        f"/desk/authors/{author.pk}/",
        {**author_form(author, website="ftp://mira.example/"), "avatar": upload},
    )
    assert response.status_code == 400
    assert not Image.objects.exists() and stored(media) == []


def test_the_author_list_reads_a_constant_number_of_queries(editor: User) -> None:
    client = signed_in(editor)

    def count() -> int:
        client.get("/")  # the site settings are read again after a change: not this page's cost
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/desk/authors/").status_code == 200
        return len(queries)

    actions.create_author(name="Author 0")
    few = count()
    for n in range(1, 30):
        actions.create_author(name=f"Author {n}")
    assert count() == few


# Tags -------------------------------------------------------------------------


@pytest.fixture
def tagged(editor: User) -> list[Article]:
    first = actions.create_draft(headline="Ferries return", tags=["Ferrys", "Harbour"], user=editor)
    second = actions.create_draft(headline="Harbour wall repaired", tags=["Ferries"], user=editor)
    third = actions.create_draft(headline="Night ferry", tags=["Ferrys", "Ferries"], user=editor)
    return [first, second, third]


def test_the_tag_list_counts_updates_and_shows_the_buttons_the_rules_allow(
    editor: User, contributor: User, tagged: list[Article]
) -> None:
    def rows(path: str) -> list[list[str]]:
        page = parse(signed_in(editor).get(path).content)
        return [[text_of(td) for td in find_all(tr, "td")] for tr in find_all(page, "tr")[1:]]

    assert rows("/desk/tags/") == [
        ["Ferries", "2", "/tag/ferries/", "Rename · Merge"],
        ["Ferrys", "2", "/tag/ferrys/", "Rename · Merge"],
        ["Harbour", "1", "/tag/harbour/", "Rename · Merge"],
    ]
    assert [row[0] for row in rows("/desk/tags/?q=FERR")] == ["Ferries", "Ferrys"]
    page = parse(signed_in(editor).get("/desk/tags/").content)
    typo = Tag.objects.get(name="Ferrys")
    assert [text_of(a) for a in find_all(page, "a", href=f"/desk/tags/{typo.pk}/merge/")] == [
        "Merge"
    ]
    # Contributors see the tags, with no rename or merge.
    theirs = signed_in(contributor).get("/desk/tags/")
    assert theirs.status_code == 200
    hrefs = [a.attrs.get("href", "") for a in find_all(parse(theirs.content), "a")]
    assert not [h for h in hrefs if h.startswith("/desk/tags/") and h != "/desk/tags/"]


def test_renaming_a_tag_moves_its_address(
    client: Client, editor: User, tagged: list[Article]
) -> None:
    tag = Tag.objects.get(name="Harbour")
    desk = signed_in(editor)
    response = desk.post(
        f"/desk/tags/{tag.pk}/", {"name": "Harbour works", "slug": "harbour", "description": ""}
    )
    assert response.status_code == 302 and response["Location"] == f"/desk/tags/{tag.pk}/"
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Harbour works", "harbour-works")
    assert client.get("/tag/harbour/")["Location"] == "/tag/harbour-works/"
    # A URL name someone chose stays when only the description changes.
    desk.post(
        f"/desk/tags/{tag.pk}/",
        {"name": "Harbour works", "slug": "port", "description": "The sea wall."},
    )
    tag.refresh_from_db()
    assert (tag.slug, tag.description) == ("port", "The sea wall.")
    desk.post(f"/desk/tags/{tag.pk}/", {"name": "Port works", "slug": "port", "description": "x"})
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Port works", "port")


def test_a_tag_name_taken_is_an_error_on_the_field(editor: User, tagged: list[Article]) -> None:
    tag = Tag.objects.get(name="Ferrys")
    response = signed_in(editor).post(
        f"/desk/tags/{tag.pk}/", {"name": "ferries", "slug": tag.slug, "description": ""}
    )
    assert response.status_code == 400
    assert errors_of(response, "name") == ["There is already a tag called ferries."]
    tag.refresh_from_db()
    assert tag.name == "Ferrys"


def test_a_merge_asks_first_then_moves_every_update(
    client: Client, editor: User, tagged: list[Article]
) -> None:
    typo, right = Tag.objects.get(name="Ferrys"), Tag.objects.get(name="Ferries")
    desk = signed_in(editor)
    choose = desk.get(f"/desk/tags/{typo.pk}/merge/")
    options = [text_of(o) for o in find_all(parse(choose.content), "option")]
    assert options == ["Choose a tag", "Ferries", "Harbour"]

    nothing = desk.post(f"/desk/tags/{typo.pk}/merge/", {})
    assert nothing.status_code == 400
    assert errors_of(nothing, "into") == ["Choose the tag to merge into."]

    confirm = desk.post(f"/desk/tags/{typo.pk}/merge/", {"into": str(right.pk)})
    assert confirm.status_code == 200
    page = parse(confirm.content)
    (question,) = find_all(page, "section", class_="notice")
    assert "2 updates tagged “Ferrys” will be tagged “Ferries” instead." in text_of(question)
    assert "1 of them already has both tags." in text_of(question)
    assert [i.attrs["value"] for i in find_all(question, "input", type="hidden")][1:] == [
        str(right.pk),
        "yes",
    ]
    assert Tag.objects.filter(pk=typo.pk).exists()  # nothing merged yet

    done = desk.post(f"/desk/tags/{typo.pk}/merge/", {"into": str(right.pk), "confirm": "yes"})
    assert done.status_code == 302 and done["Location"] == f"/desk/tags/{right.pk}/"
    assert not Tag.objects.filter(pk=typo.pk).exists()
    assert sorted(a.headline for a in right.articles.all()) == [
        "Ferries return",
        "Harbour wall repaired",
        "Night ferry",
    ]
    assert client.get("/tag/ferrys/")["Location"] == "/tag/ferries/"
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.TAG).latest("id")
    assert entry.detail["merged"]["name"] == "Ferrys" and entry.actor == editor


def test_the_tag_list_reads_a_constant_number_of_queries(editor: User) -> None:
    client = signed_in(editor)

    def count() -> int:
        client.get("/")  # the site settings are read again after a change: not this page's cost
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/desk/tags/").status_code == 200
        return len(queries)

    actions.create_tag(name="Tag 0")
    few = count()
    for n in range(1, 30):
        actions.create_tag(name=f"Tag {n}")
    assert count() == few


# Site settings ---------------------------------------------------------------


def settings_form(**fields: Any) -> dict[str, Any]:
    data = {
        "site_name": "",
        "description": "",
        "contact_line": "",
        "time_zone": "",
        "language": "",
        "default_author": "",
    }
    return {**data, **fields}


def test_an_admin_sets_every_field_through_the_action(admin_user: User, author: Author) -> None:
    client = signed_in(admin_user)
    page = client.get("/desk/settings/")
    assert page.status_code == 200
    assert not SiteSettings.objects.exists()  # reading writes nothing
    response = client.post(
        "/desk/settings/",
        settings_form(
            site_name="Harbour Daily",
            description="News from the harbour, as it happens.",
            contact_line="Tips: Signal +44 7700 900123",
            time_zone="Europe/Lisbon",
            language="pt-PT",
            default_author=str(author.pk),
            require_admin_second_factor="on",
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/desk/settings/"
    row = SiteSettings.objects.get()
    assert (
        row.site_name,
        row.description,
        row.contact_line,
        row.time_zone,
        row.language,
        row.default_author,
        row.require_admin_second_factor,
    ) == (
        "Harbour Daily",
        "News from the harbour, as it happens.",
        "Tips: Signal +44 7700 900123",
        "Europe/Lisbon",
        "pt-PT",
        author,
        True,
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SETTINGS)
    assert entry.detail["changed"] == [
        "contact_line",
        "default_author",
        "description",
        "language",
        "require_admin_second_factor",
        "site_name",
        "time_zone",
    ]


def test_a_bad_time_zone_is_an_error_on_its_field(admin_user: User) -> None:
    response = signed_in(admin_user).post(
        "/desk/settings/", settings_form(site_name="Harbour Daily", time_zone="Mars/Olympus")
    )
    assert response.status_code == 400
    assert errors_of(response, "time_zone") == [
        "Mars/Olympus is not a known time zone; use a name such as Europe/London."
    ]
    assert not SiteSettings.objects.exists()


def test_the_logo_is_stored_through_the_image_pipeline(admin_user: User, media: Path) -> None:
    client = signed_in(admin_user)
    upload = SimpleUploadedFile("logo.png", encode("PNG", (400, 100)), "image/png")
    response = client.post("/desk/settings/", {**settings_form(), "logo": upload})
    assert response.status_code == 302
    row = SiteSettings.objects.get()
    image = Image.objects.get()
    assert row.logo.name == image.original.name and row.logo.name.startswith("images/")
    assert image.format == "PNG" and [r["width"] for r in image.renditions] == [400]
    (shown,) = find_all(parse(client.get("/desk/settings/").content), "img", class_="thumb")
    assert shown.attrs["src"] == image.url
    removed = client.post("/desk/settings/", {**settings_form(), "remove_logo": "on"})
    assert removed.status_code == 302
    assert not SiteSettings.objects.get().logo


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (FAKE_JPEG, NOT_AN_IMAGE),
        (encode("GIF", (200, 50)), "Use a PNG, JPEG or WebP file for the logo."),
    ],
    ids=["html-renamed", "gif"],
)
def test_a_logo_the_pipeline_refuses_leaves_nothing(
    admin_user: User, media: Path, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile("logo.png", content, "image/png")
    response = signed_in(admin_user).post(
        "/desk/settings/", {**settings_form(site_name="Harbour Daily"), "logo": upload}
    )
    assert response.status_code == 400
    assert errors_of(response, "logo") == [message]
    assert not SiteSettings.objects.exists()
    assert not Image.objects.exists() and stored(media) == []


def test_djangos_admin_stores_a_logo_through_the_same_action(admin_user: User, media: Path) -> None:
    client = signed_in(admin_user)
    form = {
        "site_name": "Harbour Daily",
        "description": "",
        "contact_line": "",
        "default_author": "",
        "time_zone": "",
        "language": "",
    }
    upload = SimpleUploadedFile("logo.webp", encode("WEBP", (300, 90)), "image/webp")
    response = client.post("/admin/site/sitesettings/1/change/", {**form, "logo": upload})
    assert response.status_code == 302, response.content[:500]
    row = SiteSettings.objects.get()
    assert row.logo.name == Image.objects.get().original.name
