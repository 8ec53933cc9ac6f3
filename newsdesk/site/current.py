"""The site settings in force: the admin's row over the environment defaults.

Kept in each process and read again when the newest public event moves:
changing the settings is an action that writes one (``site.updated``), which
also drops every cached page in every process through the outbox, so a
change shows on the next render everywhere.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest

from newsdesk.images.models import Image
from newsdesk.news.models import Author
from newsdesk.news.state import state_of

from .models import SiteSettings, language_codes

#: The logo's box in the page header, in CSS pixels: the logo is drawn as
#: large as fits (never larger than it is), keeping its shape, so a wide one
#: never pushes a phone's page sideways.
LOGO_BOX = (200, 48)


@dataclass(frozen=True)
class Site:
    name: str
    description: str
    logo_url: str
    contact_line: str
    time_zone: str
    language: str
    require_admin_second_factor: bool
    logo_width: int = 0
    logo_height: int = 0
    default_author_id: int | None = None
    wire_sources_editors_only: bool = False
    #: Every language the site publishes in, the default (``language``) first.
    languages: tuple[str, ...] = ()

    @property
    def all_languages(self) -> tuple[str, ...]:
        return self.languages or (self.language,)


def _defaults() -> Site:
    return Site(
        name=settings.NEWSDESK_SITE_NAME,
        description="",
        logo_url="",
        contact_line="",
        time_zone=settings.TIME_ZONE,
        language=settings.LANGUAGE_CODE,
        require_admin_second_factor=False,
    )


def load() -> Site:
    base = _defaults()
    try:
        row = SiteSettings.objects.filter(pk=1).first()
    except DatabaseError:  # not migrated yet, or the database is away
        return base
    if row is None:
        return base
    width, height = _logo_size(row)
    return Site(
        name=row.site_name or base.name,
        description=row.description,
        logo_url=row.logo.url if row.logo else "",
        contact_line=row.contact_line,
        time_zone=row.time_zone or base.time_zone,
        language=row.language or base.language,
        require_admin_second_factor=row.require_admin_second_factor,
        logo_width=width,
        logo_height=height,
        default_author_id=row.default_author_id,
        wire_sources_editors_only=row.wire_sources_editors_only,
        languages=_languages(row.language or base.language, row.languages),
    )


def _languages(default: str, listed: str) -> tuple[str, ...]:
    """The default language, then the others listed in the settings."""
    others = [code for code in language_codes(listed) if code.lower() != default.lower()]
    return (default, *others)


def _logo_size(row: SiteSettings) -> tuple[int, int]:
    """The logo's size in the header box (0, 0 without a logo).

    A logo stored through the image pipeline has its size on its ``Image``
    row; an older one is measured from its file.
    """
    if not row.logo:
        return 0, 0
    known = Image.objects.filter(original=row.logo.name).values_list("width", "height").first()
    try:
        width, height = known or (row.logo.width, row.logo.height)
    except (OSError, ValueError, TypeError):  # the file is gone or unreadable
        return 0, 0
    if not width or not height:
        return 0, 0
    scale = min(1.0, LOGO_BOX[0] / width, LOGO_BOX[1] / height)  # never blown up
    return max(1, round(width * scale)), max(1, round(height * scale))


def default_author(site: Site) -> Author | None:
    """The desk's own author (its card stands in for a missing byline), read now."""
    if site.default_author_id is None:
        return None
    return Author.objects.select_related("avatar").filter(pk=site.default_author_id).first()


_local = threading.local()


def current() -> Site:
    """The settings of the request this thread is answering (set by the
    desk middleware), else read now: feeds, JSON-LD and sitemaps use this."""
    site = getattr(_local, "site", None)
    return site if site is not None else load()


def set_current(site: Site | None) -> None:
    _local.site = site


_loaded_lock = threading.Lock()
_loaded: tuple[tuple[object, ...], Site] | None = None


def of(request: HttpRequest) -> Site:
    """The settings for this request.

    Kept in the process and read again only when the newest public event
    moves (a settings change writes one); the state is read once per request
    anyway, for the validators.
    """
    global _loaded
    site = getattr(request, "_newsdesk_site", None)
    if site is not None:
        return site
    # The environment's defaults are part of the key: a test (or a reload)
    # that changes them sees them at once.
    state = state_of(request)
    key = (
        # The time as well: an id alone can come back to a value it had (a
        # restored backup) with other settings.
        state.last_event,
        state.event_at,
        settings.NEWSDESK_SITE_NAME,
        settings.TIME_ZONE,
        settings.LANGUAGE_CODE,
    )
    with _loaded_lock:
        known = _loaded
    if known is not None and known[0] == key:
        site = known[1]
    else:
        site = load()
        with _loaded_lock:
            _loaded = (key, site)
    request._newsdesk_site = site  # type: ignore[attr-defined]
    return site
