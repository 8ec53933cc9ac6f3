"""Credentials for the JSON API: content keys and per-user admin tokens.

Only a SHA-256 digest of each secret is stored; the secret itself is shown
once, when it is made (``newsdesk apitoken``). Secrets are 256 random bits,
so a fast digest is enough: there is nothing to guess from it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    class Kind(models.TextChoices):
        CONTENT = "content", _("content key (read published content)")
        ADMIN = "admin", _("admin token (acts as its user)")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    # The first characters of the secret, to tell tokens apart in lists.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="admin", user__isnull=False)
                | Q(kind="content", user__isnull=True),
                name="api_token_user_matches_kind",
            )
        ]

    def __str__(self) -> str:
        owner = self.user.get_username() if self.user else self.label
        return f"{ApiToken.Kind(self.kind).label} {self.prefix}… ({owner})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
