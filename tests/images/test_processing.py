"""store_upload: what is accepted, what is refused, and what is stored."""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from newsdesk.images.models import Image
from newsdesk.images.processing import declared_size, rendition_widths, store_upload
from tests.images.conftest import encode, gps_exif, png_declaring, stored_files

pytestmark = pytest.mark.django_db

Upload = Callable[..., Any]


def read_back(name: str) -> PILImage.Image:
    with default_storage.open(name) as handle:
        image = PILImage.open(io.BytesIO(handle.read()))
        image.load()
        return image


def refused(upload: Any, media: Path) -> str:
    """The refusal's message; and nothing is left behind."""
    with pytest.raises(ValidationError) as caught:
        store_upload(upload)
    assert stored_files(media) == []
    assert Image.objects.count() == 0
    return " ".join(caught.value.messages)


# Accepted -----------------------------------------------------------------


def test_jpeg_with_gps_is_stored_without_any_metadata(media: Path, upload: Upload) -> None:
    data = encode("JPEG", exif=gps_exif().tobytes(), comment=b"shot at the safe house")
    with PILImage.open(io.BytesIO(data)) as sent:  # the test file really carries them
        assert sent.getexif().get_ifd(0x8825)
        assert sent.getexif()[0x0110] == "Secret Camera"

    image = store_upload(upload(data), user=None)

    assert (image.format, image.width, image.height) == ("JPEG", 2000, 1200)
    original = read_back(image.original.name)
    assert original.format == "JPEG"
    assert dict(original.getexif()) == {}
    assert original.getexif().get_ifd(0x8825) == {}
    for key in ("exif", "comment", "icc_profile", "xmp", "XML:com.adobe.xmp"):
        assert key not in original.info, key
    raw = (media / image.original.name).read_bytes()
    assert b"Secret Camera" not in raw and b"safe house" not in raw and b"Exif" not in raw
    assert image.bytes == len(raw)
    assert len(image.sha256) == 64


def test_exif_orientation_is_applied_then_dropped(media: Path, upload: Upload) -> None:
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    data = encode("JPEG", size=(800, 600), exif=exif.tobytes())

    image = store_upload(upload(data))

    assert (image.width, image.height) == (600, 800)
    original = read_back(image.original.name)
    assert original.size == (600, 800)
    assert 0x0112 not in original.getexif()


@pytest.mark.parametrize(
    ("fmt", "mode", "params"),
    [
        ("PNG", "RGBA", {}),
        ("WEBP", "RGB", {"exif": gps_exif().tobytes()}),
        ("GIF", "P", {}),
        ("JPEG", "CMYK", {}),
    ],
)
def test_png_webp_gif_are_accepted_in_their_own_format(
    media: Path, upload: Upload, fmt: str, mode: str, params: dict[str, Any]
) -> None:
    data = encode(fmt, size=(1000, 500), mode=mode, **params)

    image = store_upload(upload(data, name="upload.bin", content_type="text/plain"))

    assert image.format == fmt
    assert image.original.name.endswith({"JPEG": ".jpg"}.get(fmt, "." + fmt.lower()))
    original = read_back(image.original.name)
    assert original.format == fmt and original.size == (1000, 500)
    assert dict(original.getexif()) == {}
    assert [r["width"] for r in image.renditions] == [480, 960]


def test_renditions_are_webp_at_each_width_never_wider(media: Path, upload: Upload) -> None:
    image = store_upload(upload(encode("JPEG", size=(2000, 1200))))

    assert [r["width"] for r in image.renditions] == [480, 960, 1600]
    for rendition in image.renditions:
        stored = read_back(rendition["name"])
        assert stored.format == "WEBP"
        assert stored.size == (rendition["width"], rendition["height"])
        assert rendition["height"] == round(1200 * rendition["width"] / 2000)
        assert "exif" not in stored.info
    assert len(stored_files(media)) == 4
    assert image.srcset() == ", ".join(
        f"/media/{r['name']} {r['width']}w" for r in image.renditions
    )
    assert image.src(960).endswith("-960.webp")
    assert image.src(5000).endswith("-1600.webp")
    assert image.url == f"/media/{image.original.name}"


def test_a_small_image_gets_one_rendition_at_its_own_width(media: Path, upload: Upload) -> None:
    image = store_upload(upload(encode("PNG", size=(300, 200))))

    assert image.renditions == [{"width": 300, "height": 200, "name": image.renditions[0]["name"]}]
    assert rendition_widths(300) == [300]
    assert rendition_widths(960) == [480, 960]


def test_names_are_generated_whatever_the_upload_is_called(media: Path, upload: Upload) -> None:
    image = store_upload(upload(encode("JPEG", size=(600, 400)), name="../../etc/passwd.jpg"))

    name = image.original.name
    assert name.startswith("images/") and ".." not in name and "passwd" not in name
    assert all(path.is_relative_to(media) for path in stored_files(media))
    assert not Path("/etc/passwd.jpg").exists()


def test_the_uploader_is_recorded(media: Path, upload: Upload, django_user_model: Any) -> None:
    user = django_user_model.objects.create_user("photodesk", password="x" * 16)
    image = store_upload(upload(encode("PNG", size=(100, 100))), user=user)
    assert Image.objects.get(pk=image.pk).uploaded_by == user


# Refused ------------------------------------------------------------------


def test_a_text_file_named_jpg_is_refused(media: Path, upload: Upload) -> None:
    message = refused(upload(b"just some notes from the meeting\n" * 20, name="notes.jpg"), media)
    assert message == "This file is not a JPEG, PNG, WebP or GIF image."


