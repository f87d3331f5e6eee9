"""Two-factor sign-in: setup, turning it on and off, signing in with a code or a recovery code."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.auth.builders import bearer
from tests.auth.two_factor_builders import (
    Authenticator,
    StoppedClock,
    enroll,
    second_step,
    sign_in,
    stopped_clock,
)
from tests.factories import ApiUser


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    yield from stopped_clock()


def test_setup_answers_a_secret_and_its_otpauth_address(alice: ApiUser) -> None:
    setup = alice.client.post("/api/auth/2fa/setup").json()
    assert setup["otpauth_uri"].startswith("otpauth://totp/")
    assert f"secret={setup['secret']}" in setup["otpauth_uri"]


def test_setup_alone_does_not_turn_two_factor_on(alice: ApiUser) -> None:
    alice.client.post("/api/auth/2fa/setup")
    assert alice.client.get("/api/me").json()["two_factor_enabled"] is False
    assert "two_factor_required" not in sign_in(TestClient(alice.client.app), alice).json()


def test_enable_with_the_apps_code_answers_ten_recovery_codes(
    alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    assert len(set(enrolled.recovery_codes)) == 10
    assert alice.client.get("/api/me").json()["two_factor_enabled"] is True
    status = alice.client.get("/api/auth/2fa").json()
    assert status == {"enabled": True, "recovery_codes_left": 10, "required": False}


def test_enable_with_a_wrong_code_is_refused_and_names_the_code(
    alice: ApiUser, clock: StoppedClock
) -> None:
    setup = alice.client.post("/api/auth/2fa/setup").json()
    right = Authenticator(setup["secret"], clock).code()
    wrong = str((int(right) + 1) % 1_000_000).zfill(6)
    response = alice.client.post("/api/auth/2fa/enable", json={"code": wrong})
    assert response.status_code == 422
    assert "6-digit code" in response.json()["error"]["fields"]["code"]
    assert alice.client.get("/api/me").json()["two_factor_enabled"] is False


def test_enable_before_setup_says_to_start_the_setup(alice: ApiUser) -> None:
    response = alice.client.post("/api/auth/2fa/enable", json={"code": "123456"})
    assert response.status_code == 422
    assert "Start the setup" in response.json()["error"]["message"]


def test_the_secret_is_never_shown_again_nor_stored_in_clear(
    app: FastAPI, alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    assert enrolled.app.secret not in alice.client.get("/api/me").text
    assert enrolled.app.secret not in alice.client.get("/api/auth/2fa").text
    assert alice.client.post("/api/auth/2fa/setup").status_code == 409
    with app.state.engine.connect() as connection:
        stored = connection.execute(text("SELECT two_factor_secret FROM users")).scalar_one()
    assert enrolled.app.secret not in stored


def test_the_secret_and_codes_never_reach_the_log(
    alice: ApiUser, clock: StoppedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    enrolled = enroll(alice, clock)
    assert enrolled.app.secret not in caplog.text
    assert not any(code in caplog.text for code in enrolled.recovery_codes)


def test_a_right_password_answers_a_challenge_and_no_session(
    alice: ApiUser, clock: StoppedClock
) -> None:
    enroll(alice, clock)
    browser = TestClient(alice.client.app)
    response = sign_in(browser, alice)
    assert response.status_code == 200
    assert response.json()["two_factor_required"] is True
    assert "access_token" not in response.json()
    assert "jt_session" not in browser.cookies
    assert browser.get("/api/me").status_code == 401


def test_the_challenge_and_the_apps_code_sign_in(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    challenge = sign_in(browser, alice).json()["challenge"]
    response = second_step(browser, challenge, enrolled.app.code())
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    assert browser.get("/api/me", headers=bearer(token)).json()["email"] == alice.email


def test_the_challenge_is_not_a_session_token(alice: ApiUser, clock: StoppedClock) -> None:
    enroll(alice, clock)
    browser = TestClient(alice.client.app)
    challenge = sign_in(browser, alice).json()["challenge"]
    assert browser.get("/api/me", headers=bearer(challenge)).status_code == 401


def test_a_forged_challenge_is_refused(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    response = second_step(browser, alice.token, enrolled.app.code())
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_code_cannot_be_used_twice(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    code = enrolled.app.code()
    assert second_step(browser, sign_in(browser, alice).json()["challenge"], code).is_success
    replayed = second_step(browser, sign_in(browser, alice).json()["challenge"], code)
    assert replayed.status_code == 401
    assert replayed.json()["error"]["code"] == "not_authenticated"


def test_a_recovery_code_signs_in_once(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    recovery = enrolled.recovery_codes[0]
    assert second_step(browser, sign_in(browser, alice).json()["challenge"], recovery).is_success
    again = second_step(browser, sign_in(browser, alice).json()["challenge"], recovery)
    assert again.status_code == 401
    assert alice.client.get("/api/auth/2fa").json()["recovery_codes_left"] == 9


def test_a_recovery_code_is_accepted_in_capitals_and_without_its_dash(
    alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    typed = enrolled.recovery_codes[0].replace("-", "").upper()
    assert second_step(browser, sign_in(browser, alice).json()["challenge"], typed).is_success


def test_password_and_code_together_sign_in_in_one_step(
    alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    response = sign_in(TestClient(alice.client.app), alice, code=enrolled.app.code())
    assert response.status_code == 200
    assert "access_token" in response.json()


def test_a_code_sent_for_an_account_without_two_factor_is_refused(alice: ApiUser) -> None:
    response = sign_in(TestClient(alice.client.app), alice, code="123456")
    assert response.status_code == 401


def test_wrong_codes_count_against_the_limit(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    challenge = sign_in(browser, alice).json()["challenge"]
    statuses = [second_step(browser, challenge, "000000").status_code for _ in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    # Even the right code waits now: guessing stopped at ten.
    assert second_step(browser, challenge, enrolled.app.code()).status_code == 429


def test_turning_off_needs_the_password(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    body = {"password": "not the password", "code": enrolled.app.code()}
    response = alice.client.post("/api/auth/2fa/disable", json=body)
    assert response.status_code == 403
    assert "password" in response.json()["error"]["fields"]
    assert alice.client.get("/api/me").json()["two_factor_enabled"] is True


def test_turning_off_needs_a_code(alice: ApiUser, clock: StoppedClock) -> None:
    enroll(alice, clock)
    body = {"password": alice.password, "code": "000000"}
    response = alice.client.post("/api/auth/2fa/disable", json=body)
    assert response.status_code == 403
    assert "code" in response.json()["error"]["fields"]


def test_turned_off_the_password_alone_signs_in_again(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    body = {"password": alice.password, "code": enrolled.app.code()}
    assert alice.client.post("/api/auth/2fa/disable", json=body).status_code == 204
    response = sign_in(TestClient(alice.client.app), alice)
    assert "access_token" in response.json()
    assert alice.client.get("/api/auth/2fa").json()["recovery_codes_left"] == 0


def test_new_recovery_codes_replace_the_old_ones(alice: ApiUser, clock: StoppedClock) -> None:
    enrolled = enroll(alice, clock)
    response = alice.client.post("/api/auth/2fa/recovery-codes", json={"code": enrolled.app.code()})
    assert response.status_code == 200
    fresh = response.json()["recovery_codes"]
    browser = TestClient(alice.client.app)
    old = enrolled.recovery_codes[0]
    assert second_step(browser, sign_in(browser, alice).json()["challenge"], old).status_code == 401
    assert second_step(browser, sign_in(browser, alice).json()["challenge"], fresh[0]).is_success


def test_new_recovery_codes_need_a_current_code(alice: ApiUser, clock: StoppedClock) -> None:
    enroll(alice, clock)
    response = alice.client.post("/api/auth/2fa/recovery-codes", json={"code": "000000"})
    assert response.status_code == 403


def test_two_factor_routes_need_a_session(client: TestClient) -> None:
    assert client.post("/api/auth/2fa/setup").status_code == 401
    assert client.get("/api/auth/2fa").status_code == 401


def test_signing_out_everywhere_voids_a_pending_challenge(
    alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    browser = TestClient(alice.client.app)
    challenge = sign_in(browser, alice).json()["challenge"]
    assert alice.client.post("/api/auth/logout-all").status_code == 204
    response = second_step(browser, challenge, enrolled.app.code())
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]
