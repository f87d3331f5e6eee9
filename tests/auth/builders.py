"""Builders for account tests: sessions signed in through the API, and hand-made tokens."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import jwt
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.db import utcnow
from tests.factories import ApiUser

CSRF_HEADER = "X-CSRF-Token"


def login(client: TestClient, user: ApiUser) -> dict[str, Any]:
    """Sign in through the API; the client keeps the session and CSRF cookies it is given."""
    response = client.post("/api/auth/login", json={"email": user.email, "password": user.password})
    assert response.status_code == 200, response.text
    session: dict[str, Any] = response.json()
    return session


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def me_status(client: TestClient, token: str) -> int:
    return client.get("/api/me", headers=bearer(token)).status_code


def claims_like(user: ApiUser, *, lifetime_days: int = 1) -> dict[str, Any]:
    """Fresh claims for the user, with the token version their real token carries."""
    real = jwt.decode(user.token, options={"verify_signature": False})
    now = utcnow()
    return {
        "sub": str(user.id),
        "ver": real["ver"],
        "jti": secrets.token_urlsafe(16),
        "iat": now,
        "exp": now + timedelta(days=lifetime_days),
    }


def sign(claims: dict[str, Any], secret: str, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


def token_part(value: dict[str, Any]) -> str:
    """One dot-separated part of a JWT, encoded by hand (no signing)."""
    raw = json.dumps(value, default=lambda moment: int(moment.timestamp())).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unsigned_token(claims: dict[str, Any]) -> str:
    """An `alg: none` token: a header and the claims, with an empty signature."""
    return f"{token_part({'alg': 'none', 'typ': 'JWT'})}.{token_part(claims)}."


@contextmanager
def another_app(settings: Settings, **changes: Any) -> Iterator[FastAPI]:
    """A second app process on the same database, with some settings changed."""
    application = create_app(settings.model_copy(update=changes))
    try:
        yield application
    finally:
        application.state.engine.dispose()
