"""The one door for push subscriptions: subscribe, unsubscribe, expire.

What a browser sends is ``PushSubscription.toJSON()``:
``{"endpoint": ..., "expirationTime": null, "keys": {"p256dh": ..., "auth": ...}}``.
It is checked strictly before anything is stored: an https endpoint (http
only to an address ``NEWSDESK_PUSH_ALLOW`` names, for a test push service),
no user name or password in it, an IP address only if the SSRF guard would
let a message reach it, a P-256 point of 65 bytes and a 16-byte secret,
no other fields. Every problem is reported at once, keyed by field.

Subscribing the same endpoint again replaces its keys (a browser renews
them); the endpoint is the only identity, so whoever holds it may also
unsubscribe it. Nothing about the reader is logged: log lines name the
subscription's id only.
"""

from __future__ import annotations

import ipaddress
import logging
from datetime import datetime
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.net.guard import PUSH, Refused, allowlist, check_address

from . import keys
from .models import PushSubscription

log = logging.getLogger(__name__)

MAX_ENDPOINT = 1024
FIELDS = frozenset({"endpoint", "expirationTime", "keys"})
KEY_FIELDS = frozenset({"p256dh", "auth"})


class SubscriptionError(Exception):
    """What is wrong with a subscription, by field (``errors``)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _endpoint_problem(endpoint: object) -> str | None:
    if not isinstance(endpoint, str) or not endpoint:
        return _("The subscription has no endpoint.")
    if len(endpoint) > MAX_ENDPOINT:
        return _("The endpoint is longer than %(limit)d characters.") % {"limit": MAX_ENDPOINT}
    try:
        url = httpx.URL(endpoint)
    except httpx.InvalidURL:
        return _("The endpoint is not a URL.")
    if url.userinfo or not url.host or url.fragment:
        return _("The endpoint must be a plain https URL.")
    try:
        address = ipaddress.ip_address(url.host)
    except ValueError:
        address = None
    allowed = allowlist(PUSH)
    listed = address is not None and any(
        address.version == n.version and address in n for n in allowed
    )
    if url.scheme != "https" and not (url.scheme == "http" and listed):
        return _("The endpoint must be an https URL.")
    if address is not None:
        try:
            check_address(address, allowed, PUSH)
        except Refused:
            return _("The endpoint points into a private network.")
    return None


def _decoded(value: object, size: int) -> bytes | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        raw = keys.b64url_decode(value)
    except ValueError:
        return None
    return raw if len(raw) == size else None


def clean(data: object) -> dict[str, str]:
    """The endpoint and keys of a browser's subscription, or SubscriptionError."""
    if not isinstance(data, dict):
        raise SubscriptionError({"subscription": _("Send the subscription as a JSON object.")})
    errors: dict[str, str] = {}
    unknown = sorted(str(k) for k in set(data) - FIELDS)
    if unknown:
        errors["subscription"] = _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)}
    problem = _endpoint_problem(data.get("endpoint"))
    if problem:
        errors["endpoint"] = problem
    expires = data.get("expirationTime")
    if expires is not None and (isinstance(expires, bool) or not isinstance(expires, int | float)):
        errors["expirationTime"] = _("expirationTime must be a number or null.")
    given = data.get("keys")
    if not isinstance(given, dict) or set(given) != KEY_FIELDS:
        errors["keys"] = _("The subscription needs exactly the keys p256dh and auth.")
    else:
        point = _decoded(given["p256dh"], 65)
        try:
            if point is None:
                raise ValueError
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        except ValueError:
            errors["p256dh"] = _("p256dh must be a P-256 public key: 65 bytes, base64url.")
        if _decoded(given["auth"], 16) is None:
            errors["auth"] = _("auth must be a 16-byte secret, base64url.")
    if errors:
        raise SubscriptionError(errors)
    assert isinstance(given, dict)
    return {
        "endpoint": str(data["endpoint"]),
        "p256dh": keys.b64url(keys.b64url_decode(given["p256dh"])),
        "auth": keys.b64url(keys.b64url_decode(given["auth"])),
    }


def subscribe(data: Any, now: datetime | None = None) -> tuple[PushSubscription, bool]:
    """Store a browser's subscription (or renew its keys); returns it and whether it is new."""
    fields = clean(data)
    with transaction.atomic():
        found, created = PushSubscription.objects.select_for_update().get_or_create(
            endpoint=fields["endpoint"],
            defaults={**fields, "created_at": now or timezone.now()},
        )
        if not created and (found.p256dh, found.auth) != (fields["p256dh"], fields["auth"]):
            found.p256dh, found.auth, found.failures = fields["p256dh"], fields["auth"], 0
            found.save(update_fields=["p256dh", "auth", "failures"])
    log.info(
        "push subscription %s %s",
        found.pk,
        "added" if created else "renewed",
        extra={"push_subscription_id": found.pk},
    )
    return found, created


def unsubscribe(endpoint: object) -> bool:
    """Forget the subscription at ``endpoint``; whether there was one."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise SubscriptionError({"endpoint": _("The subscription has no endpoint.")})
    with transaction.atomic():
        found = PushSubscription.objects.filter(endpoint=endpoint).first()
        if found is None:
            return False
        pk = found.pk
        found.delete()
    log.info("push subscription %s removed by its browser", pk, extra={"push_subscription_id": pk})
    return True


def expire(subscription_id: int, status: int) -> None:
    """The push service says the subscription is gone (404, 410): forget it
    and every message still planned for it."""
    with transaction.atomic():
        PushSubscription.objects.filter(pk=subscription_id).delete()
    log.info(
        "push subscription %s expired (%s from its push service)",
        subscription_id,
        status,
        extra={"push_subscription_id": subscription_id},
    )
