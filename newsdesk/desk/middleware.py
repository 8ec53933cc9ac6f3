"""Per request: the site's time zone, the interface language, the client's
address for the audit log, and sessions that must end.

The language is never read from the browser (no ``Accept-Language``, no
cookie): the reader site speaks the site settings' language, so one URL is
one page for the page cache and for Varnish, and a settings change drops
every cached page anyway (``site.updated``). The desk (``/desk``, Django's
admin) speaks the signed-in person's own choice (``actions.set_desk_language``),
else the site's. Both go through ``site.interface``: a language without a
catalogue shows the interface in English. Machine answers (``/api/``) speak
``NEWSDESK_LANGUAGE``'s.

A session remembers the epoch it began in; a role change, a sign-out or a
password change bumps the person's epoch, and every other session of theirs
ends at its next request.

The client's address (``net.clients.client_address``: forwarded headers only
from a trusted proxy) is bound for the request, so every audit entry an
action writes on its behalf, on any page or API call, says where it came
from (never on the tip line: ``ops.logs.NO_ADDRESSES``); it is unbound when
the response leaves.
"""

from __future__ import annotations

import contextlib
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from newsdesk.net.clients import client_address
from newsdesk.news import audit
from newsdesk.ops.logs import may_log_address
from newsdesk.site import current as site
from newsdesk.site.interface import interface_language

from .models import DeskLanguage, SessionEpoch

EPOCH_KEY = "newsdesk_epoch"
# Answers for machines: the JSON API speaks UTC (ISO 8601) and names nothing
# from the site settings, so these skip reading them.
MACHINE_PATHS = ("/api/", "/static/", "/media/")
# Pages in the signed-in person's own language.
DESK_PATHS = ("/desk", "/admin/")


def current_epoch(user_id: int) -> int:
    value = SessionEpoch.objects.filter(user_id=user_id).values_list("epoch", flat=True).first()
    return value or 0


def _desk_language(user_id: int) -> str:
    found = DeskLanguage.objects.filter(user_id=user_id).values_list("language", flat=True)
    return found.first() or ""


class DeskMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = interface_language(settings.LANGUAGE_CODE)
        if not request.path_info.startswith(MACHINE_PATHS):
            current = site.of(request)
            site.set_current(current)
            with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(current.time_zone))
            language = interface_language(current.language)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            # Never for the tip line: nothing there may record where a reader is.
            address = client_address(request) if may_log_address(request.path_info) else None
            with audit.client_address(address):
                response = self._respond(request)
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            site.set_current(None)
            timezone.deactivate()
            translation.deactivate()

    def _respond(self, request: HttpRequest) -> HttpResponse:
        # Only a request that carries a session can hold a signed-in user.
        if request.session.session_key is not None and request.user.is_authenticated:
            started = request.session.get(EPOCH_KEY, 0)
            if started != current_epoch(request.user.pk):
                logout(request)
            elif request.path_info.startswith(DESK_PATHS):
                own = _desk_language(request.user.pk)
                if own:
                    translation.activate(interface_language(own))
                    request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
