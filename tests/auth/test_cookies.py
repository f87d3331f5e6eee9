"""Session cookies: httpOnly session, script-readable CSRF token, Secure behind https."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.factories import ApiUser


def cookie_header(set_cookies: list[str], name: str) -> str:
    return next(header for header in set_cookies if header.startswith(f"{name}="))


def attributes(set_cookies: list[str], name: str) -> set[str]:
    header = cookie_header(set_cookies, name)
    return {part.strip().split("=")[0].lower() for part in header.split(";")}


def sign_in(client: TestClient, user: ApiUser) -> list[str]:
    """The Set-Cookie headers of a successful sign-in."""
    response = client.post("/api/auth/login", json={"email": user.email, "password": user.password})
    assert response.status_code == 200
    return response.headers.get_list("set-cookie")


@pytest.mark.parametrize("public_url", ["https://jobs.example.com", "HTTPS://Jobs.Example.com"])
def test_cookies_are_secure_when_served_over_https(
    client: TestClient, settings: Settings, alice: ApiUser, public_url: str
) -> None:
    settings.public_url = public_url
    set_cookies = sign_in(client, alice)

    assert "secure" in attributes(set_cookies, "jt_session")
    assert "secure" in attributes(set_cookies, "jt_csrf")


@pytest.mark.parametrize("public_url", ["", "http://localhost:8000"])
def test_cookies_are_not_secure_over_plain_http(
    client: TestClient, settings: Settings, alice: ApiUser, public_url: str
) -> None:
    settings.public_url = public_url
    set_cookies = sign_in(client, alice)

    assert "secure" not in attributes(set_cookies, "jt_session")
    assert "secure" not in attributes(set_cookies, "jt_csrf")


def test_session_cookie_is_http_only(client: TestClient, alice: ApiUser) -> None:
    assert "httponly" in attributes(sign_in(client, alice), "jt_session")


def test_csrf_cookie_is_readable_by_the_page(client: TestClient, alice: ApiUser) -> None:
    assert "httponly" not in attributes(sign_in(client, alice), "jt_csrf")


@pytest.mark.parametrize("name", ["jt_session", "jt_csrf"])
def test_cookies_are_same_site_lax(client: TestClient, alice: ApiUser, name: str) -> None:
    assert "samesite=lax" in cookie_header(sign_in(client, alice), name).lower()


def test_registration_also_signs_the_browser_in(client: TestClient) -> None:
    response = client.post(
        "/api/auth/register", json={"email": "new@example.com", "password": "long enough pw"}
    )

    assert response.status_code == 201
    assert "httponly" in attributes(response.headers.get_list("set-cookie"), "jt_session")
    assert client.get("/api/me").status_code == 200
