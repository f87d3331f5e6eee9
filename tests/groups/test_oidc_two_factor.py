"""Single sign-on and the account's own two-factor sign-in: the provider's sign-in is the first
step only, the code is asked on the sign-in page (through the provider mock on 127.0.0.1), a
known browser is asked too, and the admin two-factor rule still holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.auth.models import User
from jobtracker.config import Settings
from tests.auth.two_factor_builders import Enrolled, StoppedClock, enroll, stopped_clock
from tests.factories import ApiUser
from tests.groups.oidc_providers import mock_provider, set_claims, sign_on, use_provider

TWO_FACTOR_STEP = "/login?sso=two_factor"


@pytest.fixture
def issuer(settings: Settings) -> Iterator[str]:
    with mock_provider() as url:
        use_provider(settings, url)
        yield url


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    yield from stopped_clock()


@pytest.fixture
def bob_with_two_factor(bob: ApiUser, clock: StoppedClock, issuer: str) -> Enrolled:
    set_claims(issuer, "bob-sub", email="bob@example.com", email_verified=True)
    return enroll(bob, clock)


def second_step(client: TestClient, code: str) -> Any:
    """The sign-in page's code form after single sign-on: the challenge rides in its cookie."""
    return client.post("/api/auth/login/2fa", json={"code": code})


def wrong(code: str) -> str:
    return str((int(code) + 1) % 1_000_000).zfill(6)


def last_sign_in(app: FastAPI, user: ApiUser) -> object:
    with app.state.session_factory() as session:
        account = session.get(User, user.id)
        assert account is not None
        return account.last_sign_in_at


def test_an_account_with_two_factor_gets_no_session_until_the_code(
    app: FastAPI, client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    assert last_sign_in(app, bob_with_two_factor.user) is None

    landed = sign_on(client, "bob-sub")

    assert landed.status_code == 303
    assert landed.headers["location"] == TWO_FACTOR_STEP
    assert "jt_session" not in client.cookies
    assert client.get("/api/me").status_code == 401
    assert last_sign_in(app, bob_with_two_factor.user) is None


def test_the_page_asked_for_rides_along_to_the_code_form(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    landed = sign_on(client, "bob-sub", next_page="/join?invite=abc")

    assert landed.headers["location"] == f"{TWO_FACTOR_STEP}&next=%2Fjoin%3Finvite%3Dabc"
    assert client.get("/api/me").status_code == 401


def test_the_challenge_travels_in_a_strict_http_only_cookie_for_the_second_step_only(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    landed = sign_on(client, "bob-sub")

    cookie = next(c for c in landed.headers.get_list("set-cookie") if c.startswith("jt_2fa="))
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/api/auth/login/2fa", "samesite=strict", "max-age=300"} <= attributes
    challenge = cookie.split(";")[0].removeprefix("jt_2fa=")
    assert challenge not in landed.headers["location"]


def test_the_right_code_signs_in_as_the_password_path_does(
    app: FastAPI, client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    sign_on(client, "bob-sub")

    finished = second_step(client, bob_with_two_factor.app.code())

    assert finished.status_code == 200, finished.text
    assert finished.json()["user"]["email"] == "bob@example.com"
    assert client.get("/api/me").json()["email"] == "bob@example.com"
    assert "jt_device" in client.cookies
    assert "jt_2fa" not in client.cookies
    assert last_sign_in(app, bob_with_two_factor.user) is not None


def test_a_recovery_code_works_as_the_second_step(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    sign_on(client, "bob-sub")

    finished = second_step(client, bob_with_two_factor.recovery_codes[0])

    assert finished.status_code == 200, finished.text


def test_a_wrong_code_is_refused_and_starts_no_session(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    sign_on(client, "bob-sub")

    refused = second_step(client, wrong(bob_with_two_factor.app.code()))

    assert refused.status_code == 401
    assert "6-digit code" in refused.json()["error"]["fields"]["code"]
    assert client.get("/api/me").status_code == 401


def test_wrong_codes_count_against_the_same_attempt_limit(
    client: TestClient, settings: Settings, bob_with_two_factor: Enrolled
) -> None:
    settings.login_max_failures = 3
    sign_on(client, "bob-sub")
    right = bob_with_two_factor.app.code()
    for _ in range(3):
        assert second_step(client, wrong(right)).status_code == 401

    held = second_step(client, right)

    assert held.status_code == 429
    assert "Retry-After" in held.headers
    assert client.get("/api/me").status_code == 401


def test_a_code_without_a_sign_on_first_is_refused(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    refused = second_step(client, bob_with_two_factor.app.code())

    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "This sign-in has expired. Please sign in again."


def test_signing_out_everywhere_voids_a_pending_sign_on(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    sign_on(client, "bob-sub")
    bob_with_two_factor.user.client.post("/api/auth/logout-all")

    refused = second_step(client, bob_with_two_factor.app.code())

    assert refused.status_code == 401
    assert client.get("/api/me").status_code == 401


def test_a_browser_that_signed_in_before_is_still_asked_for_the_code(
    client: TestClient, bob_with_two_factor: Enrolled
) -> None:
    sign_on(client, "bob-sub")
    assert second_step(client, bob_with_two_factor.app.code()).status_code == 200
    client.post("/api/auth/logout", headers={"X-CSRF-Token": client.cookies["jt_csrf"]})
    assert "jt_device" in client.cookies

    landed = sign_on(client, "bob-sub")

    assert landed.headers["location"] == TWO_FACTOR_STEP
    assert client.get("/api/me").status_code == 401


def test_an_account_without_two_factor_signs_straight_in(
    client: TestClient, bob: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "bob-sub", email="bob@example.com", email_verified=True)

    landed = sign_on(client, "bob-sub")

    assert landed.headers["location"] == "/"
    assert "jt_2fa" not in client.cookies
    assert client.get("/api/me").json()["email"] == "bob@example.com"


def test_an_admin_the_rule_holds_to_can_only_set_up_two_factor_after_signing_on(
    app: FastAPI, client: TestClient, alice: ApiUser, bob: ApiUser, clock: StoppedClock, issuer: str
) -> None:
    enroll(alice, clock)
    rule = alice.client.patch("/api/admin/settings", json={"admins_require_two_factor": True})
    assert rule.status_code == 200, rule.text
    promoted = alice.client.patch(f"/api/admin/users/{bob.id}", json={"role": "admin"})
    assert promoted.status_code == 200, promoted.text
    set_claims(issuer, "bob-sub", email="bob@example.com", email_verified=True)

    landed = sign_on(client, "bob-sub")

    assert landed.headers["location"] == "/"
    refused = client.get("/api/applications")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "two_factor_setup_required"
    assert client.get("/api/auth/2fa").json()["required"] is True
