"""Uploaded media in the embedded shape (``/media/...``)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Django's file view over ``MEDIA_ROOT`` as it is now, not at import.

    File names are generated (``images/2026/11/<uuid>.jpg``) and typed by
    extension; ``SecurityMiddleware`` adds ``X-Content-Type-Options: nosniff``
    so a browser never reads one as anything else.
    """
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
