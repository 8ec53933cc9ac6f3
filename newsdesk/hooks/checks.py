"""System checks for the delivery settings."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.compatibility)
def check_delivery_settings(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for entry in settings.NEWSDESK_WEBHOOK_ALLOW:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            messages.append(
                Error(
                    f"NEWSDESK_WEBHOOK_ALLOW has {entry!r}, which is not an IP address or network.",
                    hint="List addresses or networks, comma-separated, e.g. "
                    "127.0.0.1,10.20.0.0/16; host names are not accepted (they can change).",
                    id="newsdesk.E030",
                )
            )
    return messages
