"""Security headers Django 5.2 does not set itself.

The Content-Security-Policy allows no frames (``frame-src 'none'``) unless a
view names the origins its page may frame: an article embedding a post lists
exactly its providers' frame origins (``news/embeds.py``), which the reader's
click on "Load post" then loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

_ORIGIN = re.compile(r"^https://[a-z0-9.-]+$")


def allow_frames(response: HttpResponseBase, origins: Iterable[str]) -> None:
    """Let this page frame these ``https://host`` origins (and nothing else)."""
    response.frame_origins = sorted(o for o in set(origins) if _ORIGIN.match(o))  # type: ignore[attr-defined]


def policy(frame_origins: Iterable[str] = ()) -> str:
    """The site's CSP with ``frame-src`` for these origins (``'none'`` without)."""
    frames = " ".join(frame_origins) or "'none'"
    return f"{settings.NEWSDESK_CSP}; frame-src {frames}"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", policy(getattr(response, "frame_origins", ()))
        )
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response
