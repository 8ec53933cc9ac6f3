"""The composer's images and preview: caption and credit of the featured image,
an image uploaded and inserted into the body (with and without JavaScript),
and the preview of the whole update beside the form."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.images.models import Image
from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in
from .test_compose import form


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def png(size: tuple[int, int] = (600, 400)) -> SimpleUploadedFile:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue())


def test_the_featured_image_s_caption_and_credit_are_saved_and_shown_again(
    contributor: User, media: Path
) -> None:
    client = signed_in(contributor)
    fields = form(
        image_alt="The bridge", image_caption="Reopened at 6 am", image_credit="Ivan Koval"
    )
    response = client.post("/desk/new/", {**fields, "image": png()})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.image_caption, article.image_credit) == ("Reopened at 6 am", "Ivan Koval")
    page = parse(client.get(f"/desk/articles/{article.pk}/").content)
    assert find_all(page, "input", name="image_caption")[0].attrs["value"] == "Reopened at 6 am"
    assert find_all(page, "input", name="image_credit")[0].attrs["value"] == "Ivan Koval"


def test_without_javascript_upload_returns_the_composer_with_the_line_to_paste(
    contributor: User, media: Path
) -> None:
    client = signed_in(contributor)
    fields = form(
        do="insert_image",
        inline_alt="Queue at the ferry",
        inline_caption="Morning queue",
        inline_credit="Olena Bondar",
    )
    response = client.post("/desk/new/", {**fields, "inline_image": png()})
    assert response.status_code == 200
    assert Article.objects.count() == 0  # nothing saved but the image
    image = Image.objects.get()
    assert image.alt == "Queue at the ferry" and image.uploaded_by == contributor
    page = parse(response.content)
    line = text_of(find_all(page, "code", class_="inserted-line")[0])
    assert line == f'![Queue at the ferry]({image.url} "Morning queue | Olena Bondar")'
    # What was typed is all still there.
    assert text_of(find_all(page, "textarea", name="body")[0]).strip() == (
        "Engineers finished the inspection overnight."
    )
    # Pasted into the body and saved: a figure with renditions and the caption.
    saved = client.post("/desk/new/", form(body=f"Before.\n\n{line}\n\nAfter."))
    assert saved.status_code == 302
    html = Article.objects.get().body_html
    (figure,) = find_all(parse(html), "figure", class_="body-image")
    assert find_all(figure, "img")[0].attrs["srcset"] == image.srcset()
    assert text_of(find_all(figure, "figcaption")[0]) == "Morning queue Photo: Olena Bondar"


def test_the_script_s_upload_answers_the_line_and_refusals_say_why(
    contributor: User, media: Path
) -> None:
    client = signed_in(contributor)
    answer = client.post(
        "/desk/images/inline/", {"inline_image": png(), "inline_alt": "A ferry"}
    ).json()
    image = Image.objects.get()
    assert answer == {"line": f"![A ferry]({image.url})"}
    refused = client.post(
        "/desk/images/inline/",
        {"inline_image": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")},
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "inline_alt": ["Describe the image for readers who cannot see it."],
    }
    refused = client.post(
        "/desk/images/inline/",
        {"inline_image": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>"), "inline_alt": "x"},
    )
    assert refused.json()["errors"] == {
        "inline_image": ["This file is not a JPEG, PNG, WebP or GIF image."]
    }
    assert Image.objects.count() == 1


def test_uploading_needs_a_desk_role_and_csrf(plain: User, contributor: User, media: Path) -> None:
    assert signed_in(plain).post("/desk/images/inline/", {"inline_alt": "x"}).status_code == 403
    strict = signed_in(contributor, enforce_csrf_checks=True)
    response = strict.post("/desk/images/inline/", {"inline_image": png(), "inline_alt": "x"})
    assert response.status_code == 403
    assert Image.objects.count() == 0


def test_the_preview_shows_the_whole_update(editor: User, media: Path) -> None:
    article = actions.create_draft(headline="Old", user=editor)
    client = signed_in(editor)
    fields = form(
        headline="Ferry <b>resumes</b>",
        lede="After the storm.",
        body="The first crossing left at six.\n\nhttps://t.me/harbour_desk/77",
        image_caption="At the pier",
        image_credit="Ivan Koval",
        article=str(article.pk),
    )
    html = client.post("/desk/preview/", fields).json()["html"]
    tree = parse(html)
    assert text_of(find_all(tree, "h1")[0]) == "Ferry <b>resumes</b>"
    assert text_of(find_all(tree, "p", class_="story-lede")[0]) == "After the storm."
    (card,) = find_all(tree, "aside", class_="embed")
    assert text_of(find_all(card, "p", class_="embed-provider")[0]) == "Telegram"
    assert find_all(card, "button") == []  # the desk loads nothing from the provider
    sources = find_all(tree, "section", class_="sources")[0]
    assert [a.attrs["href"] for a in find_all(sources, "a")] == ["https://courier.example/bridge"]
    # Without JavaScript: the Preview button shows the same beside the form.
    page = client.post(f"/desk/articles/{article.pk}/", {**fields, "do": "preview"})
    (layout,) = find_all(parse(page.content), "div", class_="compose-layout")
    preview = find_all(layout, "section", class_="preview")[0]
    assert text_of(find_all(preview, "h1")[0]) == "Ferry <b>resumes</b>"
    assert find_all(preview, "aside", class_="embed")
