"""Real image files made with Pillow, and storage in a temporary MEDIA_ROOT."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Django's default storage writes under a fresh directory."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def encode(
    fmt: str, size: tuple[int, int] = (2000, 1200), mode: str = "RGB", **params: Any
) -> bytes:
    """A real image: a gradient, so encoders have something to work with."""
    ramp = PILImage.linear_gradient("L")
    image = PILImage.merge(
        "RGB", (ramp.resize(size), ramp.rotate(90).resize(size), PILImage.new("L", size, 128))
    ).convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def gps_exif() -> PILImage.Exif:
    """EXIF with a camera, an orientation and a GPS position (51.5 N, 0.12 W)."""
    exif = PILImage.Exif()
    exif[0x010F] = "CanonTest"  # Make
    exif[0x0110] = "Secret Camera"  # Model
    exif[0x0131] = "PhotoTool 1.0"  # Software
    gps = {
        1: "N",
        2: (51.0, 30.0, 0.0),
        3: "W",
        4: (0.0, 7.0, 12.0),
    }
    exif[0x8825] = gps  # GPSInfo IFD
    return exif


def png_declaring(width: int, height: int) -> bytes:
    """A tiny, well-formed PNG whose IHDR declares ``width`` x ``height`` (valid CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture
def upload() -> Callable[..., SimpleUploadedFile]:
    def make(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> Any:
        return SimpleUploadedFile(name, data, content_type=content_type)

    return make
