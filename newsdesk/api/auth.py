"""Who is calling: nobody, a content key or an admin token; and how often.

Credentials travel only in ``Authorization: Bearer <secret>``. They are never
logged: messages name a token by its id and prefix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security.http import HttpAuthBase

from . import ratelimit, tokens
from .models import ApiToken
from .problems import Problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Caller:
    kind: str  # "anonymous", "content" or "admin"
    token: ApiToken | None = None

    @property
    def user(self) -> Any:
        return self.token.user if self.token is not None else None

    def describe(self) -> str:
        if self.token is None:
            return "anonymous"
        return f"{self.kind} token {self.token.pk} ({self.token.prefix}…)"


def _limit(request: HttpRequest, caller: Caller) -> None:
    if caller.token is None:
        identity = "addr:" + request.META.get("REMOTE_ADDR", "")
        limit = settings.NEWSDESK_API_RATE_ANONYMOUS
    else:
        identity = f"token:{caller.token.pk}"
        limit = (
            settings.NEWSDESK_API_RATE_ADMIN
            if caller.kind == ApiToken.Kind.ADMIN
            else settings.NEWSDESK_API_RATE_CONTENT
        )
    wait = ratelimit.retry_after(identity, limit)
    if wait is not None:
        raise Problem(
            429,
            _("Too many requests: at most %(limit)d a minute. Try again in %(wait)d s.")
            % {"limit": limit, "wait": wait},
            headers={"Retry-After": str(wait)},
        )


class _Bearer(HttpAuthBase):
    openapi_type = "http"
    openapi_scheme = "bearer"
    admin = False

    def __call__(self, request: HttpRequest) -> Caller:
        header = request.headers.get("Authorization", "")
        if not header:
            if self.admin:
                raise Problem(
                    401,
                    _("The Admin API needs a token: send Authorization: Bearer <token>."),
                )
            if settings.NEWSDESK_API_CONTENT_KEYS_REQUIRED:
                raise Problem(
                    401,
                    _("This API needs a content key: send Authorization: Bearer <key>."),
                )
            caller = Caller("anonymous")
        else:
            scheme, _space, secret = header.strip().partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise Problem(401, _("Send the token as Authorization: Bearer <token>."))
            token = tokens.find(secret.strip())
            if token is None:
                # Guesses count against the address, like anonymous reads.
                _limit(request, Caller("anonymous"))
                raise Problem(401, _("This token is not valid: it may have been revoked."))
            if self.admin and token.kind != ApiToken.Kind.ADMIN:
                log.warning(
                    "api: %s %s denied to %s",
                    request.method,
                    request.path,
                    Caller(token.kind, token).describe(),
                )
                raise Problem(
                    403,
                    _(
                        "A content key only reads the Content API; the Admin API needs an "
                        "admin token."
                    ),
                )
            caller = Caller(token.kind, token)
        _limit(request, caller)
        return caller


class ContentKey(_Bearer):
    """A content key or an admin token; none at all unless keys are required."""

    openapi_description = (
        "A content key (ndc_...) or an admin token (nda_...). Optional unless the server "
        "sets NEWSDESK_API_CONTENT_KEYS_REQUIRED."
    )


class AdminToken(_Bearer):
    """An admin token: the API acts as its user, with that user's role."""

    admin = True
    openapi_description = "An admin token (nda_...), made with `newsdesk apitoken create USER`."
