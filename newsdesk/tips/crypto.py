"""Tips and their files are sealed with AES-256-GCM under a key from the
environment, never from the database.

``NEWSDESK_TIPS_KEY`` holds one or more keys (base64url, 32 bytes each,
comma-separated): the first seals, every one opens, so a key is rotated by
putting the new one first and either dropping the old one once the retention
period has removed every tip it sealed, or at once after ``newsdesk tips
reseal`` has sealed everything again with the new one. Without the variable, in development, a key
is generated into the data directory beside the secret key (mode 0600); in
production (``NEWSDESK_SECURE``) the system check ``newsdesk.E070`` refuses
to start without one.

A sealed value is ``b"t1" + key id (4 bytes) + nonce (12 bytes) + ciphertext``.
The key id (the first bytes of the key's SHA-256) says which key to open it
with, so a missing key is named as missing rather than failing as garbage;
the purpose (``message``, ``contact``, ``file``...) is the associated data,
so a sealed value cannot be moved to another field unnoticed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

VERSION = b"t1"
KEY_BYTES = 32
NONCE_BYTES = 12
ID_BYTES = 4
HEADER = len(VERSION) + ID_BYTES + NONCE_BYTES
KEY_FILE = "tips_key"


class TipKeyError(Exception):
    """The key is missing, malformed, or not the one a value was sealed with."""


def new_key() -> str:
    """A fresh key as ``NEWSDESK_TIPS_KEY`` takes it."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def parse_keys(value: str) -> list[bytes]:
    """The keys of a ``NEWSDESK_TIPS_KEY`` value; :class:`TipKeyError` says what is wrong."""
    keys = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != KEY_BYTES:
            raise TipKeyError(
                "NEWSDESK_TIPS_KEY holds a value that is not a 32-byte key in base64url. "
                "Make one with `newsdesk tips newkey`."
            )
        keys.append(raw)
    if not keys:
        raise TipKeyError("NEWSDESK_TIPS_KEY is empty. Make a key with `newsdesk tips newkey`.")
    return keys


def _development_key() -> str:
    """The key in the data directory, made on first use (like the secret key)."""
    path = settings.DATA_DIR / KEY_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = new_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


def configured() -> str:
    """The keys' text: the environment's, or in development the generated one."""
    if settings.NEWSDESK_TIPS_KEY:
        return str(settings.NEWSDESK_TIPS_KEY)
    if settings.SECURE:
        raise TipKeyError(
            "NEWSDESK_TIPS_KEY is not set. Production keeps the tips key in the "
            "environment only: set it to the output of `newsdesk tips newkey`."
        )
    return _development_key()


@lru_cache(maxsize=4)
def _keys(text: str) -> tuple[tuple[bytes, AESGCM], ...]:
    return tuple((key_id(k), AESGCM(k)) for k in parse_keys(text))


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:ID_BYTES]


def seal(plain: bytes, purpose: str) -> bytes:
    """``plain`` encrypted under the first key, bound to ``purpose``."""
    kid, cipher = _keys(configured())[0]
    nonce = secrets.token_bytes(NONCE_BYTES)
    return VERSION + kid + nonce + cipher.encrypt(nonce, plain, purpose.encode())


def unseal(sealed: bytes, purpose: str) -> bytes:
    """The plain bytes of a sealed value; :class:`TipKeyError` if no key opens it."""
    sealed = bytes(sealed)
    if len(sealed) < HEADER + 16 or not sealed.startswith(VERSION):
        raise TipKeyError("This is not a sealed tip value: it is damaged or was never sealed.")
    kid = sealed[len(VERSION) : len(VERSION) + ID_BYTES]
    nonce = sealed[len(VERSION) + ID_BYTES : HEADER]
    for candidate, cipher in _keys(configured()):
        if candidate != kid:
            continue
        try:
            return cipher.decrypt(nonce, sealed[HEADER:], purpose.encode())
        except InvalidTag as exc:
            raise TipKeyError(
                "The sealed value does not match its key: it was changed or damaged."
            ) from exc
    raise TipKeyError(
        f"This was sealed with a key NEWSDESK_TIPS_KEY no longer holds (key id {kid.hex()}). "
        "Put that key back after the current one."
    )


def is_current(sealed: bytes) -> bool:
    """Whether ``sealed`` was sealed with the key that seals now (the first)."""
    kid = bytes(sealed)[len(VERSION) : len(VERSION) + ID_BYTES]
    return kid == _keys(configured())[0][0]


def reseal(sealed: bytes, purpose: str) -> bytes:
    """The same plain value sealed again with the first key."""
    return seal(unseal(sealed, purpose), purpose)


def seal_text(text: str, purpose: str) -> bytes:
    return seal(text.encode(), purpose)


def unseal_text(sealed: bytes, purpose: str) -> str:
    return unseal(sealed, purpose).decode()
