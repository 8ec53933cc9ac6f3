"""Conditional GET for pages and feeds: ETag, Last-Modified, 304, Cache-Control.

Everything a reader sees changes only through an action, which writes a
public outbox event (``newsdesk.news.state``). So the validators of every
public page are derived from the newest public event id, plus what the
response also depends on: the URL, the active language and the settings
that shape the output.

The ETag is weak: relative times ("5 min ago") make two renderings of the
same content differ by a few bytes, and that is what weak means.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from newsdesk.news.state import State, read_state, state_of

__all__ = ["State", "conditional", "read_state", "state_of", "validators"]

View = Callable[..., HttpResponseBase]

try:
    _VERSION = importlib.metadata.version("newsdesk")
except importlib.metadata.PackageNotFoundError:  # running from a bare checkout
    _VERSION = "source"


def _output_settings() -> str:
    """The settings a page or feed is rendered from, so a change of them revalidates."""
    names = (
        "NEWSDESK_SITE_NAME",
        "NEWSDESK_SITE_URL",
        "NEWSDESK_PAGE_SIZE",
        "NEWSDESK_FEED_SIZE",
        "NEWSDESK_WEBSUB_HUB",
        "NEWSDESK_LOGO_URL",
        "TIME_ZONE",
        "STATIC_URL",
    )
    return "|".join([_VERSION, *(str(getattr(settings, n, "")) for n in names)])


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


def validators(request: HttpRequest, state: State | None = None) -> Validators:
    state = state or state_of(request)
    key = "\n".join(
        [
            _output_settings(),
            request.get_full_path(),
            get_language() or "",
            str(state.last_event),
        ]
    )
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    return Validators(f'W/"{digest}"', state.last_modified)


def public_cache(response: HttpResponseBase) -> None:
    """Cache-Control for anything every reader gets alike."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.NEWSDESK_CACHE_MAX_AGE,
        stale_while_revalidate=settings.NEWSDESK_CACHE_STALE,
    )


def cache_headers(response: HttpResponseBase, found: Validators) -> None:
    response.headers["ETag"] = found.etag
    if found.last_modified is not None:
        response.headers["Last-Modified"] = http_date(found.last_modified.timestamp())
    public_cache(response)


def conditional(view: View) -> View:
    """Answer GET and HEAD with 304 when the reader's copy is current.

    A 304 carries the same ETag, Last-Modified, Cache-Control and Vary as the
    200 would. Only 200 answers get validators: an error is not cacheable.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        found = validators(request)
        modified = found.last_modified
        early = get_conditional_response(
            request,
            etag=found.etag,
            last_modified=int(modified.timestamp()) if modified else None,
        )
        if early is not None:
            cache_headers(early, found)
            return early
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            cache_headers(response, found)
        return response

    return wrapped
