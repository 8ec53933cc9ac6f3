"""System checks: a bad configuration stops start-up with a fix, not a 3 a.m. page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.compatibility)
def check_environment(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = [
        Error(message, hint=hint, id=check_id)
        for check_id, message, hint in getattr(settings, "NEWSDESK_CONFIG_ERRORS", [])
    ]
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "NEWSDESK_ALLOWED_HOSTS is empty, so every request would be refused.",
                hint="Set NEWSDESK_ALLOWED_HOSTS to the host names readers use, "
                "comma-separated (e.g. news.example.org).",
                id="newsdesk.E010",
            )
        )
    if not settings.NEWSDESK_SITE_URL.startswith(("http://", "https://")):
        messages.append(
            Error(
                f"NEWSDESK_SITE_URL={settings.NEWSDESK_SITE_URL!r} is not an absolute URL.",
                hint="Set NEWSDESK_SITE_URL to the public address, e.g. https://news.example.org.",
                id="newsdesk.E011",
            )
        )
    if len(settings.SECRET_KEY) < 32:
        messages.append(
            Warning(
                "NEWSDESK_SECRET_KEY is shorter than 32 characters.",
                hint="Unset it to have one generated under the data directory, or set a "
                "long random value.",
                id="newsdesk.W001",
            )
        )
    return messages
