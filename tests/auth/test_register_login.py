"""Registration and sign-in."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.factories import DEFAULT_PASSWORD, ApiUser


def test_first_user_becomes_admin_and_second_does_not(
    make_user: Callable[..., ApiUser],
) -> None:
    first = make_user()
    second = make_user()
    assert first.client.get("/api/me").json()["role"] == "admin"
    assert second.client.get("/api/me").json()["role"] == "user"


def test_email_is_unique_whatever_its_case(client: TestClient, alice: ApiUser) -> None:
    response = client.post(
        "/api/auth/register", json={"email": "ALICE@Example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_login_answers_token_user_and_sets_httponly_cookie(
    client: TestClient, alice: ApiUser
) -> None:
    response = client.post(
        "/api/auth/login", json={"email": "Alice@example.com", "password": alice.password}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["email"] == "alice@example.com"
    session_cookie = next(
        header for header in response.headers.get_list("set-cookie") if "jt_session=" in header
    )
    assert "HttpOnly" in session_cookie
    assert "samesite=lax" in session_cookie.lower()


def test_wrong_password_and_unknown_email_get_the_same_answer(
    client: TestClient, alice: ApiUser
) -> None:
    wrong_password = client.post(
        "/api/auth/login", json={"email": alice.email, "password": "not the password"}
    )
    unknown_email = client.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": "not the password"}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json()
    assert wrong_password.json()["error"]["message"] == "Email or password is wrong."


def test_password_length_is_checked(client: TestClient) -> None:
    too_short = client.post(
        "/api/auth/register", json={"email": "a@example.com", "password": "1234567"}
    )
    longest = client.post(
        "/api/auth/register", json={"email": "b@example.com", "password": "x" * 128}
    )
    assert too_short.status_code == 422
    assert "password" in too_short.json()["error"]["fields"]
    assert longest.status_code == 201


def test_password_is_stored_as_argon2id(app: object, alice: ApiUser) -> None:
    from sqlalchemy import select

    from jobtracker.auth.models import User

    with app.state.session_factory() as session:  # type: ignore[attr-defined]
        stored = session.scalar(select(User.password_hash).where(User.id == alice.id))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert alice.password not in stored
