"""Uploaded images: a cleaned original and its WebP renditions.

Files live in Django's default storage (``var/media`` unless ``STORAGES``
says otherwise); rows are written only by
:func:`newsdesk.images.processing.store_upload`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def absolute(url: str) -> str:
    """A storage URL as an absolute one: ``/media/...`` gets the site's address."""
    return settings.NEWSDESK_SITE_URL + url if url.startswith("/") else url


class Image(models.Model):
    class Format(models.TextChoices):
        JPEG = "JPEG", "JPEG"
        PNG = "PNG", "PNG"
        WEBP = "WEBP", "WebP"
        GIF = "GIF", "GIF"

    original = models.FileField(_("original"), max_length=200)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    bytes = models.PositiveIntegerField(_("size in bytes"))
    # [{"width": 480, "height": 320, "name": "images/2026/11/<uuid>-480.webp"}, ...],
    # narrowest first, all WebP, in the same storage as the original.
    renditions = models.JSONField(_("renditions"), default=list)
    alt = models.CharField(_("default alt text"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Of the bytes as uploaded, to find the same file uploaded twice.
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return f"{self.original.name} ({self.width}×{self.height})"

    @property
    def url(self) -> str:
        """The cleaned original's URL."""
        return default_storage.url(self.original.name)

    def _sized(self) -> list[dict[str, Any]]:
        return sorted(self.renditions or [], key=lambda r: int(r["width"]))

    def rendition(self, width: int = 960) -> dict[str, Any] | None:
        """The narrowest rendition at least ``width`` wide (else the widest one)."""
        sized = self._sized()
        if not sized:
            return None
        return next((r for r in sized if int(r["width"]) >= width), sized[-1])

    def src(self, width: int = 960) -> str:
        """The URL of :meth:`rendition` (the original's when there is none)."""
        chosen = self.rendition(width)
        return default_storage.url(chosen["name"]) if chosen else self.url

    def srcset(self) -> str:
        """``url 480w, url 960w, url 1600w`` for an ``<img srcset>``."""
        return ", ".join(
            f"{default_storage.url(r['name'])} {int(r['width'])}w" for r in self._sized()
        )

    def files(self) -> list[str]:
        """Every stored file name: the original and the renditions."""
        return [self.original.name, *(r["name"] for r in self.renditions or [])]

    def as_json(self, alt: str = "") -> dict[str, Any]:
        """The image for the API, feeds and events: absolute URLs, sizes, alt text."""
        return {
            "id": self.pk,
            "url": absolute(self.url),
            "src": absolute(self.src(960)),
            "srcset": ", ".join(
                f"{absolute(default_storage.url(r['name']))} {int(r['width'])}w"
                for r in self._sized()
            ),
            "alt": alt or self.alt,
            "width": self.width,
            "height": self.height,
            "format": self.format,
        }
