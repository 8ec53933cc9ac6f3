"""Accept an uploaded image: check it, clean it, store it with its renditions.

:func:`store_upload` is the only way an :class:`~newsdesk.images.models.Image`
is made. In order, it:

1. refuses files over ``NEWSDESK_IMAGE_MAX_BYTES`` (20 MB) before reading them;
2. recognises JPEG, PNG, WebP or GIF from the first bytes (never from the
   name or the browser's content type) and refuses everything else;
3. reads the dimensions the header declares, with no help from Pillow, and
   refuses more than ``NEWSDESK_IMAGE_MAX_PIXELS`` (50 megapixels) before
   any pixel is decoded, so a tiny PNG declaring 400 megapixels costs nothing;
4. opens it with Pillow restricted to the recognised format, verifies it,
   checks the size again, and decodes it; truncated or corrupt data is refused;
5. turns it upright (EXIF orientation), converts an embedded colour profile
   to sRGB, and re-encodes it in its own format with no metadata at all:
   no EXIF (so no GPS), XMP, ICC profile, comments or text chunks;
6. writes WebP renditions 480, 960 and 1600 pixels wide (never wider than
   the original; at least one);
7. saves the files through Django's default storage under generated names
   (``images/2026/11/<uuid>.jpg``, ``...<uuid>-960.webp``) and then the row.

Everything or nothing: a refusal or a failure at any step deletes the files
already written and leaves no row. Animated GIF and WebP keep their first
frame only (a still image; the page shows a picture, not a video).

Every refusal is a ``ValidationError`` whose message says what was wrong and
what the limit is.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import struct
import unicodedata
import uuid
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from .models import Image

log = logging.getLogger(__name__)

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 82
JPEG_QUALITY = 90

MAX_ALT = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

NOT_AN_IMAGE = "This file is not a JPEG, PNG, WebP or GIF image."


def clean_alt(value: str) -> str:
    """Alt text as one line: no control characters, single spaces, NFC."""
    value = unicodedata.normalize("NFC", _CONTROL.sub("", str(value or "")))
    return " ".join(value.split())


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _megabytes(size: int) -> str:
    value = size / 1_000_000
    rounded = round(value) if value >= 10 else round(value, 1)
    # In the language's own digits: "2.5" in English, "2,5" in Ukrainian.
    return number_format(rounded, 0 if rounded == int(rounded) else 1, force_grouping=True)


# Size and type ------------------------------------------------------------


def _read_limited(upload: Any, limit: int) -> bytes:
    """The whole file, refusing it when it is larger than ``limit`` bytes."""
    declared = getattr(upload, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise _too_large(declared, limit)
    if hasattr(upload, "seek"):
        with contextlib.suppress(OSError, ValueError):
            upload.seek(0)
    chunks = []
    total = 0
    reader: IO[bytes] = upload
    while True:
        chunk = reader.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(_full_size(upload, total), limit)
    return b"".join(chunks)


def _full_size(upload: Any, seen: int) -> int:
    """The file's size for the message, without reading the rest of it."""
    try:
        here = upload.tell()
        end = upload.seek(0, io.SEEK_END)
        upload.seek(here)
        return max(int(end), seen)
    except (AttributeError, OSError, ValueError):
        return seen


def _too_large(size: int, limit: int) -> ValidationError:
    return _refuse(
        _("The file is %(size)s MB; the limit is %(limit)s MB.")
        % {"size": _megabytes(size), "limit": _megabytes(limit)},
        "too_large",
    )


