"""Bad input to the account routes answers 422 with field errors, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import DEFAULT_PASSWORD, ApiUser

# (method, path) of every account route that reads a JSON body.
BODY_ROUTES = [
    ("POST", "/api/auth/register"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/password"),
    ("PATCH", "/api/me"),
    ("DELETE", "/api/me"),
    ("PATCH", "/api/admin/settings"),
]


def assert_invalid(response: Any, *fields: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(fields) <= set(error["fields"]), error["fields"]


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_body_that_is_not_json_is_refused_naming_json(
    alice: ApiUser, method: str, path: str
) -> None:
    response = alice.client.request(
        method, path, content=b"{'email': ", headers={"Content-Type": "application/json"}
    )

    assert_invalid(response, "body")
    assert "JSON" in response.json()["error"]["fields"]["body"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": 42, "password": DEFAULT_PASSWORD}, ["email"]),
        ({"email": "new@example.com", "password": ["a", "list"]}, ["password"]),
        (
            {"email": "new@example.com", "password": DEFAULT_PASSWORD, "display_name": 7},
            ["display_name"],
        ),
        ({"email": "not-an-email", "password": DEFAULT_PASSWORD}, ["email"]),
    ],
)
def test_registration_with_wrong_types_is_refused(
    client: TestClient, body: dict[str, Any], fields: list[str]
) -> None:
    assert_invalid(client.post("/api/auth/register", json=body), *fields)


def test_registration_with_a_too_long_display_name_is_refused(client: TestClient) -> None:
    body = {"email": "new@example.com", "password": DEFAULT_PASSWORD, "display_name": "x" * 101}

    assert_invalid(client.post("/api/auth/register", json=body), "display_name")


def test_registration_with_a_too_long_email_is_refused(client: TestClient) -> None:
    body = {"email": "x" * 250 + "@example.com", "password": DEFAULT_PASSWORD}

    assert_invalid(client.post("/api/auth/register", json=body), "email")


def test_registration_with_a_too_long_password_is_refused(client: TestClient) -> None:
    body = {"email": "new@example.com", "password": "x" * 129}

    assert_invalid(client.post("/api/auth/register", json=body), "password")


def test_login_with_a_too_long_email_is_refused(client: TestClient) -> None:
    body = {"email": "x" * 250 + "@example.com", "password": DEFAULT_PASSWORD}

    assert_invalid(client.post("/api/auth/login", json=body), "email")


def test_too_long_display_name_change_is_refused(alice: ApiUser) -> None:
    assert_invalid(alice.client.patch("/api/me", json={"display_name": "x" * 101}), "display_name")
    assert alice.client.get("/api/me").json()["display_name"] == "Alice"


def test_display_name_of_the_wrong_type_is_refused(alice: ApiUser) -> None:
    assert_invalid(alice.client.patch("/api/me", json={"display_name": ["A"]}), "display_name")


def test_unknown_profile_field_is_refused(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me", json={"display_name": "A", "role": "admin"})

    assert_invalid(response, "role")
    assert alice.client.get("/api/me").json()["display_name"] == "Alice"


@pytest.mark.parametrize(
    ("method", "path", "fields"),
    [
        ("POST", "/api/auth/register", ["email", "password"]),
        ("POST", "/api/auth/login", ["email", "password"]),
        ("POST", "/api/auth/password", ["current_password", "new_password"]),
        ("DELETE", "/api/me", ["password"]),
    ],
)
def test_missing_fields_are_named(
    alice: ApiUser, method: str, path: str, fields: list[str]
) -> None:
    assert_invalid(alice.client.request(method, path, json={}), *fields)


def test_a_patch_of_me_with_nothing_in_it_changes_nothing(alice: ApiUser) -> None:
    """Name and time zone are each changed alone, so neither is required."""
    before = alice.client.get("/api/me").json()

    response = alice.client.patch("/api/me", json={})

    assert response.status_code == 200
    assert response.json() == before


def test_too_short_new_password_is_refused(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/auth/password", json={"current_password": alice.password, "new_password": "short"}
    )

    assert_invalid(response, "new_password")
