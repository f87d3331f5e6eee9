"""Builders for instance tests: registrations, the admin's run-time settings, stored bytes."""

from __future__ import annotations

import itertools
import os
from typing import Any

from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.writing.builders import create_writing

_sequence = itertools.count(1)
FILLER_PART_BYTES = 500_000


def newcomer() -> dict[str, str]:
    """The registration form of someone not yet on the instance."""
    return {"email": f"newcomer{next(_sequence)}@example.com", "password": DEFAULT_PASSWORD}


def change_settings(admin: ApiUser, **changes: Any) -> dict[str, Any]:
    response = admin.client.patch("/api/admin/settings", json=changes)
    assert response.status_code == 200, response.text
    settings: dict[str, Any] = response.json()
    return settings


def storage_used(user: ApiUser) -> int:
    """What /api/meta says the user stores, in bytes."""
    response = user.client.get("/api/meta")
    assert response.status_code == 200, response.text
    used: int = response.json()["usage"]["storage_bytes"]
    return used


def fill_storage(user: ApiUser, limit_bytes: int, *, leaving: int) -> None:
    """Store plain-text documents so that `leaving` bytes of `limit_bytes` remain free.

    A text file counts twice, its bytes and its extracted text: half the gap is uploaded,
    and a one-byte note makes up an odd gap.
    """
    gap = limit_bytes - storage_used(user) - leaving
    assert gap > 1, gap
    if gap % 2:
        create_writing(user, body="x")
        gap -= 1
    remaining = gap // 2
    while remaining:
        # In parts: a document's text is kept up to a million characters.
        size = min(remaining, FILLER_PART_BYTES)
        content = os.urandom(size // 2 + 1).hex()[:size].encode()
        files = {"files": ("filler.txt", content, "text/plain")}
        response = user.client.post("/api/documents", files=files)
        assert response.status_code == 201, response.text
        remaining -= size
    assert storage_used(user) == limit_bytes - leaving
