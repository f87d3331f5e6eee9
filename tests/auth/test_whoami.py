"""GET /api/auth/whoami: who is signed in, answered 200 even to someone who is not."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.auth.builders import bearer, login
from tests.factories import ApiUser


def test_nobody_signed_in_is_answered_with_a_null_user(client: TestClient) -> None:
    response = client.get("/api/auth/whoami")

    assert response.status_code == 200
    assert response.json() == {"user": None}
    assert "set-cookie" not in response.headers


def test_a_signed_in_browser_is_told_its_user(client: TestClient, alice: ApiUser) -> None:
    login(client, alice)  # the client keeps the session cookies

    user = client.get("/api/auth/whoami").json()["user"]

    assert (user["id"], user["email"], user["display_name"]) == (alice.id, alice.email, "Alice")


def test_a_bearer_token_is_told_its_user(client: TestClient, alice: ApiUser) -> None:
    response = client.get("/api/auth/whoami", headers=bearer(alice.token))

    assert response.json()["user"]["id"] == alice.id


def test_an_ended_session_counts_as_signed_out_and_its_cookies_are_cleared(
    client: TestClient, alice: ApiUser
) -> None:
    login(client, alice)
    assert alice.client.post("/api/auth/logout-all").status_code == 204

    response = client.get("/api/auth/whoami")

    assert response.status_code == 200
    assert response.json() == {"user": None}
    assert "jt_session" not in client.cookies
    assert "jt_csrf" not in client.cookies


def test_a_bad_bearer_token_counts_as_signed_out_and_clears_no_cookie(
    client: TestClient,
) -> None:
    response = client.get("/api/auth/whoami", headers=bearer("not-a-token"))

    assert response.status_code == 200
    assert response.json() == {"user": None}
    assert "set-cookie" not in response.headers


def test_api_me_still_refuses_someone_signed_out(client: TestClient) -> None:
    response = client.get("/api/me")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
