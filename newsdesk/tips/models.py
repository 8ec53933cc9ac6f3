"""A reader's tip and its files: sealed, with nothing about the sender.

The message, the contact line and each file's name and bytes are sealed
(``crypto.seal``); the rows hold ciphertext, the files under ``tips/`` in
the default storage hold ciphertext under random names. No address, user
agent, cookie or account is kept with a tip. What the desk did with it
(handled, forwarded, drafted) is in clear, and every reading is in the audit
log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tip(models.Model):
    received_at = models.DateTimeField(_("received"), db_index=True)
    message = models.BinaryField()  # sealed, purpose "message"
    contact = models.BinaryField()  # sealed, purpose "contact" (sealed even when empty)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    draft = models.ForeignKey(
        "news.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        # Only reading: every change goes through the actions, never the admin.
        default_permissions = ()
        permissions = [("read_tip", _("Can read the tip line's tips"))]

    def __str__(self) -> str:
        return f"tip {self.pk}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        PDF = "pdf", _("PDF")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    name = models.BinaryField()  # sealed, purpose "file name"
    stored = models.CharField(max_length=200)  # tips/<random>.bin: ciphertext only
    kind = models.CharField(max_length=8, choices=Kind.choices)
    size = models.PositiveIntegerField()  # bytes once cleaned, before sealing

    class Meta:
        ordering = ["id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"file {self.pk} of tip {self.tip_id}"
