"""Bad contact input answers 422 with field errors, never a 500, and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contacts.builders import create_contact
from tests.factories import ApiUser


def contact_count(user: ApiUser, application_id: int) -> int:
    total: int = user.client.get(f"/api/applications/{application_id}/contacts").json()["total"]
    return total


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 201),
        ("name", 7),
        ("name", None),
        ("role", "x" * 201),
        ("email", "not an email"),
        ("email", "dana@"),
        ("email", "d" * 250 + "@example.com"),
        ("email", 12),
        ("phone", "5" * 51),
        ("phone", 5550100),
        ("notes", "x" * 100_001),
        ("owner_id", 2),
        ("id", 1000),
        ("application_id", 1),
        ("created_at", "2031-05-01T10:00:00Z"),
    ],
)
def test_bad_field_on_create_is_a_422_naming_the_field(
    alice: ApiUser, field: str, value: Any
) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/contacts", json={"name": "Dana", field: value}
    )

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert contact_count(alice, application["id"]) == 0


def test_name_is_required(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/contacts", json={"email": "dana@example.com"}
    )

    assert response.status_code == 422
    assert "name" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", None),
        ("name", ""),
        ("email", "nope"),
        ("phone", "5" * 51),
        ("owner_id", 2),
        ("application_id", 1),
    ],
)
def test_bad_field_on_patch_is_a_422_and_changes_nothing(
    alice: ApiUser, field: str, value: Any
) -> None:
    application = alice.create_application()
    contact = create_contact(alice, application["id"], email="dana@example.com")

    response = alice.client.patch(f"/api/contacts/{contact['id']}", json={field: value})

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert alice.client.get(f"/api/contacts/{contact['id']}").json() == contact


def test_body_that_is_not_json_is_a_422(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/contacts",
        content=b"name=Dana",
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
