"""Test data for browser tests, made through the live server's HTTP API as a script would."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from playwright.sync_api import BrowserContext

PASSWORD = "correct horse battery staple"
APPLICATION_LIMIT = 5  # the live server's MAX_APPLICATIONS_PER_USER
_sequence = itertools.count(1)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def due_in(days: int, hour: int = 17) -> str:
    """An ISO 8601 due date `days` from today (negative: in the past), at a fixed UTC hour."""
    moment = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (moment + timedelta(days=days)).isoformat()


@dataclass
class ApiUser:
    """A registered user; `api` sends their bearer token, so writes need no CSRF header."""

    base_url: str
    email: str
    password: str
    display_name: str
    id: int
    api: httpx.Client = field(repr=False)

    def create_application(self, **fields: Any) -> dict[str, Any]:
        body = {"company": f"Company {next(_sequence)}", "role": "Software Engineer", **fields}
        return self._created(self.api.post("/api/applications", json=body))

    def add_deliverable(self, application_id: int, **fields: Any) -> dict[str, Any]:
        body = {"title": f"Deliverable {next(_sequence)}", **fields}
        path = f"/api/applications/{application_id}/deliverables"
        return self._created(self.api.post(path, json=body))

    def add_writing(self, **fields: Any) -> dict[str, Any]:
        body = {"title": f"Note {next(_sequence)}", "kind": "note", "body": "", **fields}
        return self._created(self.api.post("/api/writing", json=body))

    def close(self) -> None:
        self.api.close()

    def sign_in_context(self, context: BrowserContext) -> None:
        """Give a browser context this user's session cookies, as signing in would."""
        response = context.request.post(
            f"{self.base_url}/api/auth/login",
            data={"email": self.email, "password": self.password},
        )
        assert response.ok, f"sign-in for {self.email} failed: {response.status} {response.text()}"

    @staticmethod
    def _created(response: httpx.Response) -> dict[str, Any]:
        assert response.status_code == 201, f"{response.request.url}: {response.text}"
        created: dict[str, Any] = response.json()
        return created


def register(base_url: str, *, display_name: str | None = None) -> ApiUser:
    email = unique_email()
    display_name = display_name or f"Tester {next(_sequence)}"
    api = httpx.Client(base_url=base_url, timeout=10)
    response = api.post(
        "/api/auth/register",
        json={"email": email, "password": PASSWORD, "display_name": display_name},
    )
    assert response.status_code == 201, response.text
    session = response.json()
    api.cookies.clear()
    api.headers["Authorization"] = f"Bearer {session['access_token']}"
    return ApiUser(base_url, email, PASSWORD, display_name, session["user"]["id"], api)
