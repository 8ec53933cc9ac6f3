"""Outgoing deliveries from the outbox: webhooks, hub pings, and their log.

A consumer (webhooks, WebSub) reads outbox events after its ``Cursor`` and
plans one ``Delivery`` per target; the worker sends due deliveries and logs
each try as an ``Attempt``. Deliveries are unique per (consumer, event, key),
so planning the same events twice never sends twice.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.news.models import Event


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _public_event_choices() -> list[tuple[str, str]]:
    return [(value, label) for value, label in Event.Type.choices if value in Event.PUBLIC_TYPES]


class Webhook(models.Model):
    url = models.URLField(
        _("URL"), max_length=2000, help_text=_("Receives a signed JSON POST for each event.")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(
        _("events"), default=list, help_text=_("The event types this receiver wants.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Give this to the receiver; it verifies the Newsdesk-Signature header."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.description or self.url

    @staticmethod
    def event_choices() -> list[tuple[str, str]]:
        return _public_event_choices()


class Cursor(models.Model):
    """The last outbox event a consumer has planned deliveries for."""

    consumer = models.CharField(max_length=40, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.consumer} at #{self.last_event_id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    consumer = models.CharField(_("consumer"), max_length=40)
    key = models.CharField(max_length=300, help_text=_("The target, unique per event."))
    event_id = models.BigIntegerField(_("event"))
    event_type = models.CharField(_("event type"), max_length=40)
    webhook = models.ForeignKey(
        Webhook, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    url = models.URLField(_("URL"), max_length=2000)
    body = models.TextField(_("body"))
    content_type = models.CharField(max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["consumer", "event_id", "key"], name="unique_delivery"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.consumer} #{self.event_id} {self.event_type} -> {self.url}"


class Attempt(models.Model):
    """One try at a delivery, kept for the log in the admin."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("time"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    response = models.TextField(_("start of the response"), blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"
