"""Every route of the admin's users and audit log: refused to non-admins (403, nothing
changes) and to anyone signed out (401)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import ApiUser
from tests.groups.admin_builders import audit_entries, read_user

# (method, path, JSON body); {user} is the id of the admin, the account bob would change.
ADMIN_ROUTES = [
    ("GET", "/api/admin/users", None),
    ("GET", "/api/admin/users/{user}", None),
    ("PATCH", "/api/admin/users/{user}", {"disabled": True, "role": "user"}),
    ("PATCH", "/api/admin/users/{user}", {"max_applications": 0}),
    ("POST", "/api/admin/users/{user}/password", {"new_password": "bob's chosen passphrase"}),
    ("POST", "/api/admin/users/{user}/password-reset", None),
    ("DELETE", "/api/admin/users/{user}", {"confirm_email": "alice@example.com"}),
    ("GET", "/api/admin/audit", None),
]
IDS = [f"{method} {path} {body}" for method, path, body in ADMIN_ROUTES]


def test_the_table_covers_every_admin_users_and_audit_route(app: FastAPI) -> None:
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(("/api/admin/users", "/api/admin/audit"))
        for method in operations
    }

    assert routes == {
        (method, path.replace("{user}", "{user_id}")) for method, path, _ in ADMIN_ROUTES
    }


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES, ids=IDS)
def test_a_user_who_is_not_admin_is_refused_and_changes_nothing(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    before = read_user(alice, alice.id)

    response = bob.client.request(method, path.format(user=alice.id), json=body)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the instance's admin can do this."
    assert read_user(alice, alice.id) == before
    assert alice.client.get("/api/me").status_code == 200
    assert audit_entries(alice) == []


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES, ids=IDS)
def test_signed_out_callers_are_refused(
    client: TestClient, alice: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    response = client.request(method, path.format(user=alice.id), json=body)

    assert response.status_code == 401
    assert audit_entries(alice) == []
