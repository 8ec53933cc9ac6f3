"""E-mail alerts: who asked for what, what the desk sent, and each message.

A ``Subscription`` is one address and its choices; its state changes only
through ``alerts.actions`` (the one door). An ``Alert`` is one reason to
write (a breaking update, a correction to one, a day's digest), planned once
from the outbox. A ``Message`` is one e-mail to one subscription, unique per
(subscription, alert), so planning again never sends twice; its id makes
the stable Message-ID a retry or a resend after a crash carries again.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.news.models import Tag


def new_key() -> str:
    return secrets.token_urlsafe(12)


class Subscription(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        STOPPED = "stopped", _("Stopped after failures")

    address = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    #: Part of every signed link: a new subscription for the same address
    #: (after unsubscribing) gets a new key, so old links stop working.
    key = models.CharField(max_length=32, default=new_key)
    language = models.CharField(_("language"), max_length=20)
    breaking = models.BooleanField(_("breaking updates"), default=True)
    digest = models.BooleanField(_("daily digest"), default=False)
    digest_hour = models.PositiveSmallIntegerField(_("digest hour"), default=7)
    tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("tags"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    failures = models.PositiveSmallIntegerField(_("permanent failures in a row"), default=0)
    created_at = models.DateTimeField(_("created at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        indexes = [models.Index(fields=["state", "breaking"], name="alerts_sub_breaking_idx")]

    def __str__(self) -> str:
        return f"subscription {self.pk} ({self.state})"


class Alert(models.Model):
    """One reason to write to subscribers, planned once (``key`` is unique)."""

    class Kind(models.TextChoices):
        BREAKING = "breaking", _("Breaking update")
        CORRECTION = "correction", _("Correction")
        DIGEST = "digest", _("Daily digest")

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    event_id = models.BigIntegerField(_("event"), null=True, blank=True)
    article_id = models.BigIntegerField(null=True, blank=True)
    #: What the message says: the event's public payload, or a digest's window.
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("created at"))
    #: Subscriptions are planned in id order; the highest planned so far.
    planned_through = models.BigIntegerField(default=0)
    planned = models.BooleanField(default=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return self.key


class Message(models.Model):
    """One e-mail to one address: a confirmation, or one alert."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirmation")
        MANAGE = "manage", _("Link to manage")
        ALERT = "alert", _("Alert")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="messages"
    )
    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.ALERT)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    #: host:pid of the sending process while it holds the message, and until when.
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("alert message")
        verbose_name_plural = _("alert messages")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "alert"], name="alerts_one_message_per_alert"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at", "id"], name="alerts_msg_due_idx")
        ]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.kind}, {self.state})"
