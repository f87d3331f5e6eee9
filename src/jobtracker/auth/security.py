"""Password hashing (argon2id) and session tokens (HS256 JWTs)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from jobtracker.db import utcnow

ALGORITHM = "HS256"
_hasher = PasswordHasher()  # argon2id with the library's OWASP-aligned defaults


@cache
def _unknown_email_hash() -> str:
    """Verified against when the email is unknown, so both failures take the same time.

    Made on the first such sign-in rather than at import: a hash takes ~0.1 s and 64 MiB,
    which every process start would pay.
    """
    return _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return (
            _hasher.verify(password_hash or _unknown_email_hash(), password)
            and password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    token_version: int
    token_id: str
    expires_at: datetime


def issue_token(user_id: int, token_version: int, secret: str, lifetime: timedelta) -> str:
    now = utcnow()
    claims = {
        "sub": str(user_id),
        "ver": token_version,
        "jti": secrets.token_urlsafe(16),
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, secret: str) -> TokenClaims | None:
    """The token's claims, or None when it is forged, expired, malformed or of another algorithm."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],  # pinned: "none" and every other algorithm are refused
            options={"require": ["sub", "ver", "jti", "exp", "iat"]},
        )
        return TokenClaims(
            int(claims["sub"]),
            int(claims["ver"]),
            str(claims["jti"]),
            datetime.fromtimestamp(int(claims["exp"]), UTC),
        )
    except (jwt.InvalidTokenError, ValueError, TypeError):
        return None


def csrf_token_for(token_id: str, secret: str) -> str:
    """The CSRF token bound to one session: a keyed hash of the session's token id."""
    return hmac.new(secret.encode(), f"csrf:{token_id}".encode(), hashlib.sha256).hexdigest()


def csrf_matches(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected, given)
