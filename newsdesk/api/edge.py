"""What every API address does around ninja's views: refuse credentials in
the query string, answer HEAD like GET, and give GET answers an ETag, a 304
when it matches, and their Cache-Control."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .problems import MEDIA_TYPE, Problem, response
from .tokens import looks_like_secret

View = Callable[..., HttpResponseBase]

#: Query parameters that look like someone putting a credential in the address.
CREDENTIAL_NAMES = frozenset(
    {"token", "key", "api_key", "apikey", "access_token", "auth", "authorization", "bearer"}
)


def credential_in_query(request: HttpRequest) -> bool:
    for name, values in request.GET.lists():
        if name.lower() in CREDENTIAL_NAMES or looks_like_secret(name):
            return True
        if any(looks_like_secret(v) for v in values):
            return True
    return False


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    strip = lambda tag: tag.removeprefix("W/")  # noqa: E731  (weak comparison, RFC 9110)
    return strip(etag) in {strip(t) for t in parse_etags(header)}


def _cache_control(request: HttpRequest, answer: HttpResponseBase) -> None:
    if request.path.startswith("/api/admin/"):
        patch_cache_control(answer, private=True, no_store=True)
    elif "Authorization" in request.headers or settings.NEWSDESK_API_CONTENT_KEYS_REQUIRED:
        patch_cache_control(answer, private=True, max_age=settings.NEWSDESK_CACHE_MAX_AGE)
    else:
        patch_cache_control(
            answer,
            public=True,
            max_age=settings.NEWSDESK_CACHE_MAX_AGE,
            stale_while_revalidate=settings.NEWSDESK_CACHE_STALE,
        )
    patch_vary_headers(answer, ("Authorization",))


def edge(view: View) -> View:
    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if credential_in_query(request):
            return response(
                Problem(
                    401,
                    _(
                        "Credentials never go in the address, where logs and browser "
                        "history keep them. Send Authorization: Bearer <token>, and "
                        "revoke a token that was sent in an address."
                    ),
                )
            )
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            answer = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if answer.status_code == 405 and answer.get("Content-Type") != MEDIA_TYPE:
            allowed = answer.get("Allow", "")
            answer = response(
                Problem(405, _("This address answers only %(methods)s.") % {"methods": allowed})
            )
            answer["Allow"] = allowed
            return answer
        if request.method not in ("GET", "HEAD") or answer.status_code != 200:
            return answer
        if not isinstance(answer, HttpResponse):  # a streamed answer has no ETag
            return answer
        etag = '"' + hashlib.blake2b(answer.content, digest_size=16).hexdigest() + '"'
        answer["ETag"] = etag
        _cache_control(request, answer)
        if _matches(request.headers.get("If-None-Match", ""), etag):
            unchanged = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control", "Vary"):
                unchanged[name] = answer[name]
            return unchanged
        if head:
            answer["Content-Length"] = str(len(answer.content))
            answer.content = b""
        return answer

    return wrapped
