"""Which passwords can be set (NIST SP 800-63B): common, blank and email-based ones are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jobtracker.__main__ import main
from tests.factories import ApiUser

NEWCOMER = "newcomer@example.com"


def register(client: TestClient, password: str, email: str = NEWCOMER) -> Any:
    return client.post("/api/auth/register", json={"email": email, "password": password})


def password_error(response: Any, field: str = "password") -> str:
    assert response.status_code == 422, response.text
    message: str = response.json()["error"]["fields"][field]
    return message


def change_password(user: ApiUser, new_password: str) -> Any:
    return user.client.post(
        "/api/auth/password",
        json={"current_password": user.password, "new_password": new_password},
    )


def can_sign_in(client: TestClient, email: str, password: str) -> bool:
    response = client.post("/api/auth/login", json={"email": email, "password": password})
    return response.status_code == 200


@pytest.mark.parametrize("password", ["password", "12345678", "iloveyou", "PassWord", "qwertyuiop"])
def test_a_common_password_is_refused_saying_it_is_common(
    client: TestClient, password: str
) -> None:
    assert "most common" in password_error(register(client, password))


@pytest.mark.parametrize("password", ["correcthorsebatterystaple", "monkey123456"])
def test_a_breached_password_is_refused_saying_it_leaked(client: TestClient, password: str) -> None:
    assert "leaked" in password_error(register(client, password))


def test_changing_to_a_breached_password_is_refused(alice: ApiUser) -> None:
    response = change_password(alice, "correcthorsebatterystaple")

    assert "leaked" in password_error(response, "new_password")


def test_a_refused_password_makes_no_account(client: TestClient) -> None:
    register(client, "password")

    assert not can_sign_in(client, NEWCOMER, "password")


def test_a_password_of_only_spaces_is_refused_saying_so(client: TestClient) -> None:
    assert "only spaces" in password_error(register(client, " " * 8))


def test_the_email_itself_is_refused_as_a_password(client: TestClient) -> None:
    assert "email address" in password_error(register(client, NEWCOMER))


def test_a_password_containing_the_email_is_refused(client: TestClient) -> None:
    assert "email address" in password_error(register(client, f"my {NEWCOMER.upper()} 2026"))


def test_a_password_containing_the_name_before_the_at_is_refused(client: TestClient) -> None:
    assert "email address" in password_error(register(client, "newcomer-on-the-block"))


def test_a_too_short_password_is_refused_in_plain_words(client: TestClient) -> None:
    assert password_error(register(client, "x7!")) == "Use at least 8 characters."


@pytest.mark.parametrize(
    "password",
    [
        "purple monkey dishwasher lamp",  # lower-case words: no composition rules
        "été à la plage, 2019 ☀",  # spaces and any Unicode
        "q" * 128,
    ],
)
def test_an_uncommon_password_is_accepted_without_composition_rules(
    client: TestClient, password: str
) -> None:
    assert register(client, password).status_code == 201
    assert can_sign_in(client, NEWCOMER, password)


def test_changing_to_a_common_password_is_refused_and_keeps_the_old_one(
    client: TestClient, alice: ApiUser
) -> None:
    response = change_password(alice, "password1")

    assert "most common" in password_error(response, "new_password")
    assert can_sign_in(client, alice.email, alice.password)


def test_changing_to_a_password_containing_the_email_is_refused(
    client: TestClient, alice: ApiUser
) -> None:
    response = change_password(alice, f"{alice.email}!!")

    assert "email address" in password_error(response, "new_password")
    assert can_sign_in(client, alice.email, alice.password)


def test_changing_to_only_spaces_is_refused(alice: ApiUser) -> None:
    assert "only spaces" in password_error(change_password(alice, " " * 12), "new_password")


def test_the_create_admin_command_refuses_a_common_password_saying_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("JWT_SECRET", "")
    monkeypatch.chdir(tmp_path)  # no stray .env is read

    exit_code = main(["create-admin", "--email", "ops@example.com", "--password", "password"])

    assert exit_code == 2
    assert "most common" in capsys.readouterr().err
