from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from newsdesk.site import current as site_settings


def site(request: HttpRequest) -> dict[str, Any]:
    current = site_settings.of(request)
    return {
        "site_name": current.name,
        "site_url": settings.NEWSDESK_SITE_URL,
        "site_description": current.description,
        "site_logo": current.logo_url,
        "site_logo_width": current.logo_width,
        "site_logo_height": current.logo_height,
        "site_default_author_id": current.default_author_id,
        "site_contact": current.contact_line,
        "time_zone": current.time_zone,
        "site_time_zone": current.time_zone,
    }
