"""Making, finding and revoking API credentials."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.utils import timezone

from .models import ApiToken

PREFIXES = {ApiToken.Kind.CONTENT: "ndc_", ApiToken.Kind.ADMIN: "nda_"}
#: How stale ``last_used_at`` may get before a request writes it again; a
#: write on every request would queue readers behind SQLite's write lock.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_secret(value: str) -> bool:
    return value.startswith(tuple(PREFIXES.values()))


def create(kind: str, *, user: Any = None, label: str = "") -> tuple[ApiToken, str]:
    """A new credential and its secret, which is never stored and never shown again."""
    secret = PREFIXES[ApiToken.Kind(kind)] + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        kind=kind, user=user, label=label, prefix=secret[:12], digest=digest(secret)
    )
    return token, secret


def find(secret: str) -> ApiToken | None:
    """The active credential with this secret, or None. Marks it used."""
    if not looks_like_secret(secret) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    if token.kind == ApiToken.Kind.ADMIN and not (token.user and token.user.is_active):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke(token: ApiToken) -> bool:
    """Revoke ``token``; False when it already was."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return True
