"""System checks for browser push: a VAPID key or contact that push services
would refuse stops start-up with a fix, instead of every message failing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from . import keys


@register(Tags.compatibility)
def check_push(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if settings.NEWSDESK_VAPID_PRIVATE_KEY:  # a key file is generated on first use
        try:
            keys.private_key()
        except ImproperlyConfigured as exc:
            messages.append(
                Error(
                    str(exc),
                    hint="`npx web-push generate-vapid-keys` prints a private key to use.",
                    id="newsdesk.E081",
                )
            )
    subject = settings.NEWSDESK_VAPID_SUBJECT
    if (
        subject
        and not (subject.startswith("mailto:") and "@" in subject)
        and not (subject.startswith("https://"))
    ):
        messages.append(
            Error(
                f"NEWSDESK_VAPID_SUBJECT={subject!r} is neither a mailto: nor an https: URI.",
                hint="Set it to a contact push services can reach, e.g. "
                "mailto:desk@news.example.org or https://news.example.org/contact.",
                id="newsdesk.E082",
            )
        )
    return messages
