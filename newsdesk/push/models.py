"""Browser push subscriptions and the messages planned for them.

A ``PushSubscription`` is what a browser's ``PushManager.subscribe()``
handed us: the push service's endpoint (a capability URL: whoever knows it
can send to that browser, so it is never logged) and the keys its messages
are encrypted to (RFC 8291). Nothing else about the reader is kept.

A ``PushMessage`` is the notification one outbox event calls for (kept
once, however many browsers receive it); a ``PushDelivery`` is that message
for one subscription, planned in the same transaction that moves the push
cursor; the unique (subscription, message) pair makes planning twice
harmless. Deleting
a subscription (the reader turned alerts off, or the push service answered
404/410) deletes its pending deliveries with it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PushSubscription(models.Model):
    endpoint = models.URLField(_("endpoint"), max_length=1024, unique=True)
    #: The browser's P-256 public key, 65 bytes uncompressed, base64url.
    p256dh = models.CharField(_("public key"), max_length=100)
    #: The 16-byte authentication secret, base64url.
    auth = models.CharField(_("authentication secret"), max_length=30)
    created_at = models.DateTimeField(_("created at"))
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    #: Failed attempts since the last success.
    failures = models.PositiveIntegerField(_("failures"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return f"push subscription {self.pk}"


class PushMessage(models.Model):
    event_id = models.BigIntegerField(_("event"), unique=True)
    #: The notification as JSON (headline, lede, link); encrypted per browser when sent.
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("push message")
        verbose_name_plural = _("push messages")

    def __str__(self) -> str:
        return f"push message for event #{self.event_id}"


class PushDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.ForeignKey(PushMessage, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("push delivery")
        verbose_name_plural = _("push deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "message"], name="unique_push_delivery"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="push_due_idx")]

    def __str__(self) -> str:
        return f"push message {self.message_id} -> subscription {self.subscription_id}"
