"""Per request: the site's time zone, the client's address for the audit
log, and sessions that must end.

A session remembers the epoch it began in; a role change, a sign-out or a
password change bumps the person's epoch, and every other session of theirs
ends at its next request.

The client's address (``addresses.client_address``: forwarded headers only
from a trusted proxy) is bound for the request, so every audit entry an
action writes on its behalf, on any page or API call, says where it came
from; it is unbound when the response leaves.
"""

from __future__ import annotations

import contextlib
import zoneinfo
from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from newsdesk.news import audit
from newsdesk.site import current as site

from .addresses import client_address
from .models import SessionEpoch

EPOCH_KEY = "newsdesk_epoch"
# Answers for machines: the JSON API speaks UTC (ISO 8601) and names nothing
# from the site settings, so these skip reading them.
MACHINE_PATHS = ("/api/", "/static/", "/media/")


def current_epoch(user_id: int) -> int:
    value = SessionEpoch.objects.filter(user_id=user_id).values_list("epoch", flat=True).first()
    return value or 0


class DeskMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(MACHINE_PATHS):
            current = site.of(request)
            site.set_current(current)
            with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(current.time_zone))
        try:
            with audit.client_address(client_address(request)):
                return self._respond(request)
        finally:
            site.set_current(None)
            timezone.deactivate()

    def _respond(self, request: HttpRequest) -> HttpResponse:
        # Only a request that carries a session can hold a signed-in user.
        if request.session.session_key is not None and request.user.is_authenticated:
            started = request.session.get(EPOCH_KEY, 0)
            if started != current_epoch(request.user.pk):
                logout(request)
        return self.get_response(request)
