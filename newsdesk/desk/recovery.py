"""Recovery codes: ten one-use codes that stand in for the authenticator app.

They are shown once, when the factor is confirmed or when the person makes
new ones (which ends the old ones), and kept only as hashes made by Django's
PBKDF2 hasher. Each is ten characters from 31 unambiguous ones (49 bits),
so a modest iteration count keeps checking all ten quick while an offline
guess stays out of reach. The sign-in's second step accepts one in place of
a code, through the same throttle.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.utils import timezone

from .models import RecoveryCode, SecondFactor

COUNT = 10
LENGTH = 10
# No 0/o, 1/l/i: nothing to misread from paper.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class _Hasher(PBKDF2PasswordHasher):
    iterations = 20_000


_hasher = _Hasher()


def _normalise(text: str) -> str | None:
    code = "".join(text.split()).replace("-", "").lower()
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def _shown(code: str) -> str:
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def make(factor: SecondFactor) -> list[str]:
    """Ten new codes for ``factor``, as the person should write them down;
    the old ones stop working."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(factor=factor).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(factor=factor, digest=_hasher.encode(code, _hasher.salt()))
            for code in codes
        )
    return [_shown(code) for code in codes]


def left(factor: SecondFactor) -> int:
    return RecoveryCode.objects.filter(factor=factor, used_at__isnull=True).count()


def use(factor: SecondFactor, text: str) -> int | None:
    """Spend the matching unused code: the number left after it, or ``None``
    when nothing matches (or it was used already)."""
    code = _normalise(text)
    if code is None:
        return None
    for pk, digest in RecoveryCode.objects.filter(factor=factor, used_at__isnull=True).values_list(
        "pk", "digest"
    ):
        if _hasher.verify(code, digest):
            spent = RecoveryCode.objects.filter(pk=pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
            return left(factor) if spent == 1 else None
    return None
