"""The desk's own records: site settings, second factors, the audit log,
login failures (for throttling), autosaved drafts and session epochs.

Articles themselves live in ``newsdesk.news`` and change only through its
actions; nothing here writes them.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _known_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("%(value)s is not a known time zone; use a name such as Europe/London."),
            params={"value": value},
        ) from exc


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
    require_admin_second_factor = models.BooleanField(
        _("admins must use a second factor"),
        default=False,
        help_text=_("Admins without an authenticator app are sent to set one up first."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))


class SecondFactor(models.Model):
    """A TOTP authenticator for one person (RFC 6238, 30 s steps, 6 digits)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step a code was accepted for: a code works once.
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"second factor for {self.user_id}"


class SessionEpoch(models.Model):
    """Bumped when a person's role changes or they sign out everywhere:
    sessions that began in an earlier epoch end at their next request."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_epoch"
    )
    epoch = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id} epoch {self.epoch}"


class LoginFailure(models.Model):
    """One failed sign-in, kept for the throttle window (per account and per address)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at}"


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("failed sign-in")
        LOGIN_THROTTLED = "login_throttled", _("sign-in throttled")
        LOGOUT = "logout", _("signed out")
        SECOND_FACTOR = "second_factor", _("second factor changed")
        PASSWORD = "password", _("password changed")
        PUBLISH = "publish", _("published")
        SCHEDULE = "schedule", _("scheduled")
        CORRECT = "correct", _("corrected")
        UNPUBLISH = "unpublish", _("unpublished")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")
        RESTORE = "restore", _("restored a revision")
        ROLE = "role", _("role changed")
        SETTINGS = "settings", _("site settings changed")

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept even if the account is deleted later.
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"


class Autosave(models.Model):
    """The composer's unsaved work, kept server-side every few seconds.

    It never touches the article: saving is a deliberate act that goes
    through the actions (and the version check). ``article`` is null for an
    update not saved even once.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    article = models.ForeignKey(
        "news.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The article version the work was based on.
    version = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_autosave_per_article"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="one_new_autosave",
            ),
        ]

    def __str__(self) -> str:
        return f"autosave {self.user_id}/{self.article_id}"
