"""The WebSub callback the wire's hubs call: ``/wire/push/<token>/``.

Public by necessity (hubs do not sign in) and answered by the token in the
path and the HMAC signature on each delivery (push.py, pushed.py). Never
cached, never CSRF-checked (hubs post no token), bounded in size.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import push, pushed


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def push_callback(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    if len(token) > 64:
        return HttpResponse(status=404)
    if request.method == "GET":
        answer = push.verify(token, request.GET, now)
    else:
        limit = settings.NEWSDESK_WIRE_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(status=400)
        if declared > limit:
            return HttpResponse(status=413)
        body = request.read(limit + 1)
        if len(body) > limit:
            return HttpResponse(status=413)
        answer = pushed.receive(
            token,
            body,
            request.headers.get("X-Hub-Signature", ""),
            request.headers.get("Content-Type", ""),
            now,
        )
    return HttpResponse(answer.body, status=answer.status, content_type="text/plain; charset=utf-8")
