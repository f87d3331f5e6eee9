"""Known devices (OWASP's device cookie): a browser that has signed in to an account before.

After a full sign-in the browser gets a long-lived cookie signed with the instance's secret and
bound to the account. Failed sign-ins that carry it are counted per device, not against the
account, and it gets its owner past an account locked by someone else's guesses; it never
stands in for the password or the second factor. Nothing is stored: rotating the secret
forgets every device.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from fastapi import Request, Response
from sqlalchemy.orm import Session

from jobtracker.auth import service
from jobtracker.auth.models import User
from jobtracker.config import Settings

DEVICE_COOKIE = "jt_device"
DEVICE_DAYS = 365


@dataclass(frozen=True)
class KnownDevice:
    user_id: int
    device_id: str


def _signature(payload: str, secret: str) -> str:
    # A purpose prefix, so no other value signed with the secret can pass as a device cookie.
    return hmac.new(secret.encode(), f"device:{payload}".encode(), hashlib.sha256).hexdigest()


def device_cookie(device: KnownDevice, secret: str, *, now: float | None = None) -> str:
    expires = int((time.time() if now is None else now) + DEVICE_DAYS * 86_400)
    payload = f"{device.user_id}.{device.device_id}.{expires}"
    return f"{payload}.{_signature(payload, secret)}"


def read_device_cookie(value: str | None, secret: str) -> KnownDevice | None:
    """The device the cookie names, or None when it is missing, forged, malformed or expired."""
    if not value or len(value) > 200:
        return None
    payload, _, signature = value.rpartition(".")
    if not hmac.compare_digest(_signature(payload, secret), signature):
        return None
    parts = payload.split(".")
    if len(parts) != 3 or not (parts[0].isdigit() and parts[2].isdigit()):
        return None
    user_id, device_id, expires = parts
    if int(expires) < time.time():
        return None
    return KnownDevice(int(user_id), device_id)


def known_device_for(
    request: Request, session: Session, settings: Settings, email: str
) -> str | None:
    """The id of the caller's device when it has signed in to this email's account before."""
    device = read_device_cookie(request.cookies.get(DEVICE_COOKIE), settings.signing_secret())
    if device is None:
        return None
    user = service.find_by_email(session, email)
    return device.device_id if user is not None and user.id == device.user_id else None


def remember_device(request: Request, response: Response, settings: Settings, user: User) -> None:
    """Mark the caller's browser as one this user signs in from (kept if it already is)."""
    secret = settings.signing_secret()
    current = read_device_cookie(request.cookies.get(DEVICE_COOKIE), secret)
    device_id = current.device_id if current and current.user_id == user.id else None
    device = KnownDevice(user.id, device_id or secrets.token_urlsafe(16))
    response.set_cookie(
        DEVICE_COOKIE,
        device_cookie(device, secret),
        max_age=DEVICE_DAYS * 86_400,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies or request.url.scheme == "https",
        path="/api/auth",
    )
