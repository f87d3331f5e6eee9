"""Builders for writing tests: writing made and read back through the API."""

from __future__ import annotations

import itertools
from typing import Any

from tests.factories import ApiUser

_sequence = itertools.count(1)


def create_writing(user: ApiUser, **fields: Any) -> dict[str, Any]:
    body = {"title": f"Note {next(_sequence)}", **fields}
    response = user.client.post("/api/writing", json=body)
    assert response.status_code == 201, response.text
    writing: dict[str, Any] = response.json()
    return writing


def read_writing(user: ApiUser, writing_id: int) -> dict[str, Any]:
    response = user.client.get(f"/api/writing/{writing_id}")
    assert response.status_code == 200, response.text
    writing: dict[str, Any] = response.json()
    return writing


def list_writing(user: ApiUser, **params: Any) -> dict[str, Any]:
    response = user.client.get("/api/writing", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def application_writing(user: ApiUser, application_id: int, **params: Any) -> dict[str, Any]:
    response = user.client.get(f"/api/applications/{application_id}/writing", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def titles(page: dict[str, Any]) -> list[str]:
    return [writing["title"] for writing in page["items"]]


def field_errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"]["code"] == "validation_error"
    fields: dict[str, str] = body["error"]["fields"]
    return fields
