"""Builders for instance tests: registrations and the admin's run-time settings."""

from __future__ import annotations

import itertools
from typing import Any

from tests.factories import DEFAULT_PASSWORD, ApiUser

_sequence = itertools.count(1)


def newcomer() -> dict[str, str]:
    """The registration form of someone not yet on the instance."""
    return {"email": f"newcomer{next(_sequence)}@example.com", "password": DEFAULT_PASSWORD}


def change_settings(admin: ApiUser, **changes: Any) -> dict[str, Any]:
    response = admin.client.patch("/api/admin/settings", json=changes)
    assert response.status_code == 200, response.text
    settings: dict[str, Any] = response.json()
    return settings
