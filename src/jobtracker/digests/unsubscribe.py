"""One-click unsubscribe tokens: signed, single-purpose, working without signing in."""

from __future__ import annotations

import base64
import hashlib
import hmac

from jobtracker.config import Settings

_PURPOSE = b"digest-unsubscribe:"


def _signature(settings: Settings, user_id: int) -> str:
    digest = hmac.new(
        settings.signing_secret().encode(), _PURPOSE + str(user_id).encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_for(settings: Settings, user_id: int) -> str:
    return f"{user_id}.{_signature(settings, user_id)}"


def user_id_from(settings: Settings, token: str) -> int | None:
    """The user the token was made for, or None for anything not made by this instance."""
    user_part, _, signature = token.partition(".")
    if not user_part.isdigit() or len(user_part) > 12:
        return None
    user_id = int(user_part)
    if not hmac.compare_digest(signature, _signature(settings, user_id)):
        return None
    return user_id