@pytest.mark.parametrize(
    "payload",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
)
def test_html_or_svg_renamed_png_is_refused(media: Path, upload: Upload, payload: bytes) -> None:
    message = refused(upload(payload, name="chart.png", content_type="image/png"), media)
    assert "not a JPEG, PNG, WebP or GIF" in message


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_other_image_formats_are_refused(media: Path, upload: Upload, fmt: str) -> None:
    message = refused(upload(encode(fmt, size=(64, 64)), name="image.jpg"), media)
    assert "not a JPEG, PNG, WebP or GIF" in message


def test_png_declaring_400_megapixels_is_refused_at_once(media: Path, upload: Upload) -> None:
    data = png_declaring(20_000, 20_000)
    assert len(data) < 200 and declared_size(data, "PNG") == (20_000, 20_000)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refused(upload(data, name="bomb.png"), media)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message == (
        "The image is 20,000 × 20,000 pixels (400 megapixels); the limit is 50 megapixels."
    )
    assert elapsed < 1.0
    assert peak < 5_000_000  # the pixels would be 1.2 GB


def test_144_megapixels_is_refused(media: Path, upload: Upload) -> None:
    message = refused(upload(png_declaring(12_000, 12_000)), media)
    assert "144 megapixels" in message and "limit is 50 megapixels" in message


def test_the_limit_is_ours_not_pillows_warning(media: Path, upload: Upload, settings: Any) -> None:
    settings.NEWSDESK_IMAGE_MAX_PIXELS = 1_000_000  # far below Pillow's 89 Mpx warning
    message = refused(upload(encode("JPEG", size=(1100, 1000))), media)
    assert message == "The image is 1,100 × 1,000 pixels (1 megapixels); the limit is 1 megapixels."


def test_a_file_over_20_mb_is_refused(media: Path, upload: Upload) -> None:
    data = encode("PNG", size=(64, 64)) + b"\0" * 21_000_000
    message = refused(upload(data), media)
    assert message == "The file is 21 MB; the limit is 20 MB."


def test_a_file_like_without_size_over_the_limit_is_refused(media: Path, settings: Any) -> None:
    settings.NEWSDESK_IMAGE_MAX_BYTES = 100_000
    data = encode("JPEG", size=(64, 64)) + b"\0" * 200_000
    message = refused(io.BytesIO(data), media)
    assert message == "The file is 0.2 MB; the limit is 0.1 MB."


def test_a_truncated_jpeg_is_refused(media: Path, upload: Upload) -> None:
    data = encode("JPEG", size=(1200, 800), quality=95)
    message = refused(upload(data[: len(data) // 2]), media)
    assert "damaged or incomplete" in message


def test_a_png_with_a_broken_checksum_is_refused(media: Path, upload: Upload) -> None:
    data = bytearray(encode("PNG", size=(200, 200)))
    data[60] ^= 0xFF  # inside the first IDAT chunk's data
    message = refused(upload(bytes(data)), media)
    assert "damaged or incomplete" in message


def test_a_png_with_a_garbled_chunk_is_refused(media: Path, upload: Upload) -> None:
    data = bytearray(encode("PNG", size=(200, 200)))
    data[38:41] = b"\x00\x01\x02"  # the first IDAT chunk's type
    assert "damaged or incomplete" in refused(upload(bytes(data)), media)


def test_an_empty_file_is_refused(media: Path, upload: Upload) -> None:
    assert refused(upload(b""), media) == "The file is empty."


def test_a_storage_failure_midway_leaves_nothing(
    media: Path, upload: Upload, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = default_storage.save
    calls = []

    def failing_save(name: str, content: Any, *args: Any, **kwargs: Any) -> str:
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError, match="No space left"):
        store_upload(upload(encode("JPEG", size=(2000, 1000))))
    assert len(calls) == 3
    assert stored_files(media) == []
    assert Image.objects.count() == 0


def test_uploaded_media_is_served_with_nosniff(media: Path, upload: Upload, client: Any) -> None:
    image = store_upload(upload(encode("PNG", size=(500, 300))))
    response = client.get(image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    rendition = client.get(image.src(480))
    assert rendition["Content-Type"] == "image/webp"
    assert rendition["X-Content-Type-Options"] == "nosniff"


def test_icc_xmp_and_text_chunks_are_not_kept(media: Path, upload: Upload) -> None:
    from PIL import ImageCms, PngImagePlugin

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Confidential Source")
    xmp = b"<x:xmpmeta>Hidden Place</x:xmpmeta>"
    uploads = [
        encode("JPEG", size=(600, 400), icc_profile=icc),
        encode("PNG", size=(600, 400), pnginfo=text, icc_profile=icc),
        encode("WEBP", size=(600, 400), icc_profile=icc, xmp=xmp),
    ]
    for data in uploads:
        image = store_upload(upload(data))
        raw = (media / image.original.name).read_bytes()
        original = read_back(image.original.name)
        assert "icc_profile" not in original.info and "xmp" not in original.info
        assert b"Confidential Source" not in raw and b"Hidden Place" not in raw
        for rendition in image.renditions:
            rendered = (media / rendition["name"]).read_bytes()
            assert b"Hidden Place" not in rendered and b"ICCP" not in rendered


def test_pillows_own_bomb_guard_is_a_refusal_too(
    media: Path, upload: Upload, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should Pillow's limit ever be the lower one, its error is a refusal, not a 500."""
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 10_000)
    message = refused(upload(encode("PNG", size=(200, 200))), media)  # 4x Pillow's limit
    assert message == "The image has too many pixels to be opened safely."


def test_pillows_bomb_warning_raised_as_an_error_is_a_refusal(
    media: Path, upload: Upload, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 30_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        message = refused(upload(encode("PNG", size=(200, 200))), media)
    assert message == "The image has too many pixels to be opened safely."
