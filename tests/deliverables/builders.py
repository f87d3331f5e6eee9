"""Builders for deliverable tests: deliverables made through the API, and moments in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.factories import ApiUser


def create_deliverable(user: ApiUser, application_id: int, **fields: Any) -> dict[str, Any]:
    body = {"title": "Why do you want to work here?", **fields}
    response = user.client.post(f"/api/applications/{application_id}/deliverables", json=body)
    assert response.status_code == 201, response.text
    deliverable: dict[str, Any] = response.json()
    return deliverable


def in_days(days: float) -> str:
    """An ISO 8601 moment this many days from now (negative for the past), in UTC."""
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def titles(page: dict[str, Any]) -> list[str]:
    return [item["title"] for item in page["items"]]
