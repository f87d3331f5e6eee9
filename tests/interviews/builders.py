"""Builders for interview tests: interviews and contacts made through the API, a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from jobtracker.db import clock
from tests.factories import ApiUser


def create_interview(user: ApiUser, application_id: int, **fields: Any) -> dict[str, Any]:
    body = {"starts_at": "2030-05-06T10:00:00+00:00", **fields}
    response = user.client.post(f"/api/applications/{application_id}/interviews", json=body)
    assert response.status_code == 201, response.text
    interview: dict[str, Any] = response.json()
    return interview


def create_contact(user: ApiUser, application_id: int, name: str) -> dict[str, Any]:
    response = user.client.post(f"/api/applications/{application_id}/contacts", json={"name": name})
    assert response.status_code == 201, response.text
    contact: dict[str, Any] = response.json()
    return contact


def set_time_zone(user: ApiUser, zone_name: str) -> None:
    response = user.client.patch("/api/me", json={"time_zone": zone_name})
    assert response.status_code == 200, response.text


@contextmanager
def frozen_at(moment: str) -> Iterator[datetime]:
    """The server's clock stands still at `moment` (ISO 8601 with an offset) inside the block."""
    clock.frozen_at = datetime.fromisoformat(moment)
    try:
        yield clock.frozen_at
    finally:
        clock.frozen_at = None
