"""Signed links: confirm a subscription, manage it, unsubscribe in one click.

Django's ``TimestampSigner`` signs the subscription's id and key with a salt
per purpose, so a confirmation token cannot unsubscribe and a manage token
cannot confirm. A confirmation link expires after
``NEWSDESK_ALERTS_CONFIRM_HOURS``; the links in every message after
``NEWSDESK_ALERTS_LINK_DAYS``. A new subscription for the same address gets a
new key, so links from before an unsubscribe stop working.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.core import signing

from .models import Subscription

Purpose = Literal["confirm", "manage"]


def _signer(purpose: Purpose) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"newsdesk.alerts.{purpose}")


def _max_age(purpose: Purpose) -> timedelta:
    if purpose == "confirm":
        return timedelta(hours=settings.NEWSDESK_ALERTS_CONFIRM_HOURS)
    return timedelta(days=settings.NEWSDESK_ALERTS_LINK_DAYS)


def make(subscription: Subscription, purpose: Purpose) -> str:
    return _signer(purpose).sign(f"{subscription.pk}.{subscription.key}")


def read(token: str, purpose: Purpose) -> Subscription | None:
    """The subscription a valid, unexpired token names, else None."""
    try:
        value = _signer(purpose).unsign(token, max_age=_max_age(purpose))
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    pk, _dot, key = value.partition(".")
    if not pk.isdigit() or len(pk) > 18:
        return None
    return Subscription.objects.filter(pk=int(pk), key=key).first()
