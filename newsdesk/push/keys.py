"""The VAPID key pair (RFC 8292) that signs every push request.

Push services remember the public key a browser subscribed with and accept
only requests signed by its private half, so the key must not change while
subscriptions live. It comes from ``NEWSDESK_VAPID_PRIVATE_KEY`` (the
base64url 32-byte form ``web-push generate-vapid-keys`` prints, or a PEM),
else from ``vapid_private_key.pem`` in the data directory, generated there
on first use like the secret key (mode 0600; two processes racing keep the
first one written). The public key is served to the Follow page as
``applicationServerKey``.
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "vapid_private_key.pem"
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Base64url with or without padding; raises ValueError on anything else."""
    cleaned = text.strip()
    if not cleaned or any(c not in _ALPHABET for c in cleaned.rstrip("=")):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(cleaned.rstrip("=") + "=" * (-len(cleaned.rstrip("=")) % 4))


def _from_text(text: str) -> ec.EllipticCurvePrivateKey:
    if "BEGIN" in text:
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
            raise ValueError("the PEM key is not a P-256 (prime256v1) key")
        return key
    raw = b64url_decode(text)
    if len(raw) != 32:
        raise ValueError(f"a raw key is 32 bytes, this one is {len(raw)}")
    return ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _from_file(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        return _from_text(path.read_text())
    except FileNotFoundError:
        pass
    key = ec.generate_private_key(ec.SECP256R1())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return _from_text(path.read_text())
    with os.fdopen(fd, "wb") as handle:
        handle.write(_pem(key))
    return key


@functools.lru_cache(maxsize=4)
def _load(from_env: str, data_dir: str) -> ec.EllipticCurvePrivateKey:
    if from_env:
        try:
            return _from_text(from_env)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"NEWSDESK_VAPID_PRIVATE_KEY is not a usable P-256 private key ({exc}). "
                "Set it to the base64url private key `web-push generate-vapid-keys` prints, "
                "or a PEM, or unset it to keep a generated key in the data directory."
            ) from exc
    try:
        return _from_file(Path(data_dir) / KEY_FILE)
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"The VAPID key file {Path(data_dir) / KEY_FILE} cannot be read or written ({exc}). "
            "Set NEWSDESK_VAPID_PRIVATE_KEY, or make NEWSDESK_DATA_DIR writable."
        ) from exc


def private_key() -> ec.EllipticCurvePrivateKey:
    return _load(settings.NEWSDESK_VAPID_PRIVATE_KEY, str(settings.DATA_DIR))


def public_key() -> str:
    """The public key, uncompressed and base64url: the page's ``applicationServerKey``."""
    point = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return b64url(point)
