"""Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from collections.abc import Callable
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
# One step either side: a phone's clock a little off, or a code typed as it turned over.
DRIFT_STEPS = 1
SECRET_BYTES = 20  # 160 bits, the HMAC-SHA-1 block RFC 4226 recommends
# Read at each check, so tests can hold time still across steps.
clock: Callable[[], float] = time.time


def new_secret() -> str:
    """A random secret in the base32 form authenticator apps take."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def step_at(moment: float) -> int:
    return int(moment // STEP_SECONDS)


def code_for_step(secret: str, step: int, digits: int = DIGITS) -> str:
    """RFC 4226's HOTP value for one counter, which RFC 6238 takes from the clock."""
    digest = hmac.new(_key(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def matching_step(
    secret: str, code: str, *, after_step: int | None, now: float | None = None
) -> int | None:
    """The step whose code this is, within the allowed drift and later than `after_step`.

    Steps at or before `after_step` were already used: a code seen once cannot be replayed.
    """
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    current = step_at(clock() if now is None else now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(code_for_step(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from a QR code."""
    label = quote(f"{issuer}:{account}", safe="@:")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        }
    )
    return f"otpauth://totp/{label}?{query}"
