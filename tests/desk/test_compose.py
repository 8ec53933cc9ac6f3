"""The composer: saving through the actions, conflicts, bad input, minor
edits and corrections, autosave, preview and history."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from newsdesk.desk.models import Autosave
from newsdesk.images.models import Image
from newsdesk.news import actions
from newsdesk.news.models import Article, Correction, Revision
from newsdesk.site.actions import update_settings
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in


def form(**fields: Any) -> dict[str, Any]:
    data = {
        "headline": "Bridge reopens to traffic",
        "lede": "The river crossing is open again after repairs.",
        "body": "Engineers finished the inspection overnight.",
        "tags": "Transport, Repairs",
        "source_0_outlet": "Harbour Courier",
        "source_0_url": "https://courier.example/bridge",
        "source_0_style": "according to",
        "change": "minor",
        "do": "save",
    }
    data.update(fields)
    return data


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def nothing_saved() -> None:
    assert Article.objects.count() == 0
    assert Revision.objects.count() == 0
    assert Image.objects.count() == 0


def test_a_draft_saves_with_its_source_tags_and_revision(contributor: User) -> None:
    client = signed_in(contributor)
    response = client.post("/desk/new/", form())
    assert response.status_code == 302
    article = Article.objects.get()
    assert response["Location"] == f"/desk/articles/{article.pk}/"
    assert article.status == Article.Status.DRAFT
    assert [t.name for t in article.tags.order_by("name")] == ["Repairs", "Transport"]
    source = article.sources.get()
    assert (source.outlet, source.url, source.quote_style) == (
        "Harbour Courier",
        "https://courier.example/bridge",
        "according to",
    )
    assert Revision.objects.filter(article=article, created_by=contributor).count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"headline": "   "}, "headline", "This field is required"),
        ({"body": "Long. " * 350_000}, "body", "The body is too long"),
        ({"source_0_url": "not a web address"}, "source_0_url", "is not a web address"),
        ({"source_0_url": "javascript:alert(1)"}, "source_0_url", "is not a web address"),
        ({"body": "See [the map](javascript:alert(1))."}, "body", "Links must start with"),
        ({"body": "See [the map](JaVa&#115;cript:alert(1))."}, "body", "Links must start with"),
        ({"body": '<a href="  javascript:alert(1)">x</a>'}, "body", "Links must start with"),
        ({"body": "[x]: data:text/html;base64,PHNjcmlwdD4="}, "body", "Links must start with"),
        (
            {"source_0_outlet": "", "source_0_url": "https://a.example/"},
            "source_0_outlet",
            "outlet",
        ),
        ({"tags": ", ".join(f"tag {i}" for i in range(20))}, "tags", "at most 12 tags"),
    ],
)
def test_bad_input_is_a_clear_form_error_and_saves_nothing(
    contributor: User, fields: dict[str, Any], field: str, message: str
) -> None:
    client = signed_in(contributor)
    response = client.post("/desk/new/", form(**fields))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors or (field == "tags" and "__all__" in errors), errors
    assert message in " ".join(m for ms in errors.values() for m in ms), errors
    nothing_saved()


def png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def real_png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", b"Just some notes, not a picture.\n" * 50), "not a JPEG"),
        (SimpleUploadedFile("huge.png", png_declaring(20_000, 20_000)), "megapixels"),
        (SimpleUploadedFile("page.jpg", b"<html><script>alert(1)</script></html>"), "not a JPEG"),
    ],
    ids=["text-as-jpg", "400-megapixels", "html-as-jpg"],
)
def test_bad_images_are_refused_and_nothing_is_kept(
    contributor: User, media: Path, upload: SimpleUploadedFile, message: str
) -> None:
    client = signed_in(contributor)
    response = client.post("/desk/new/", {**form(image_alt="A bridge"), "image": upload})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors.get("image", [])), errors
    nothing_saved()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_an_image_needs_alt_text(contributor: User, media: Path) -> None:
    client = signed_in(contributor)
    upload = SimpleUploadedFile("bridge.png", real_png())
    response = client.post("/desk/new/", {**form(), "image": upload})
    assert response.status_code == 400
    assert "image_alt" in response.context["form"].errors
    nothing_saved()


def test_an_image_with_alt_text_is_stored_with_renditions(contributor: User, media: Path) -> None:
    client = signed_in(contributor)
    upload = SimpleUploadedFile("bridge.png", real_png())
    response = client.post("/desk/new/", {**form(image_alt="The bridge at dawn"), "image": upload})
    assert response.status_code == 302, response.context["form"].errors
    article = Article.objects.get()
    assert article.image is not None and article.image_alt == "The bridge at dawn"
    assert {r["width"] for r in article.image.renditions} >= {480, 960}


def test_a_failed_save_leaves_no_uploaded_files(editor: User, media: Path) -> None:
    """The upload is stored, then the article change is refused (a conflict):
    the image and its files go too."""
    article = actions.create_draft(headline="Power cut in the north", user=editor)
    client = signed_in(editor)
    upload = SimpleUploadedFile("grid.png", real_png())
    response = client.post(
        f"/desk/articles/{article.pk}/",
        {**form(image_alt="Pylons", version=article.version + 5), "image": upload},
    )
    assert response.status_code == 409
    assert Image.objects.count() == 0
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_two_sessions_saving_the_same_version_conflict_and_nothing_is_lost(
    editor: User, contributor: User
) -> None:
    first, second = signed_in(editor), signed_in(editor)
    article = actions.create_draft(headline="Curfew extended", lede="Until Friday.", user=editor)
    opened = article.version
    one = first.post(
        f"/desk/articles/{article.pk}/",
        form(headline="Curfew extended", lede="Until Friday at 6 a.m.", version=opened),
    )
    assert one.status_code == 302
    two = second.post(
        f"/desk/articles/{article.pk}/",
        form(headline="Curfew extended to Saturday", lede="Until Saturday.", version=opened),
    )
    assert two.status_code == 409
    page = two.content.decode()
    assert "Someone else saved this article" in page
    # The difference is shown: theirs struck through, ours underlined.
    assert "<del>Friday at 6 a.m.</del>" in page or "<del>Friday" in page
    assert "<ins>" in page and "Saturday" in page
    # Nothing lost: the first save stands, the second person's text is in
    # the form and in their autosave.
    article.refresh_from_db()
    assert article.lede == "Until Friday at 6 a.m."
    assert two.context["form"].data["lede"] == "Until Saturday."
    assert Autosave.objects.get(user=editor, article=article).data["lede"] == "Until Saturday."
    # Saving again after seeing the difference is a deliberate choice.
    again = second.post(f"/desk/articles/{article.pk}/", two.context["form"].data)
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.lede == "Until Saturday."


def test_minor_edit_and_correction_on_a_published_article(editor: User, client: Client) -> None:
    article = actions.create_draft(headline="Water restored", lede="Taps run again.", user=editor)
    actions.publish(article, user=editor)
    article.refresh_from_db()
    desk = signed_in(editor)
    minor = desk.post(
        f"/desk/articles/{article.pk}/",
        form(
            headline="Water restored", lede="Taps run again in the city.", version=article.version
        ),
    )
    assert minor.status_code == 302
    article.refresh_from_db()
    assert article.updated_at is not None and not Correction.objects.exists()
    missing_note = desk.post(
        f"/desk/articles/{article.pk}/",
        form(
            lede="Taps run again in most districts.", change="correction", version=article.version
        ),
    )
    assert missing_note.status_code == 400
    assert "note" in missing_note.context["form"].errors
    corrected = desk.post(
        f"/desk/articles/{article.pk}/",
        form(
            headline="Water restored",
            lede="Taps run again in most districts.",
            change="correction",
            note="An earlier version said water was back everywhere.",
            version=article.version,
        ),
    )
    assert corrected.status_code == 302
    page = client.get(article.get_absolute_url()).content.decode()
    assert "An earlier version said water was back everywhere." in page
    assert "most districts" in page


def test_contributors_cannot_publish_or_edit_published_work(
    contributor: User, editor: User
) -> None:
    mine = signed_in(contributor)
    response = mine.post("/desk/new/", form(do="publish"))
    assert response.status_code == 403
    assert not Article.objects.exists()
    article = actions.create_draft(headline="Port closed", lede="Storm.", user=contributor)
    actions.publish(article, user=editor)
    article.refresh_from_db()
    response = mine.post(f"/desk/articles/{article.pk}/", form(version=article.version))
    assert response.status_code == 403


def test_autosave_keeps_work_without_touching_the_article(contributor: User) -> None:
    client = signed_in(contributor)
    article = actions.create_draft(headline="Schools reopen", user=contributor)
    version = article.version
    response = client.post(
        "/desk/autosave/",
        {"article": article.pk, "version": version, "headline": "Schools reopen Monday"},
    )
    assert response.status_code == 200 and "saved_at" in response.json()
    article.refresh_from_db()
    assert article.version == version and article.headline == "Schools reopen"
    page = client.get(f"/desk/articles/{article.pk}/").content.decode()
    assert "You have unsaved work" in page
    restored = client.get(f"/desk/articles/{article.pk}/autosave/")
    assert restored.context["form"].initial["headline"] == "Schools reopen Monday"
    assert client.post("/desk/autosave/", {"article": "1; drop"}).status_code == 400


def test_live_preview_uses_the_public_renderer(contributor: User) -> None:
    client = signed_in(contributor)
    answer = client.post("/desk/preview/", {"body": "**Bold** <script>alert(1)</script>"}).json()
    assert "<strong>Bold</strong>" in answer["html"]
    assert "<script>" not in answer["html"]
    no_js = client.post("/desk/new/", form(do="preview", body="*Calm* night"))
    assert no_js.status_code == 200
    assert "<em>Calm</em>" in no_js.content.decode()
    assert not Article.objects.exists()


def test_preview_of_a_draft_is_private(editor: User, client: Client) -> None:
    article = actions.create_draft(headline="Draft only", lede="Not yet public.", user=editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    response = signed_in(editor).get(f"/desk/articles/{article.pk}/preview/")
    assert response.status_code == 200
    assert "Not yet public." in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_preview_shows_the_desks_card_as_the_public_page_does(editor: User) -> None:
    desk = actions.create_author(name="The Harbour Desk", bio="The newsroom's own updates.")
    update_settings(default_author=desk, contact_line="Tips: desk@harbour.example")
    unsigned = actions.create_draft(headline="Roads closed", lede="For the regatta.", user=editor)
    writer = actions.create_author(name="Mira Castell", bio="Mira covers the harbour.")
    signed = actions.create_draft(headline="Regatta results", lede="Blue won.", authors=[writer])
    client = signed_in(editor)

    def authors(article: Article) -> list[str]:
        """The preview's authors section: its heading, then each card's lines."""
        response = client.get(f"/desk/articles/{article.pk}/preview/")
        assert response.status_code == 200
        (section,) = find_all(parse(response.content), "section", class_="authors")
        lines = find_all(section, "h2") + find_all(section, "h3") + find_all(section, "p")
        return [text_of(e) for e in lines]

    assert authors(unsigned) == [
        "From the desk",
        "The Harbour Desk",
        "The newsroom's own updates.",
        "Tips: desk@harbour.example",
        "Contact us",  # every card leads to the tip line
    ]
    assert authors(signed) == [
        "About the author",
        "Mira Castell",
        "Mira covers the harbour.",
        "Contact us",
    ]


def test_history_diff_and_restore(editor: User) -> None:
    article = actions.create_draft(headline="Flights resume", lede="From Tuesday.", user=editor)
    actions.update(article, user=editor, lede="From Wednesday.")
    client = signed_in(editor)
    page = client.get(f"/desk/articles/{article.pk}/history/?a=1&b=2").content.decode()
    assert "<del>Tuesday.</del>" in page and "<ins>Wednesday.</ins>" in page
    assert client.get(f"/desk/articles/{article.pk}/history/?a=1&b=99").status_code == 404
    assert client.get(f"/desk/articles/{article.pk}/history/?a=x&b=1").status_code == 400
    response = client.post(f"/desk/articles/{article.pk}/history/1/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lede == "From Tuesday."
    assert article.revisions.count() == 3  # restored as a new revision


def test_restoring_over_a_correction_asks_for_a_note(editor: User) -> None:
    article = actions.create_draft(headline="Ferries", lede="Three ferries sailed.", user=editor)
    article = actions.publish(article, user=editor)
    actions.correct(
        article, note="Two ferries, not three.", lede="Two ferries sailed.", user=editor
    )
    client = signed_in(editor)
    history = f"/desk/articles/{article.pk}/history/"
    refused = client.post(f"{history}2/restore/")
    assert (refused.status_code, refused["Location"]) == (302, f"{history}?restore=2")
    assert Article.objects.get(pk=article.pk).lede == "Two ferries sailed."
    page = client.get(refused["Location"])
    (form,) = find_all(parse(page.content), "form", **{"class": "restore-correction"})
    assert form.attrs["action"] == f"{history}2/restore/"
    (note,) = find_all(form, "textarea", name="note")
    assert note.attrs["aria-describedby"] == "restore-help"
    done = client.post(f"{history}2/restore/", {"note": "Three did sail."}, follow=True)
    assert "Revision 2 restored as a correction." in done.content.decode()
    article.refresh_from_db()
    assert article.lede == "Three ferries sailed."
    assert article.corrections.count() == 2
    assert client.get(f"{history}?restore=99").status_code == 404


def test_an_oversized_upload_is_refused_before_it_is_read(contributor: User) -> None:
    client = signed_in(contributor)
    response = client.post(
        "/desk/new/",
        form(),
        CONTENT_LENGTH=str(1024**3),
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    nothing_saved()


def test_a_contributor_saving_keeps_the_editors_breaking_flag(
    contributor: User, editor: User
) -> None:
    article = actions.create_draft(
        headline="Dam level rising", lede="Crews watch.", user=contributor
    )
    actions.update(article, user=editor, is_breaking=True)
    article.refresh_from_db()
    response = signed_in(contributor).post(
        f"/desk/articles/{article.pk}/",
        form(
            headline="Dam level rising", lede="Crews watch the spillway.", version=article.version
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_breaking and article.lede == "Crews watch the spillway."


def test_extra_fields_are_ignored(contributor: User) -> None:
    """Mass assignment: fields the form does not name change nothing."""
    response = signed_in(contributor).post(
        "/desk/new/",
        form(status="published", is_pinned="on", role="admin", is_staff="1", version="99"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and not article.is_pinned
    contributor.refresh_from_db()
    assert not contributor.is_staff and not contributor.is_superuser


def test_a_writer_with_a_profile_starts_on_the_byline(contributor: User, editor: User) -> None:
    own = actions.create_author(name="Casey Moreno", account=contributor)
    page = parse(signed_in(contributor).get("/desk/new/").content)
    (first,) = find_all(page, "select", name="author_0")
    chosen = [o.attrs["value"] for o in find_all(first, "option") if "selected" in o.attrs]
    assert chosen == [str(own.pk)]
    # Someone without a profile starts with an empty byline.
    page = parse(signed_in(editor).get("/desk/new/").content)
    (first,) = find_all(page, "select", name="author_0")
    assert [o.attrs["value"] for o in find_all(first, "option") if "selected" in o.attrs] == [""]