def sniff(data: bytes) -> str | None:
    """The format the bytes themselves say they are, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


# Declared dimensions, read from the header alone ---------------------------


def declared_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height as the header states them, or None if it cannot say."""
    try:
        if kind == "PNG":
            if data[12:16] != b"IHDR":
                return None
            width, height = struct.unpack(">II", data[16:24])
            return int(width), int(height)
        if kind == "GIF":
            width, height = struct.unpack("<HH", data[6:10])
            return int(width), int(height)
        if kind == "WEBP":
            return _webp_size(data)
        if kind == "JPEG":
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk, body = data[12:16], data[20:40]
    if chunk == b"VP8X":
        width = int.from_bytes(body[4:7], "little") + 1
        height = int.from_bytes(body[7:10], "little") + 1
        return width, height
    if chunk == b"VP8 " and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[6:10])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and body[:1] == b"\x2f":
        bits = int.from_bytes(body[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


# Start-of-frame markers: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    end = len(data)
    while i < end:
        if data[i] != 0xFF:
            return None
        while i < end and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= end:
            return None
        marker = data[i]
        i += 1
        if marker in (0x01, *range(0xD0, 0xD9)):  # no length
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header seen
            return None
        (length,) = struct.unpack(">H", data[i : i + 2])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[i + 3 : i + 7])
            return int(width), int(height)
        i += length
    return None


def _check_pixels(width: int, height: int, limit: int) -> None:
    if width <= 0 or height <= 0:
        raise _refuse(
            _("The image has no pixels (its header says %(w)d × %(h)d).")
            % {"w": width, "h": height},
            "empty",
        )
    if width * height > limit:
        raise _refuse(
            _(
                "The image is %(w)s × %(h)s pixels (%(mp)s megapixels); "
                "the limit is %(limit)s megapixels."
            )
            % {
                "w": number_format(width, force_grouping=True),
                "h": number_format(height, force_grouping=True),
                "mp": number_format(round(width * height / 1_000_000), force_grouping=True),
                "limit": number_format(round(limit / 1_000_000), force_grouping=True),
            },
            "too_many_pixels",
        )


# Decoding and cleaning -----------------------------------------------------

_DAMAGED = (
    "The image could not be read: the file is damaged or incomplete. "
    "Export it again and upload the new file."
)
_UNPROCESSABLE = (
    "This image could not be converted for the web. "
    "Save it as an ordinary JPEG or PNG and upload that file."
)
# What Pillow raises on bad data, besides the bomb guard.
_PIL_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    TypeError,
    KeyError,
    ZeroDivisionError,
    MemoryError,
)


def _open(data: bytes, kind: str) -> PILImage.Image:
    return PILImage.open(io.BytesIO(data), formats=[kind])


def _decode(data: bytes, kind: str, limit: int) -> PILImage.Image:
    """Verify, then decode the first frame; refuse anything that goes wrong."""
    try:
        with _open(data, kind) as probe:
            if probe.format != kind:
                raise _refuse(_(NOT_AN_IMAGE), "not_an_image")
            _check_pixels(probe.width, probe.height, limit)
            probe.verify()
        image = _open(data, kind)
        _check_pixels(image.width, image.height, limit)  # what Pillow found, not only the header
        image.seek(0)
        image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise _refuse(
            _("The image has too many pixels to be opened safely."), "too_many_pixels"
        ) from exc
    except _PIL_ERRORS as exc:  # the bytes began like an image: a damaged one
        raise _refuse(_(_DAMAGED), "damaged") from exc
    return image


_SRGB = None


def _to_srgb(image: PILImage.Image) -> PILImage.Image:
    """Pixels in sRGB, so dropping the colour profile does not shift colours."""
    global _SRGB
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        if _SRGB is None:
            _SRGB = ImageCms.createProfile("sRGB")
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unusable profile: keep the pixels as they are
    return converted if converted is not None else image


def _clean(image: PILImage.Image, kind: str) -> PILImage.Image:
    """Upright, sRGB, first frame, with no metadata left to write."""
    upright = ImageOps.exif_transpose(image) or image
    if kind == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")  # CMYK and YCCK become plain RGB
    elif kind != "JPEG" and upright.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        upright = upright.convert("RGBA")
    upright = _to_srgb(upright)
    # exif_transpose, convert and the colour conversion each return a new
    # image; keep only its pixels (and a palette's transparency): nothing of
    # the upload's EXIF, XMP, ICC profile, comments or text chunks.
    info = upright.info
    upright.info = {"transparency": info["transparency"]} if "transparency" in info else {}
    return upright


def _encode_original(image: PILImage.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, exif=b"")
    elif kind == "PNG":
        image.save(out, "PNG", exif=b"")
    elif kind == "WEBP":
        image.save(out, "WEBP", quality=90, method=4, exif=b"", icc_profile=b"", xmp=b"")
    else:
        image.save(out, "GIF")
    return out.getvalue()


