"""System checks for the caches in front: surrogate headers and the purger."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .surrogate import SPELLING

PURGERS = ("none", "varnish", "fastly", "cloudflare")
#: What each purger needs, by setting name.
NEEDS = {
    "varnish": ("NEWSDESK_PURGE_VARNISH_URLS",),
    "fastly": (
        "NEWSDESK_PURGE_FASTLY_API",
        "NEWSDESK_PURGE_FASTLY_SERVICE",
        "NEWSDESK_PURGE_FASTLY_TOKEN",
    ),
    "cloudflare": (
        "NEWSDESK_PURGE_CLOUDFLARE_API",
        "NEWSDESK_PURGE_CLOUDFLARE_ZONE",
        "NEWSDESK_PURGE_CLOUDFLARE_TOKEN",
    ),
}
URLS = {
    "NEWSDESK_PURGE_VARNISH_URLS",
    "NEWSDESK_PURGE_FASTLY_API",
    "NEWSDESK_PURGE_CLOUDFLARE_API",
}


@register(Tags.compatibility)
def check_front_caches(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    known = ", ".join(SPELLING.values())
    for name in settings.NEWSDESK_SURROGATE_HEADERS:
        if name not in SPELLING:
            messages.append(
                Error(
                    f"NEWSDESK_SURROGATE_HEADERS has {name!r}, which no cache in front reads.",
                    hint=f"List some of {known}, comma-separated (empty sends none).",
                    id="newsdesk.E040",
                )
            )
    purger = settings.NEWSDESK_PURGE
    if purger not in PURGERS:
        messages.append(
            Error(
                f"NEWSDESK_PURGE={purger!r} is not one of {', '.join(PURGERS)}.",
                hint=f"Set NEWSDESK_PURGE to one of {', '.join(PURGERS)}.",
                id="newsdesk.E041",
            )
        )
        return messages
    for setting in NEEDS.get(purger, ()):
        value = getattr(settings, setting)
        if not value:
            messages.append(
                Error(
                    f"NEWSDESK_PURGE={purger} needs {setting}.",
                    hint=f"Set {setting} (docs/operations.md, Caches in front), "
                    "or NEWSDESK_PURGE=none.",
                    id="newsdesk.E041",
                )
            )
        elif setting in URLS:
            for url in value if isinstance(value, list) else [value]:
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    messages.append(
                        Error(
                            f"{setting} has {url!r}, which is not an http(s) URL.",
                            hint="Give the full URL, e.g. http://127.0.0.1:6081/.",
                            id="newsdesk.E042",
                        )
                    )
    if purger != "none":
        wanted = {"varnish": "xkey", "fastly": "surrogate-key", "cloudflare": "cache-tag"}[purger]
        if wanted not in settings.NEWSDESK_SURROGATE_HEADERS:
            messages.append(
                Error(
                    f"NEWSDESK_PURGE={purger} purges by the {SPELLING[wanted]} header, "
                    "which NEWSDESK_SURROGATE_HEADERS leaves out.",
                    hint=f"Add {SPELLING[wanted]} to NEWSDESK_SURROGATE_HEADERS.",
                    id="newsdesk.E040",
                )
            )
    return messages
