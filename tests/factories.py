"""Small builders for test data, through the public HTTP API as a user would make it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


@dataclass
class ApiUser:
    """A registered user whose client sends their bearer token on every request."""

    client: TestClient
    id: int
    email: str
    password: str
    token: str

    def create_application(self, **fields: Any) -> dict[str, Any]:
        return create_application(self.client, **fields)


def register_user(
    client: TestClient,
    *,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    display_name: str | None = None,
) -> ApiUser:
    email = email or f"user{next(_sequence)}@example.com"
    body: dict[str, Any] = {"email": email, "password": password}
    if display_name:
        body["display_name"] = display_name
    response = client.post("/api/auth/register", json=body)
    assert response.status_code == 201, response.text
    session = response.json()
    # Bearer only: cookies would make every write need the CSRF header too.
    client.cookies.clear()
    client.headers["Authorization"] = f"Bearer {session['access_token']}"
    return ApiUser(client, session["user"]["id"], email, password, session["access_token"])


def create_application(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"company": f"Company {next(_sequence)}", "role": "Software Engineer", **fields}
    response = client.post("/api/applications", json=body)
    assert response.status_code == 201, response.text
    application: dict[str, Any] = response.json()
    return application
