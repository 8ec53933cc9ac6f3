"""The tip form at /tips/ through Django's test client: what is kept, what is
refused with which words, and what is never set or stored."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from newsdesk.tips.crypto import unseal, unseal_text
from newsdesk.tips.models import Attachment, Tip
from tests.helpers import find_all, parse, text_of

from .conftest import CANARY, PDF, photo_with_exif

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    cache.clear()  # the rate limit's counts


def send(client: Client, **fields: object) -> Any:
    data = {"message": CANARY, "contact": "", "website": "", **fields}
    return client.post("/tips/", data, REMOTE_ADDR="203.0.113.9")


def errors(response: Any) -> list[str]:
    page = parse(response.content)
    box = find_all(page, "div", id="tip-errors")
    return [text_of(li) for li in find_all(box[0], "li")] if box else []


def typed(response: Any) -> str:
    page = parse(response.content)
    return find_all(page, "textarea", name="message")[0].text


def test_the_form_sets_no_cookie_and_is_kept_by_nobody() -> None:
    response = Client().get("/tips/")
    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = parse(response.content)
    form = find_all(page, "form", class_="tip-form")[0]
    assert form.attrs["method"] == "post" and form.attrs["enctype"] == "multipart/form-data"
    assert not find_all(form, "input", name="csrfmiddlewaretoken")
    # Nothing from another origin: every src and href is our own.
    for element in find_all(page, src=True) + find_all(page, "link", href=True):
        url = element.attrs.get("src") or element.attrs["href"]
        assert url.startswith("/"), url
    trap = find_all(page, "input", name="website")[0]
    assert trap.attrs["tabindex"] == "-1"
    assert "tips-trap" in find_all(page, "p", class_="tips-trap")[0].attrs["class"]


def test_a_tip_with_a_photo_and_a_pdf_is_kept_sealed_and_the_photo_cleaned() -> None:
    photo = SimpleUploadedFile("IMG_0042.jpg", photo_with_exif(), "image/jpeg")
    pdf = SimpleUploadedFile("ballots.pdf", PDF, "application/pdf")
    response = send(Client(), contact="signal: @rhea", attachments=[photo, pdf])
    assert response.status_code == 303 and response["Location"] == "/tips/thanks/"
    assert not response.cookies
    tip = Tip.objects.get()
    assert CANARY.encode() not in bytes(tip.message)
    assert unseal_text(tip.message, "message") == CANARY
    assert unseal_text(tip.contact, "contact") == "signal: @rhea"
    image, document = Attachment.objects.order_by("id")
    assert (image.kind, document.kind) == ("image", "pdf")
    assert unseal_text(image.name, "file name") == "IMG_0042.jpg"
    from django.core.files.storage import default_storage

    with default_storage.open(image.stored, "rb") as handle:
        sealed = handle.read()
    cleaned = unseal(sealed, "file")
    assert b"exif-canary" not in cleaned and b"exif-canary" not in sealed
    with Image.open(io.BytesIO(cleaned)) as opened:
        assert not opened.getexif() and opened.size == (64, 48)
    with default_storage.open(document.stored, "rb") as handle:
        assert unseal(handle.read(), "file") == PDF
    thanks = Client().get("/tips/thanks/")
    assert thanks.status_code == 200 and "no-store" in thanks["Cache-Control"]


def test_the_honeypot_answers_like_success_and_keeps_nothing() -> None:
    response = send(Client(), website="http://spam.example")
    assert response.status_code == 303 and response["Location"] == "/tips/thanks/"
    assert not Tip.objects.exists()


def test_an_empty_message_is_refused_in_words() -> None:
    response = send(Client(), message="   ", contact="keep me")
    assert response.status_code == 400
    assert errors(response) == ["Write your tip first: what happened, where and when."]
    assert not Tip.objects.exists()


@override_settings(NEWSDESK_TIPS_PER_HOUR=2)
def test_one_address_may_send_only_so_many_tips_an_hour() -> None:
    client = Client()
    assert [send(client).status_code for _ in range(2)] == [303, 303]
    refused = send(client, message="A third tip, kept on the page")
    assert refused.status_code == 429
    assert typed(refused) == "A third tip, kept on the page"
    assert "wait an hour" in errors(refused)[0]
    # Another address is counted apart.
    other = Client().post("/tips/", {"message": "hello"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 303
    assert Tip.objects.count() == 3


def test_a_file_that_is_neither_image_nor_pdf_is_refused_and_the_text_kept() -> None:
    page = SimpleUploadedFile("notes.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    response = send(Client(), attachments=[page])
    assert response.status_code == 400
    assert errors(response) == [
        "“notes.jpg” is neither an image (JPEG, PNG, WebP, GIF) nor a PDF. Send a photo, "
        "a screenshot or a PDF, or paste the text into your message."
    ]
    assert typed(response) == CANARY
    assert not Tip.objects.exists() and not Attachment.objects.exists()


def test_a_damaged_image_is_refused_by_the_pipeline() -> None:
    broken = SimpleUploadedFile("x.png", photo_with_exif()[:200], "image/jpeg")
    response = send(Client(), attachments=[broken])
    assert response.status_code == 400
    assert errors(response)[0].startswith("“x.png”: The image could not be read")


@override_settings(NEWSDESK_TIPS_MAX_BYTES=10_000)
def test_files_over_the_limit_together_stop_being_read_and_the_text_is_kept() -> None:
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"x" * 6_000, "application/pdf")
    more = SimpleUploadedFile("scan2.pdf", b"%PDF-1.4\n" + b"y" * 6_000, "application/pdf")
    response = send(Client(), contact="+00 555 0100", attachments=[big, more])
    assert response.status_code == 413
    assert errors(response) == ["The files together are over 0 MB, the limit for one tip."]
    assert typed(response) == CANARY
    assert not Tip.objects.exists()


@override_settings(LANGUAGE_CODE="uk")
def test_the_errors_speak_ukrainian_on_a_ukrainian_site() -> None:
    response = send(Client(), message="")
    assert response.status_code == 400
    assert errors(response) == ["Спершу напишіть свою підказку: що сталося, де і коли."]


def test_the_rate_limit_keeps_no_address_and_its_key_changes_every_day() -> None:
    from datetime import UTC, datetime

    from newsdesk.tips.limits import address_key

    assert send(Client()).status_code == 303
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # locmem's own store
    assert any("newsdesk:tips:rate:" in k for k in keys)
    assert not any("203.0.113.9" in k for k in keys)
    monday, tuesday = datetime(2026, 12, 7, 23, tzinfo=UTC), datetime(2026, 12, 8, 1, tzinfo=UTC)
    assert address_key("203.0.113.9", monday) == address_key("203.0.113.9", monday)
    assert address_key("203.0.113.9", monday) != address_key("203.0.113.9", tuesday)
