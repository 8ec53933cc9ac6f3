"""What the tip line's tests share: people with and without the tips
permission, and files a tipster might send (a photo with GPS EXIF, a PDF)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from PIL import Image

from newsdesk.tips.actions import set_reader
from tests.desk.conftest import make_user

#: Words that must never be found outside the tip store.
CANARY = "Canary-7f3a: the mayor's driver moves the ballots at 4 am"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% pdf-canary-91c2 \ntrailer<<>>\n%%EOF\n"


def photo_with_exif() -> bytes:
    """A small JPEG carrying GPS coordinates and a camera owner in its EXIF."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = "Artist exif-canary-55d1"  # Artist
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


@pytest.fixture
def reader(db: None) -> User:
    """An editor an admin let read tips."""
    person = make_user("rhea", "editor")
    set_reader(person, allowed=True, user=None)
    return User.objects.get(pk=person.pk)  # a fresh object: no cached permissions


@pytest.fixture
def outsider(db: None) -> User:
    """An editor without the tips permission."""
    return make_user("otto", "editor")
