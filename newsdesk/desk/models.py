"""The desk's own records: second factors and their recovery codes, login
failures (for throttling), autosaved drafts, session epochs and each
person's desk language. The site
settings live in ``newsdesk.site`` and the audit log in ``newsdesk.news``,
beside the actions that write them.

Articles themselves live in ``newsdesk.news`` and change only through its
actions; nothing here writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


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


class RecoveryCode(models.Model):
    """One of ten codes that stand in for the authenticator app, once each (a
    lost phone). Only a hash is kept (``desk.recovery``); making new codes
    deletes the old ones, and so does removing the factor."""

    factor = models.ForeignKey(
        SecondFactor, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk} for {self.factor_id}"


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


class DeskLanguage(models.Model):
    """The language one person's desk speaks, chosen on their account page
    (``actions.set_desk_language``). Without a row the desk speaks the
    site's language; the reader site always does."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_language"
    )
    language = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.user_id} desk in {self.language}"
