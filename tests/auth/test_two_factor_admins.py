"""The instance setting "admins must use two-factor": set up before anything else works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.auth import service
from tests.auth.builders import bearer
from tests.auth.two_factor_builders import (
    Authenticator,
    Enrolled,
    StoppedClock,
    enroll,
    stopped_clock,
)
from tests.factories import ApiUser


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    yield from stopped_clock()


@pytest.fixture
def rule_on(alice: ApiUser, clock: StoppedClock) -> Enrolled:
    """Alice, the first admin, uses two-factor and requires it of every admin."""
    enrolled = enroll(alice, clock)
    response = alice.client.patch("/api/admin/settings", json={"admins_require_two_factor": True})
    assert response.status_code == 200, response.text
    return enrolled


def promote(app: FastAPI, user: ApiUser) -> str:
    """Make the user an admin with the operator's command; their fresh session token."""
    with app.state.session_factory() as session:
        service.create_admin(session, email=user.email, password=user.password, display_name=None)
    response = TestClient(app).post(
        "/api/auth/login", json={"email": user.email, "password": user.password}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_the_setting_is_off_until_an_admin_turns_it_on(alice: ApiUser) -> None:
    assert alice.client.get("/api/admin/settings").json()["admins_require_two_factor"] is False


def test_an_admin_without_two_factor_cannot_require_it(alice: ApiUser) -> None:
    response = alice.client.patch("/api/admin/settings", json={"admins_require_two_factor": True})
    assert response.status_code == 409
    assert "your own account first" in response.json()["error"]["message"]
    assert alice.client.get("/api/admin/settings").json()["admins_require_two_factor"] is False


def test_an_admin_without_two_factor_is_asked_to_set_it_up_first(
    app: FastAPI, rule_on: Enrolled, bob: ApiUser
) -> None:
    token = promote(app, bob)
    response = bob.client.get("/api/applications", headers=bearer(token))
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "two_factor_setup_required"
    assert "Two-factor sign-in" in error["message"]


def test_an_admin_held_to_the_rule_can_still_read_their_account_and_its_status(
    app: FastAPI, rule_on: Enrolled, bob: ApiUser
) -> None:
    token = promote(app, bob)
    assert bob.client.get("/api/me", headers=bearer(token)).status_code == 200
    whoami = bob.client.get("/api/auth/whoami", headers=bearer(token))
    assert whoami.json()["user"]["id"] == bob.id  # the app then shows the set-up step
    status = bob.client.get("/api/auth/2fa", headers=bearer(token)).json()
    assert status["required"] is True


def test_once_set_up_the_admin_gets_everything_back(
    app: FastAPI, rule_on: Enrolled, bob: ApiUser, clock: StoppedClock
) -> None:
    token = promote(app, bob)
    headers = bearer(token)
    setup = bob.client.post("/api/auth/2fa/setup", headers=headers).json()
    code = Authenticator(setup["secret"], clock).code()
    assert bob.client.post("/api/auth/2fa/enable", headers=headers, json={"code": code}).is_success
    assert bob.client.get("/api/applications", headers=headers).status_code == 200


def test_users_who_are_not_admins_are_not_held_to_it(rule_on: Enrolled, bob: ApiUser) -> None:
    assert bob.client.get("/api/applications").status_code == 200


def test_an_admin_cannot_turn_two_factor_off_while_it_is_required(rule_on: Enrolled) -> None:
    body = {"password": rule_on.user.password, "code": rule_on.app.code()}
    response = rule_on.user.client.post("/api/auth/2fa/disable", json=body)
    assert response.status_code == 403
    assert "requires two-factor sign-in for admins" in response.json()["error"]["message"]
    assert rule_on.user.client.get("/api/auth/2fa").json()["enabled"] is True
