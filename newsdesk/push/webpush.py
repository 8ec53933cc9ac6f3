"""One Web Push request: the message encrypted to one browser, signed by us.

- RFC 8291: the body is encrypted with ``aes128gcm`` (RFC 8188) to the
  subscription's P-256 key and authentication secret, from a fresh key pair
  and salt per message, in one record; the push service cannot read it.
- RFC 8292: ``Authorization: vapid t=<JWT>, k=<our public key>``, the JWT
  (ES256) naming the push service's origin (``aud``), a contact (``sub``)
  and an expiry within 24 hours.
- RFC 8030: ``TTL`` (how long the service may hold it for an offline
  browser), ``Urgency: high`` (breaking news wakes a sleeping phone) and
  ``Topic``, one per event, so a retry replaces a copy still waiting at the
  service instead of arriving beside it.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

import http_ece
import httpx
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid.jwt import sign

from . import keys

#: RFC 8291: a push message body is at most 4096 bytes once encrypted; the
#: record adds 86 bytes of header, 16 of tag and 1 of padding delimiter.
MAX_PLAINTEXT = 4096 - 86 - 16 - 1
JWT_LIFETIME = 12 * 3600
REUSE_SECONDS = 3600


@dataclass(frozen=True)
class Request:
    url: str
    headers: dict[str, str]
    body: bytes


def encrypt(message: bytes, p256dh: str, auth: str) -> bytes:
    if len(message) > MAX_PLAINTEXT:
        raise ValueError(f"a push message holds at most {MAX_PLAINTEXT} bytes")
    return http_ece.encrypt(
        message,
        salt=os.urandom(16),
        private_key=ec.generate_private_key(ec.SECP256R1()),
        dh=keys.b64url_decode(p256dh),
        auth_secret=keys.b64url_decode(auth),
        version="aes128gcm",
    )


def subject() -> str:
    """Who push services may contact about our messages (``sub``)."""
    return settings.NEWSDESK_VAPID_SUBJECT or settings.NEWSDESK_SITE_URL


_signed: dict[tuple[str, str, str], tuple[float, str]] = {}
_signing = threading.Lock()


def authorization(endpoint: str, now: float | None = None) -> str:
    """``vapid t=<JWT>, k=<public key>`` for the endpoint's push service.

    A token is good for 12 hours; one is signed per push service and reused
    for an hour, so a breaking alert to many browsers signs a handful, not
    one per browser."""
    url = httpx.URL(endpoint)
    origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
    when = now or time.time()
    public = keys.public_key()
    key = (origin, subject(), public)
    with _signing:
        found = _signed.get(key)
        if found is not None and when - found[0] < REUSE_SECONDS:
            return found[1]
    claims = {"aud": origin, "exp": int(when + JWT_LIFETIME), "sub": subject()}
    value = f"vapid t={sign(claims, keys.private_key())}, k={public}"
    with _signing:
        _signed[key] = (when, value)
    return value


def build(endpoint: str, p256dh: str, auth: str, message: bytes, topic: str) -> Request:
    """The request that hands ``message`` to the push service for one browser."""
    return Request(
        url=endpoint,
        headers={
            "Authorization": authorization(endpoint),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(settings.NEWSDESK_PUSH_TTL),
            "Urgency": "high",
            "Topic": topic,
        },
        body=encrypt(message, p256dh, auth),
    )