def rendition_widths(width: int) -> list[int]:
    """The rendition widths for an original ``width`` pixels wide: never wider."""
    return [w for w in RENDITION_WIDTHS if w <= width] or [width]


def _encode_rendition(image: PILImage.Image, width: int) -> tuple[bytes, int]:
    height = max(1, round(image.height * width / image.width))
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    source = image.convert("RGBA" if has_alpha else "RGB")
    if width != image.width:
        source = source.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    source.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue(), height


# Storing -------------------------------------------------------------------


@dataclass
class _Written:
    names: list[str]

    def delete(self) -> None:
        for name in self.names:
            try:
                default_storage.delete(name)
            except Exception:  # cleaning up: keep deleting the rest
                log.exception("could not delete %s after a failed upload", name)


def _process(
    data: bytes, max_pixels: int, *, renditions: bool
) -> tuple[str, int, int, bytes, list[tuple[int, bytes, int]]]:
    """Steps 2-6 in memory: the format, the size, the cleaned original and
    (when asked) the renditions."""
    if not data:
        raise _refuse(_("The file is empty."), "empty")
    kind = sniff(data)
    if kind is None:
        raise _refuse(_(NOT_AN_IMAGE), "not_an_image")
    size = declared_size(data, kind)
    if size is None:
        raise _refuse(_(_DAMAGED), "damaged")
    _check_pixels(size[0], size[1], max_pixels)

    decoded = _decode(data, kind, max_pixels)
    try:
        clean = _clean(decoded, kind)
        width, height = clean.size
        original = _encode_original(clean, kind)
        widths = rendition_widths(width) if renditions else []
        made = [(w, *_encode_rendition(clean, w)) for w in widths]
    except _PIL_ERRORS as exc:  # a mode or variant Pillow cannot convert
        log.warning("could not process an accepted %s image: %r", kind, exc)
        raise _refuse(_(_UNPROCESSABLE), "unprocessable") from exc
    finally:
        decoded.close()
    return kind, width, height, original, made


def clean_bytes(data: bytes) -> tuple[str, bytes]:
    """An image's format and its bytes re-encoded with no metadata, in memory:
    the checks and cleaning of :func:`store_upload` without storing anything
    or making an ``Image`` row (the tip line seals the result itself)."""
    kind, _width, _height, original, _none = _process(
        data, settings.NEWSDESK_IMAGE_MAX_PIXELS, renditions=False
    )
    return kind, original


def store_upload(upload: Any, *, user: Any = None, alt: str = "") -> Image:
    """Check, clean and store an uploaded image; return its saved row.

    ``upload`` is a Django ``UploadedFile`` or any binary file-like object.
    Its name and content type are ignored. Raises ``ValidationError`` with a
    message for the person uploading when the file is refused; then nothing
    is stored.
    """
    max_bytes = settings.NEWSDESK_IMAGE_MAX_BYTES
    max_pixels = settings.NEWSDESK_IMAGE_MAX_PIXELS
    alt = clean_alt(alt)
    if len(alt) > MAX_ALT:
        raise ValidationError(
            {"alt": _("Keep the alt text to %(limit)d characters.") % {"limit": MAX_ALT}}
        )
    data = _read_limited(upload, max_bytes)
    kind, width, height, original, renditions = _process(data, max_pixels, renditions=True)

    now = timezone.now()
    stem = f"images/{now:%Y/%m}/{uuid.uuid4().hex}"
    written = _Written([])
    try:
        name = default_storage.save(f"{stem}.{EXTENSIONS[kind]}", ContentFile(original))
        written.names.append(name)
        stored: list[dict[str, Any]] = []
        for r_width, payload, r_height in renditions:
            rendition = default_storage.save(f"{stem}-{r_width}.webp", ContentFile(payload))
            written.names.append(rendition)
            stored.append({"width": r_width, "height": r_height, "name": rendition})
        with transaction.atomic():
            image = Image(
                format=kind,
                width=width,
                height=height,
                bytes=len(original),
                renditions=stored,
                alt=alt,
                uploaded_by=user if user is not None and getattr(user, "pk", None) else None,
                created_at=now,
                sha256=hashlib.sha256(data).hexdigest(),
            )
            image.original.name = name
            image.save()
    except BaseException:
        written.delete()
        raise
    return image
