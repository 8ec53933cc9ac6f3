"""503 instead of a traceback while the database fails (docs/operations.md,
"When the database fails").

Django's ``handler500`` is pointed here. When the error that got here is the
database's (unreachable, read-only, full: ``OperationalError``,
``InterfaceError``, ``InternalError``), the answer is a 503 with
``Retry-After``: a problem document on the API, and for people a plain page
rendered without the database. A form posted to the desk comes back on that
page with what the person typed, and a button that sends it again. Any other
error is Django's ordinary 500.

The response carries an internal header that tells the ASGI front the
database is failing, so that it serves cached pages marked stale until the
live hub reads the events table again.
"""

from __future__ import annotations

import json
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

log = logging.getLogger(__name__)

OUTAGES = (OperationalError, InterfaceError, InternalError)
#: Tells the front the database failed; it removes the header.
UNAVAILABLE_HEADER = "X-Newsdesk-Unavailable"
#: Posted fields never echoed back into a page.
SECRET_FIELDS = ("password", "token", "secret", "otp", "code")


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if not isinstance(exc, OUTAGES):
        return defaults.server_error(request)
    log.warning("database unavailable: %s %s answered 503 (%s)",
                request.method, request.path, type(exc).__name__)  # fmt: skip
    response = _problem() if request.path.startswith("/api/") else _page(request)
    response["Retry-After"] = str(settings.NEWSDESK_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response[UNAVAILABLE_HEADER] = "1"
    return response


def _problem() -> HttpResponse:
    body = {
        "type": "urn:newsdesk:problem:unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "detail": _(
            "The newsroom's database is not answering. Nothing was changed: "
            "send the request again after the time in Retry-After."
        ),
        "errors": [],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=503, content_type="application/problem+json"
    )


def _page(request: HttpRequest) -> HttpResponse:
    fields: list[tuple[str, str]] = []
    token = ""
    if request.method == "POST" and request.path.startswith("/desk/"):
        try:
            for name, values in request.POST.lists():
                if name == "csrfmiddlewaretoken":
                    token = values[0] if values else ""
                elif not any(secret in name.lower() for secret in SECRET_FIELDS):
                    fields.extend((name, value) for value in values)
        except Exception:  # an unreadable body: show the plain page
            log.warning("database unavailable: the posted form could not be read", exc_info=True)
            fields = []
    html = render_to_string(
        "server/unavailable.html",
        {
            "fields": fields,
            "action": request.get_full_path(),
            "csrf": token,
            "retry_after": settings.NEWSDESK_RETRY_AFTER,
        },
    )
    return HttpResponse(html, status=503)
