"""TOTP second factors (RFC 6238) with pyotp; each code works once."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import SecondFactor

STEP = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    return pyotp.TOTP(secret, interval=STEP).provisioning_uri(name=username, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG (no request leaves the page)."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, omitsize=False))


def _clean(code: str) -> str:
    return "".join(code.split())


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step the code belongs to (this one or its neighbours), if any."""
    code = _clean(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    now = time.time() if now is None else now
    totp = pyotp.TOTP(secret, interval=STEP)
    step = int(now // STEP)
    for candidate in (step, step - 1, step + 1):
        if pyotp.utils.strings_equal(totp.at(candidate * STEP), code):
            return candidate
    return None


def verify(factor: SecondFactor, code: str, now: float | None = None) -> bool:
    """Accept a code once: a step already used (or older) is refused."""
    step = matching_step(factor.secret, code, now)
    if step is None:
        return False
    with transaction.atomic():
        updated = SecondFactor.objects.filter(pk=factor.pk, last_step__lt=step).update(
            last_step=step
        )
    return updated == 1


def has_confirmed(user: Any) -> bool:
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def confirm(factor: SecondFactor, code: str) -> bool:
    if not verify(factor, code):
        return False
    factor.confirmed_at = timezone.now()
    factor.save(update_fields=["confirmed_at"])
    return True


def issuer() -> str:
    return settings.NEWSDESK_SITE_NAME
