"""The admin's run-time settings: limits and registration, for the admin only."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.factories import ApiUser
from tests.instance.builders import change_settings


def test_admin_settings_start_from_the_environment(settings: Settings, alice: ApiUser) -> None:
    settings.max_users = 7
    settings.max_applications_per_user = 3

    answer = alice.client.get("/api/admin/settings").json()

    assert answer == {
        "max_users": 7,
        "max_applications_per_user": 3,
        "registration_open": True,
        "admins_require_two_factor": False,
        "users": 1,
    }


def test_admin_changes_are_kept_and_answered(alice: ApiUser) -> None:
    answer = change_settings(
        alice, max_users=4, max_applications_per_user=9, registration_open=False
    )

    assert alice.client.get("/api/admin/settings").json() == answer
    assert (answer["max_users"], answer["max_applications_per_user"]) == (4, 9)
    assert answer["registration_open"] is False


def test_a_partial_change_leaves_the_other_settings_alone(
    settings: Settings, alice: ApiUser
) -> None:
    settings.max_applications_per_user = 3
    change_settings(alice, max_users=4)

    answer = change_settings(alice, registration_open=False)

    assert (answer["max_users"], answer["max_applications_per_user"]) == (4, 3)


def test_the_admins_application_limit_applies_to_creates(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_applications_per_user = 0
    change_settings(alice, max_applications_per_user=1)
    bob.create_application()

    response = bob.client.post("/api/applications", json={"company": "Acme", "role": "Dev"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_a_user_who_is_not_admin_is_refused(alice: ApiUser, bob: ApiUser, method: str) -> None:
    body = {"registration_open": False} if method == "PATCH" else None

    response = bob.client.request(method, "/api/admin/settings", json=body)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert alice.client.get("/api/admin/settings").json()["registration_open"] is True


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_admin_settings_without_a_session_are_refused(client: TestClient, method: str) -> None:
    body = {"registration_open": False} if method == "PATCH" else None

    assert client.request(method, "/api/admin/settings", json=body).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"max_users": 5, "maximum_users": 3}, "maximum_users"),
        ({"registration": False}, "registration"),
        ({"max_users": -1}, "max_users"),
        ({"max_users": "lots"}, "max_users"),
        ({"max_applications_per_user": 2.5}, "max_applications_per_user"),
        ({"registration_open": "perhaps"}, "registration_open"),
    ],
)
def test_bad_admin_changes_are_refused_and_change_nothing(
    settings: Settings, alice: ApiUser, body: dict[str, Any], field: str
) -> None:
    before = alice.client.get("/api/admin/settings").json()

    response = alice.client.patch("/api/admin/settings", json=body)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert alice.client.get("/api/admin/settings").json() == before
