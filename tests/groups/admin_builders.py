"""Builders for the admin's users and audit log tests, through the API as an admin uses it."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from jobtracker.auth.models import User
from tests.factories import ApiUser


def users_page(admin: ApiUser, **params: Any) -> dict[str, Any]:
    response = admin.client.get("/api/admin/users", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def emails(page: dict[str, Any]) -> list[str]:
    return [user["email"] for user in page["items"]]


def read_user(admin: ApiUser, user_id: int) -> dict[str, Any]:
    response = admin.client.get(f"/api/admin/users/{user_id}")
    assert response.status_code == 200, response.text
    user: dict[str, Any] = response.json()
    return user


def change_user(admin: ApiUser, user_id: int, **changes: Any) -> dict[str, Any]:
    response = admin.client.patch(f"/api/admin/users/{user_id}", json=changes)
    assert response.status_code == 200, response.text
    user: dict[str, Any] = response.json()
    return user


def audit_entries(admin: ApiUser, **params: Any) -> list[dict[str, Any]]:
    response = admin.client.get("/api/admin/audit", params=params)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["items"]
    return entries


def stored_user(app: FastAPI, user_id: int) -> User | None:
    with app.state.session_factory() as session:
        found: User | None = session.scalar(select(User).where(User.id == user_id))
        return found
