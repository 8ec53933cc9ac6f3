"""System checks for the tip line: no production start without its key."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .crypto import TipKeyError, parse_keys


@register(Tags.security)
def check_tips_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not settings.NEWSDESK_TIPS_KEY:
        if not settings.SECURE:
            return []  # development: a key is made in the data directory on first use
        return [
            Error(
                "NEWSDESK_TIPS_KEY is not set, so tips could not be sealed.",
                hint="Set NEWSDESK_TIPS_KEY to the output of `newsdesk tips newkey`, in the "
                "environment of every web process and worker; keep a copy outside the "
                "server, since tips cannot be read without it.",
                id="newsdesk.E070",
            )
        ]
    try:
        parse_keys(settings.NEWSDESK_TIPS_KEY)
    except TipKeyError as exc:
        return [
            Error(
                str(exc),
                hint="Each comma-separated key is 32 random bytes in base64url.",
                id="newsdesk.E071",
            )
        ]
    return []
