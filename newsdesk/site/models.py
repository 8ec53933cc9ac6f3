"""The site's own settings: one row the admins edit through the actions.

Shaped like ``django.contrib.sites``: a model, a loader that keeps the
settings in force per process (``current.py``), the action that changes
them (``actions.py``) and the admin page.
"""

from __future__ import annotations

import zoneinfo

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _known_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # OSError: a folder of the zone database, such as "Europe", is not a zone.
        raise ValidationError(
            _("%(value)s is not a known time zone; use a name such as Europe/London."),
            params={"value": value},
        ) from exc


def language_codes(value: str) -> list[str]:
    """``"uk, EN, pt_br"`` as ``["uk", "en", "pt-BR"]``: in order, each once."""
    codes: list[str] = []
    for part in value.replace(";", ",").replace(" ", ",").split(","):
        code = _bcp47(part.strip().replace("_", "-"))
        if code and code not in codes:
            codes.append(code)
    return codes


def _bcp47(code: str) -> str:
    """The usual spelling: ``pt-br`` is ``pt-BR``, ``zh-hans`` is ``zh-Hans``."""
    first, *rest = code.split("-")
    parts = [first.lower()]
    for part in rest:
        if len(part) == 2:
            parts.append(part.upper())
        elif len(part) == 4:
            parts.append(part.title())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def _known_languages(value: str) -> None:
    unknown = [code for code in language_codes(value) if code.lower() not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("%(codes)s: not a language code we know; use codes such as uk, en or pt-br."),
            params={"codes": ", ".join(unknown)},
        )


class SiteSettings(models.Model):
    """One row (pk 1): what the newsroom calls itself and how it shows times.

    Empty fields fall back to the environment settings (NEWSDESK_SITE_NAME,
    NEWSDESK_TIME_ZONE, NEWSDESK_LANGUAGE), so a fresh install needs no row.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    site_name = models.CharField(_("site name"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="site/",
        blank=True,
        help_text=_("Shown in the page header; PNG, JPEG or WebP."),
    )
    contact_line = models.CharField(
        _("desk contact line"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the tips form and in the footer, e.g. how to reach the desk."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[_known_zone]
    )
    language = models.CharField(
        _("default language"),
        max_length=16,
        blank=True,
        help_text=_("For new updates, e.g. en or en-GB."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        validators=[_known_languages],
        help_text=_(
            "Every language the desk publishes in, separated by commas, e.g. uk, en. "
            "The default language is always one of them."
        ),
    )
    default_author = models.ForeignKey(
        "news.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("default author"),
        help_text=_("The desk's own card, for updates that name no author."),
    )
    require_admin_second_factor = models.BooleanField(
        _("admins must use a second factor"),
        default=False,
        help_text=_("Admins without an authenticator app are sent to set one up first."),
    )
    wire_sources_editors_only = models.BooleanField(
        _("only editors manage wire sources"),
        default=False,
        help_text=_(
            "Contributors still read the wire and draft from it, but only editors add, "
            "change or remove its sources."
        ),
    )
    tips_retention_days = models.PositiveSmallIntegerField(
        _("days tips are kept"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Tips and their files are deleted this many days after they arrive "
            "(1 to 3650); a draft made from one stays."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table kept its name when the settings moved here from the desk.
        db_table = "desk_sitesettings"
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))
