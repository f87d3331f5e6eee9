"""CSRF: a write authenticated by the session cookie must echo that session's CSRF token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.auth.builders import CSRF_HEADER, login
from tests.factories import DEFAULT_PASSWORD, ApiUser

NEW_APPLICATION = {"company": "Acme", "role": "Engineer"}


@pytest.fixture
def browser(app: FastAPI, alice: ApiUser) -> Iterator[TestClient]:
    """Alice signed in the way a browser is: cookies only, no Authorization header."""
    with TestClient(app) as signed_in:
        login(signed_in, alice)
        yield signed_in


def csrf_cookie(browser: TestClient) -> str:
    value = browser.cookies.get("jt_csrf")
    assert value
    return value


def display_name(user: ApiUser) -> str:
    name: str = user.client.get("/api/me").json()["display_name"]
    return name


def application_count(user: ApiUser) -> int:
    total: int = user.client.get("/api/applications").json()["total"]
    return total


def test_profile_change_without_csrf_header_is_refused(browser: TestClient, alice: ApiUser) -> None:
    response = browser.patch("/api/me", json={"display_name": "Mallory"})

    assert response.status_code == 403
    assert CSRF_HEADER in response.json()["error"]["message"]
    assert display_name(alice) == "Alice"


def test_application_create_without_csrf_header_is_refused(
    browser: TestClient, alice: ApiUser
) -> None:
    response = browser.post("/api/applications", json=NEW_APPLICATION)

    assert response.status_code == 403
    assert application_count(alice) == 0


def test_write_with_a_wrong_csrf_header_is_refused(browser: TestClient, alice: ApiUser) -> None:
    response = browser.post(
        "/api/applications", json=NEW_APPLICATION, headers={CSRF_HEADER: "0" * 64}
    )

    assert response.status_code == 403
    assert application_count(alice) == 0


def test_write_echoing_the_csrf_cookie_succeeds(browser: TestClient, alice: ApiUser) -> None:
    response = browser.post(
        "/api/applications", json=NEW_APPLICATION, headers={CSRF_HEADER: csrf_cookie(browser)}
    )

    assert response.status_code == 201
    assert application_count(alice) == 1


def test_profile_change_echoing_the_csrf_cookie_succeeds(
    browser: TestClient, alice: ApiUser
) -> None:
    response = browser.patch(
        "/api/me", json={"display_name": "Alice A."}, headers={CSRF_HEADER: csrf_cookie(browser)}
    )

    assert response.status_code == 200
    assert display_name(alice) == "Alice A."


def test_csrf_token_in_the_login_answer_is_the_cookies(app: FastAPI, alice: ApiUser) -> None:
    with TestClient(app) as signed_in:
        session = login(signed_in, alice)

        assert session["csrf_token"] == csrf_cookie(signed_in)


def test_reads_need_no_csrf_header(browser: TestClient) -> None:
    assert browser.get("/api/me").status_code == 200
    assert browser.get("/api/applications").status_code == 200


def test_bearer_authenticated_writes_need_no_csrf_header(alice: ApiUser) -> None:
    response = alice.client.post("/api/applications", json=NEW_APPLICATION)

    assert response.status_code == 201


def test_csrf_token_of_another_session_of_the_same_user_is_refused(
    app: FastAPI, browser: TestClient, alice: ApiUser
) -> None:
    with TestClient(app) as other_browser:
        login(other_browser, alice)
        other_session_csrf = csrf_cookie(other_browser)

    response = browser.post(
        "/api/applications", json=NEW_APPLICATION, headers={CSRF_HEADER: other_session_csrf}
    )

    assert response.status_code == 403
    assert application_count(alice) == 0


def test_csrf_token_of_another_users_session_is_refused(
    app: FastAPI, browser: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    with TestClient(app) as bobs_browser:
        login(bobs_browser, bob)
        bobs_csrf = csrf_cookie(bobs_browser)

    response = browser.patch(
        "/api/me", json={"display_name": "Mallory"}, headers={CSRF_HEADER: bobs_csrf}
    )

    assert response.status_code == 403
    assert display_name(alice) == "Alice"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/auth/logout", None),
        ("POST", "/api/auth/logout-all", None),
        (
            "POST",
            "/api/auth/password",
            {"current_password": DEFAULT_PASSWORD, "new_password": "x" * 12},
        ),
        ("DELETE", "/api/me", {"password": DEFAULT_PASSWORD}),
        ("PATCH", "/api/admin/settings", {"registration_open": False}),
    ],
)
def test_account_writes_without_csrf_header_are_refused_and_change_nothing(
    browser: TestClient, alice: ApiUser, method: str, path: str, body: dict[str, object] | None
) -> None:
    response = browser.request(method, path, json=body)

    assert response.status_code == 403
    assert alice.client.get("/api/me").status_code == 200
    assert alice.client.get("/api/admin/settings").json()["registration_open"] is True
    assert browser.get("/api/me").status_code == 200
