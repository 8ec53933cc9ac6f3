"""Dependency keys for the caches in front: Fastly, Cloudflare and Varnish.

Every page the page cache may keep names its dependencies (``deps.py``); the
same names go out as ``Surrogate-Key`` (Fastly), ``Cache-Tag`` (Cloudflare)
and ``xkey`` (Varnish's xkey vmod), whichever ``NEWSDESK_SURROGATE_HEADERS``
lists, so that the purge consumer (``newsdesk.hooks.purge``) can drop exactly
the pages an outbox event moves. A key is the dependency with everything but
ASCII letters, digits and ``:-._~`` percent-encoded (UTF-8), so a Київ tag is
a header-safe key, and the purge names it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from django.conf import settings

#: Header (lower case) -> the separator its cache reads between keys.
SEPARATORS = {"surrogate-key": " ", "cache-tag": ",", "xkey": " "}
#: How each header is spelt on the wire.
SPELLING = {"surrogate-key": "Surrogate-Key", "cache-tag": "Cache-Tag", "xkey": "xkey"}


def key(dep: str) -> str:
    """The header-safe key of one dependency (the same in headers and purges)."""
    return quote(dep, safe=":-._~")


def keys(deps: Iterable[str]) -> list[str]:
    return sorted({key(dep) for dep in deps})


def headers(deps: Iterable[str]) -> dict[str, str]:
    """The configured surrogate headers for a page with these dependencies."""
    names = keys(deps)
    if not names:
        return {}
    return {
        SPELLING[header]: SEPARATORS[header].join(names)
        for header in settings.NEWSDESK_SURROGATE_HEADERS
        if header in SPELLING  # others are refused at start-up (checks.py)
    }
