"""Who may capture: a signed-in user, or an access token of either scope; nobody else."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.auth.access_token_builders import create_token
from tests.factories import ApiUser

BODY = {"text": "Backend Engineer\nAcme Robotics"}


@pytest.mark.parametrize("scope", ["read", "write"])
def test_an_access_token_of_either_scope_may_capture(alice: ApiUser, scope: str) -> None:
    token = create_token(alice, scope=scope)["token"]

    response = alice.client.post(
        "/api/capture", json=BODY, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200, response.text


def test_a_read_only_token_still_cannot_save_what_it_captured(alice: ApiUser) -> None:
    token = create_token(alice, scope="read")["token"]

    response = alice.client.post(
        "/api/applications",
        json={"company": "Acme", "role": "Engineer"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 403


def test_a_revoked_token_may_not_capture(alice: ApiUser) -> None:
    created = create_token(alice, scope="write")
    assert alice.client.delete(f"/api/tokens/{created['id']}").status_code == 204

    response = alice.client.post(
        "/api/capture", json=BODY, headers={"Authorization": f"Bearer {created['token']}"}
    )

    assert response.status_code == 401


def test_nobody_signed_in_may_capture(client: TestClient) -> None:
    response = client.post("/api/capture", json=BODY)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
