"""Builders for access-token tests: tokens created through the API, and their stored rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, update

from jobtracker.auth.models import PersonalAccessToken
from tests.factories import ApiUser


def create_token(
    user: ApiUser, *, scope: str = "write", name: str = "My script", **fields: Any
) -> dict[str, Any]:
    """A new token of the user's, as the creation answer gives it (the secret included)."""
    response = user.client.post("/api/tokens", json={"name": name, "scope": scope, **fields})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def list_tokens(user: ApiUser) -> list[dict[str, Any]]:
    response = user.client.get("/api/tokens")
    assert response.status_code == 200, response.text
    tokens: list[dict[str, Any]] = response.json()["tokens"]
    return tokens


def stored_token(app: FastAPI, token_id: int) -> PersonalAccessToken | None:
    with app.state.session_factory() as session:
        found: PersonalAccessToken | None = session.scalar(
            select(PersonalAccessToken).where(PersonalAccessToken.id == token_id)
        )
        return found


def set_token_times(app: FastAPI, token_id: int, **moments: datetime | None) -> None:
    """Move a stored token's expires_at or last_used_at, as if time had passed."""
    with app.state.session_factory() as session:
        session.execute(
            update(PersonalAccessToken).where(PersonalAccessToken.id == token_id).values(**moments)
        )
        session.commit()
