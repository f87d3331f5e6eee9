"""Signing out: everywhere at once, by changing the password, and in one browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.auth.builders import CSRF_HEADER, another_app, bearer, login, me_status
from tests.factories import ApiUser
from tests.portability.builders import create_feed

NEW_PASSWORD = "a brand new passphrase"


def test_logout_all_revokes_every_earlier_token_of_the_user(
    client: TestClient, alice: ApiUser
) -> None:
    laptop = login(client, alice)["access_token"]
    phone = login(client, alice)["access_token"]

    response = client.post("/api/auth/logout-all", headers=bearer(laptop))

    assert response.status_code == 204
    assert [me_status(client, token) for token in (alice.token, laptop, phone)] == [401] * 3


def test_logout_all_leaves_other_users_signed_in(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    assert alice.client.post("/api/auth/logout-all").status_code == 204

    assert me_status(client, bob.token) == 200


def test_signing_in_again_after_logout_all_works(client: TestClient, alice: ApiUser) -> None:
    assert alice.client.post("/api/auth/logout-all").status_code == 204

    assert me_status(client, login(client, alice)["access_token"]) == 200


def test_password_change_revokes_earlier_tokens(client: TestClient, alice: ApiUser) -> None:
    other_device = login(client, alice)["access_token"]

    response = alice.client.post(
        "/api/auth/password",
        json={"current_password": alice.password, "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert me_status(client, alice.token) == 401
    assert me_status(client, other_device) == 401


def test_password_change_answers_a_working_new_token(client: TestClient, alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/auth/password",
        json={"current_password": alice.password, "new_password": NEW_PASSWORD},
    )

    assert me_status(client, response.json()["access_token"]) == 200


def test_password_change_makes_the_new_password_the_one_that_signs_in(
    client: TestClient, alice: ApiUser
) -> None:
    alice.client.post(
        "/api/auth/password",
        json={"current_password": alice.password, "new_password": NEW_PASSWORD},
    )

    old = client.post("/api/auth/login", json={"email": alice.email, "password": alice.password})
    new = client.post("/api/auth/login", json={"email": alice.email, "password": NEW_PASSWORD})
    assert (old.status_code, new.status_code) == (401, 200)


def test_wrong_current_password_is_refused_and_changes_nothing(
    client: TestClient, alice: ApiUser
) -> None:
    response = alice.client.post(
        "/api/auth/password",
        json={"current_password": "not my password", "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 403
    assert "current_password" in response.json()["error"]["fields"]
    assert me_status(client, alice.token) == 200
    old = client.post("/api/auth/login", json={"email": alice.email, "password": alice.password})
    new = client.post("/api/auth/login", json={"email": alice.email, "password": NEW_PASSWORD})
    assert (old.status_code, new.status_code) == (200, 401)


def feed_status(client: TestClient, url: str) -> int:
    return client.get(urlsplit(url).path).status_code


def test_logout_clears_both_cookies(client: TestClient, alice: ApiUser) -> None:
    session = login(client, alice)
    assert client.get("/api/me").status_code == 200

    response = client.post("/api/auth/logout", headers={CSRF_HEADER: session["csrf_token"]})

    assert response.status_code == 204
    cleared = {
        header.split("=", 1)[0]
        for header in response.headers.get_list("set-cookie")
        if "max-age=0" in header.lower()
    }
    assert cleared == {"jt_session", "jt_csrf"}
    assert not {"jt_session", "jt_csrf"} & set(client.cookies)
    assert client.get("/api/me").status_code == 401


def test_logout_with_a_bearer_token_ends_that_token(client: TestClient, alice: ApiUser) -> None:
    response = client.post("/api/auth/logout", headers=bearer(alice.token))

    assert response.status_code == 204
    assert me_status(client, alice.token) == 401


def test_logout_with_the_cookie_ends_the_cookies_token(client: TestClient, alice: ApiUser) -> None:
    session = login(client, alice)

    client.post("/api/auth/logout", headers={CSRF_HEADER: session["csrf_token"]})

    assert me_status(client, session["access_token"]) == 401


def test_logout_leaves_the_users_other_sessions_signed_in(
    client: TestClient, alice: ApiUser
) -> None:
    phone = login(client, alice)["access_token"]

    assert client.post("/api/auth/logout", headers=bearer(alice.token)).status_code == 204

    assert me_status(client, phone) == 200


def test_a_signed_out_token_is_refused_by_every_app_process(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    client.post("/api/auth/logout", headers=bearer(alice.token))

    with another_app(settings) as other_process, TestClient(other_process) as other:
        assert me_status(other, alice.token) == 401


def test_logout_all_still_ends_sessions_after_one_was_signed_out(
    client: TestClient, alice: ApiUser
) -> None:
    laptop = login(client, alice)["access_token"]
    phone = login(client, alice)["access_token"]
    client.post("/api/auth/logout", headers=bearer(laptop))

    assert client.post("/api/auth/logout-all", headers=bearer(phone)).status_code == 204

    assert [me_status(client, token) for token in (alice.token, laptop, phone)] == [401] * 3


def test_logout_without_a_session_answers_204(client: TestClient) -> None:
    assert client.post("/api/auth/logout").status_code == 204


def test_logging_out_twice_with_the_same_token_answers_204_both_times(
    client: TestClient, alice: ApiUser
) -> None:
    first = client.post("/api/auth/logout", headers=bearer(alice.token))
    second = client.post("/api/auth/logout", headers=bearer(alice.token))

    assert (first.status_code, second.status_code) == (204, 204)


def test_logout_all_turns_the_calendar_feed_off(client: TestClient, alice: ApiUser) -> None:
    feed = create_feed(alice)

    alice.client.post("/api/auth/logout-all")

    assert feed_status(client, feed) == 404


def test_password_change_turns_the_calendar_feed_off(client: TestClient, alice: ApiUser) -> None:
    feed = create_feed(alice)

    alice.client.post(
        "/api/auth/password",
        json={"current_password": alice.password, "new_password": NEW_PASSWORD},
    )

    assert feed_status(client, feed) == 404


def test_signing_out_one_session_keeps_the_calendar_feed(
    client: TestClient, alice: ApiUser
) -> None:
    feed = create_feed(alice)

    client.post("/api/auth/logout", headers=bearer(alice.token))

    assert feed_status(client, feed) == 200
