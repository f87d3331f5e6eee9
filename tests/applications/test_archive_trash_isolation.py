"""Every archive and trash route answers 404 for another user's application and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.applications.builders import read_application
from tests.factories import ApiUser


def _state(user: ApiUser) -> dict[str, Any]:
    """Everything the user can see of their applications, live and in the trash."""
    listed = user.client.get("/api/applications", params={"archived": "include"}).json()
    trash = user.client.get("/api/applications/trash").json()
    return {"listed": listed["items"], "trash": trash["items"]}


@pytest.mark.parametrize(
    ("method", "path", "in_trash"),
    [
        ("POST", "/api/applications/{id}/archive", False),
        ("POST", "/api/applications/{id}/unarchive", False),
        ("POST", "/api/applications/trash/{id}/restore", True),
        ("DELETE", "/api/applications/trash/{id}", True),
    ],
)
def test_another_users_application_answers_404_and_is_unchanged(
    alice: ApiUser, bob: ApiUser, method: str, path: str, in_trash: bool
) -> None:
    application = alice.create_application()
    if in_trash:
        alice.client.delete(f"/api/applications/{application['id']}")
    elif path.endswith("unarchive"):
        alice.client.post(f"/api/applications/{application['id']}/archive")
    before = _state(alice)

    response = bob.client.request(method, path.format(id=application["id"]))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _state(alice) == before


def test_another_users_trash_is_neither_listed_nor_emptied(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    alice.client.delete(f"/api/applications/{application['id']}")
    before = _state(alice)

    assert bob.client.get("/api/applications/trash").json()["total"] == 0
    assert bob.client.delete("/api/applications/trash").json() == {"deleted": 0}
    assert _state(alice) == before


def test_another_users_id_in_a_bulk_action_answers_404(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    before = read_application(alice, application["id"])

    response = bob.client.post(
        "/api/applications/bulk", json={"ids": [application["id"]], "action": "archive"}
    )

    assert response.status_code == 404
    assert read_application(alice, application["id"]) == before


def test_another_users_selection_exports_nothing(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application(company="Private Co")

    response = bob.client.get("/api/export/applications.csv", params={"id": [application["id"]]})

    assert response.status_code == 200
    assert "Private Co" not in response.text
