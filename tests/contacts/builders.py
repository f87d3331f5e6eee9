"""Builders for contact tests: contacts made through the API."""

from __future__ import annotations

from typing import Any

from tests.factories import ApiUser


def create_contact(user: ApiUser, application_id: int, **fields: Any) -> dict[str, Any]:
    body = {"name": "Dana Recruiter", **fields}
    response = user.client.post(f"/api/applications/{application_id}/contacts", json=body)
    assert response.status_code == 201, response.text
    contact: dict[str, Any] = response.json()
    return contact
