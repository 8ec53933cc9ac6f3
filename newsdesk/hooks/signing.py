"""Webhook signatures: HMAC-SHA256 over the timestamp and the exact body.

Each delivery attempt carries

    Newsdesk-Timestamp: 1767225600
    Newsdesk-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>

A receiver recomputes the HMAC over the raw body it received, compares in
constant time, and refuses a timestamp more than five minutes from its own
clock, so a captured request cannot be replayed later. The body's ``id`` (the
outbox event id) is the same on every retry: receivers deduplicate on it.
"""

from __future__ import annotations

import hashlib
import hmac

TOLERANCE_SECONDS = 300
TIMESTAMP_HEADER = "Newsdesk-Timestamp"
SIGNATURE_HEADER = "Newsdesk-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(
    secret: str,
    body: bytes,
    timestamp: str,
    signature_header: str,
    now: float,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: a valid signature over a recent timestamp."""
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, sent, body), signature_header)
