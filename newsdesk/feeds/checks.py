"""System checks for the feed settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.compatibility)
def check_feed_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    hub = settings.NEWSDESK_WEBSUB_HUB
    messages: list[CheckMessage] = []
    if hub and not hub.startswith(("https://", "http://")):
        messages.append(
            Error(
                f"NEWSDESK_WEBSUB_HUB={hub!r} is not an http(s) URL.",
                hint="Set it to the hub's publish endpoint, e.g. https://hub.example.org/, "
                "or unset it to run without WebSub.",
                id="newsdesk.E020",
            )
        )
    logo = settings.NEWSDESK_LOGO_URL
    if logo and not logo.startswith(("https://", "http://")):
        messages.append(
            Error(
                f"NEWSDESK_LOGO_URL={logo!r} is not an absolute http(s) URL.",
                hint="Give the full address of the publisher logo, or unset it to use "
                "the built-in one.",
                id="newsdesk.E021",
            )
        )
    return messages
