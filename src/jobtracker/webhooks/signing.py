"""Webhook secrets (made, sealed for storage, opened to sign) and the signature header.

A receiver verifies a delivery like this (the README shows it in full):

    t, v1 = the values of X-JobTracker-Signature ("t=1765120000,v1=5f2c...")
    expected = HMAC-SHA256(key=the secret as UTF-8, message=f"{t}." + the raw body bytes)
    accept if hex(expected) == v1 (compared in constant time) and t is within 5 minutes of now
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken

from jobtracker.config import Settings

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix, not a secret
HINT_LENGTH = 4
SIGNATURE_HEADER = "X-JobTracker-Signature"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hint(secret: str) -> str:
    return secret[-HINT_LENGTH:]


def _fernet(settings: Settings) -> Fernet:
    # A key of its own, derived from the signing secret, so no other sealed value opens with it.
    key = hmac.new(
        settings.signing_secret().encode(), b"webhook signing secret", hashlib.sha256
    ).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def open_sealed(settings: Settings, sealed: str) -> str | None:
    """The secret; None when it can't be opened (the instance's JWT_SECRET has changed)."""
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-JobTracker-Signature value for a body sent at `timestamp` (Unix seconds)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"
