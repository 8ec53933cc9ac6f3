"""Views name what a cached page depends on (see ``store.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.http import HttpResponseBase

from . import surrogate

R = TypeVar("R", bound=HttpResponseBase)

HEADER = "X-Newsdesk-Deps"
ALL = "all"
#: Every cached page depends on this: the site settings, and the authors and
#: tags that appear on nearly every page.
SITE = "site"


def article(pk: int) -> str:
    return f"article:{pk}"


def tag(slug: str) -> str:
    return f"tag:{slug}"


def author(slug: str) -> str:
    return f"author:{slug}"


#: The list of open live coverages (the strip on the News Feed).
COVERAGES = "coverages"


def coverage(slug: str) -> str:
    """A live coverage's page and feeds, and the pages that name it ("Part of")."""
    return f"coverage:{slug}"


def language(code: str) -> str:
    """A language's own News Feed and feeds (``/uk/``)."""
    return f"language:{code.lower()}"


def translations(group: int) -> str:
    """The pages of an update and its translations (each links to the others)."""
    return f"translations:{group}"


def depends_on(response: R, deps: Iterable[str]) -> R:
    """Mark a response as cacheable by the front, dropped when ``deps`` change."""
    names = sorted(set(deps))
    if names and response.status_code == 200:
        names = sorted({*names, SITE})
        # Slugs may be non-ASCII: the header carries their UTF-8 bytes (Django
        # encodes header strings as latin-1), which the front decodes as UTF-8
        # and strips; no one else ever sees it.
        response.headers[HEADER] = " ".join(names).encode().decode("latin-1")
        # The same names for the caches in front (Fastly, Cloudflare, Varnish).
        for name, value in surrogate.headers(names).items():
            response.headers[name] = value
    return response
