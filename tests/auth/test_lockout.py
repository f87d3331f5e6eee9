"""Lock-out of a known user: someone else's wrong passwords never keep the owner out.

The account still locks after ten failures; its owner gets in from a browser that signed in to
it before (a signed device cookie), or with a two-factor code sent with the password.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.auth.devices import DEVICE_COOKIE, KnownDevice, device_cookie
from jobtracker.config import Settings
from tests.auth.two_factor_builders import StoppedClock, enroll, sign_in, stopped_clock
from tests.factories import ApiUser

ATTACKER_GUESSES = 10  # the per-account limit's default


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    yield from stopped_clock()


@pytest.fixture
def owners_browser(app: FastAPI, alice: ApiUser) -> Iterator[TestClient]:
    """Alice's own browser: it has signed in to her account before, and kept its cookies."""
    with TestClient(app) as browser:
        assert sign_in(browser, alice).status_code == 200
        browser.post("/api/auth/logout", headers={"X-CSRF-Token": browser.cookies["jt_csrf"]})
        yield browser


def lock_out(app: FastAPI, victim: ApiUser) -> TestClient:
    """An attacker's client (no cookies, as scripts are) that has used up the account's guesses."""
    attacker = TestClient(app)
    for _ in range(ATTACKER_GUESSES):
        response = attacker.post(
            "/api/auth/login", json={"email": victim.email, "password": "a wrong guess"}
        )
        assert response.status_code == 401
    return attacker


def device_cookie_attributes(app: FastAPI, user: ApiUser) -> set[str]:
    """The attributes (lower-cased names) of the device cookie a full sign-in sets."""
    with TestClient(app) as browser:
        response = sign_in(browser, user)
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith(DEVICE_COOKIE))
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_a_full_sign_in_remembers_the_browser_in_an_http_only_lax_cookie(
    app: FastAPI, alice: ApiUser
) -> None:
    attributes = device_cookie_attributes(app, alice)
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "secure" not in attributes  # plain http here: a Secure cookie would not come back


def test_the_device_cookie_is_secure_when_served_over_https(
    app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    settings.public_url = "https://jobs.example.com"
    assert "secure" in device_cookie_attributes(app, alice)


def test_ten_wrong_passwords_lock_the_account_for_a_browser_never_seen(
    app: FastAPI, alice: ApiUser
) -> None:
    lock_out(app, alice)
    response = sign_in(TestClient(app), alice)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_the_owners_known_browser_signs_in_while_the_account_is_locked(
    app: FastAPI, alice: ApiUser, owners_browser: TestClient
) -> None:
    lock_out(app, alice)
    response = sign_in(owners_browser, alice)
    assert response.status_code == 200, response.text
    assert response.json()["user"]["email"] == alice.email


def test_the_attacker_stays_locked_out_after_the_owner_signs_in(
    app: FastAPI, alice: ApiUser, owners_browser: TestClient
) -> None:
    attacker = lock_out(app, alice)
    assert sign_in(owners_browser, alice).status_code == 200
    guess = attacker.post("/api/auth/login", json={"email": alice.email, "password": "again"})
    assert guess.status_code == 429


def test_a_known_browsers_own_wrong_passwords_are_limited_too(
    alice: ApiUser, owners_browser: TestClient
) -> None:
    wrong = {"email": alice.email, "password": "a wrong guess"}
    statuses = [owners_browser.post("/api/auth/login", json=wrong).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    assert sign_in(owners_browser, alice).status_code == 429


def test_a_known_browsers_wrong_passwords_do_not_lock_the_account(
    app: FastAPI, alice: ApiUser, owners_browser: TestClient
) -> None:
    wrong = {"email": alice.email, "password": "a wrong guess"}
    for _ in range(ATTACKER_GUESSES):
        owners_browser.post("/api/auth/login", json=wrong)
    assert sign_in(TestClient(app), alice).status_code == 200


def test_a_browser_known_to_another_account_does_not_help(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    with TestClient(app) as bobs_browser:
        assert sign_in(bobs_browser, bob).status_code == 200
        lock_out(app, alice)
        assert sign_in(bobs_browser, alice).status_code == 429


def test_a_forged_device_cookie_does_not_help(
    app: FastAPI, alice: ApiUser, settings: Settings
) -> None:
    lock_out(app, alice)
    forged = device_cookie(KnownDevice(alice.id, "made-up"), "not-the-instance-secret-" * 2)
    with TestClient(app, cookies={DEVICE_COOKIE: forged}) as browser:
        assert sign_in(browser, alice).status_code == 429


def test_a_tampered_device_cookie_does_not_help(app: FastAPI, alice: ApiUser, bob: ApiUser) -> None:
    with TestClient(app) as bobs_browser:
        sign_in(bobs_browser, bob)
        genuine = bobs_browser.cookies[DEVICE_COOKIE]
    lock_out(app, alice)
    # Bob's signed cookie with Alice's id put in place of his.
    tampered = genuine.replace(f"{bob.id}.", f"{alice.id}.", 1)
    with TestClient(app, cookies={DEVICE_COOKIE: tampered}) as browser:
        assert sign_in(browser, alice).status_code == 429


def test_a_locked_owner_signs_in_with_a_two_factor_code(
    app: FastAPI, alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    lock_out(app, alice)
    response = sign_in(TestClient(app), alice, code=enrolled.app.code())
    assert response.status_code == 200, response.text
    assert "access_token" in response.json()


def test_a_wrong_code_gets_nobody_past_the_lock(
    app: FastAPI, alice: ApiUser, clock: StoppedClock
) -> None:
    enroll(alice, clock)
    lock_out(app, alice)
    response = sign_in(TestClient(app), alice, code="000000")
    assert response.status_code == 401


def test_a_code_does_not_open_a_locked_account_without_two_factor(
    app: FastAPI, alice: ApiUser
) -> None:
    lock_out(app, alice)
    assert sign_in(TestClient(app), alice, code="123456").status_code == 401


def test_past_the_lock_a_wrong_password_and_a_wrong_code_read_the_same(
    app: FastAPI, alice: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(alice, clock)
    lock_out(app, alice)
    attacker = TestClient(app)
    right_password = sign_in(attacker, alice, code="000000").json()["error"]
    wrong_password = attacker.post(
        "/api/auth/login",
        json={"email": alice.email, "password": "a wrong guess", "code": enrolled.app.code()},
    ).json()["error"]
    assert right_password == wrong_password
