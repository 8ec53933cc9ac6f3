"""The browser's side of push: its subscription, a CSRF token, the service worker.

- ``POST /push/subscriptions``: ``PushSubscription.toJSON()`` as JSON, with
  the CSRF token in ``X-CSRFToken`` (Django's middleware checks it and the
  Origin); 201 when new, 200 when renewed, 400 with every problem by field.
- ``DELETE /push/subscriptions``: ``{"endpoint": ...}``; 204 whether or not
  it was there, so the answer tells nobody which endpoints exist.
- ``GET /push/token``: the CSRF token for those two, because the Follow page
  is a cached public page and carries no token of its own.
- ``GET /sw.js``: the service worker, from the site's root so its scope is
  the whole site.

Both writes are limited per client address (``NEWSDESK_PUSH_RATE`` a minute)
and refuse bodies over 4 KB; all answers are ``private, no-store``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from . import actions, limits

MAX_BODY = 4096
WORKER = Path(__file__).resolve().parent / "static" / "push" / "sw.js"


def _problem(status: int, message: str, **extra: object) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _body(request: HttpRequest) -> object | JsonResponse:
    if request.content_type != "application/json":
        return _problem(415, _("Send the subscription as application/json."))
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return _problem(413, _("The request is larger than %(limit)d bytes.") % {"limit": MAX_BODY})
    raw = request.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        return _problem(413, _("The request is larger than %(limit)d bytes.") % {"limit": MAX_BODY})
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _problem(400, _("The request is not valid JSON."))


@never_cache
@require_http_methods(["POST", "DELETE"])
def subscriptions(request: HttpRequest) -> HttpResponse:
    wait = limits.retry_after(request)
    if wait is not None:
        response = _problem(
            429, _("Too many changes from this address. Try again in %(wait)d s.") % {"wait": wait}
        )
        response["Retry-After"] = str(wait)
        return response
    data = _body(request)
    if isinstance(data, JsonResponse):
        return data
    try:
        if request.method == "DELETE":
            actions.unsubscribe(data.get("endpoint") if isinstance(data, dict) else None)
            return HttpResponse(status=204)
        _subscription, created = actions.subscribe(data)
    except actions.SubscriptionError as exc:
        return _problem(400, _("The subscription was not accepted."), errors=exc.errors)
    return JsonResponse({"subscribed": True}, status=201 if created else 200)


@never_cache
@require_GET
def token(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"token": get_token(request)})


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker at least daily; no-cache makes them ask each time.
    response["Cache-Control"] = "no-cache"
    return response
