"""Failed sign-ins and registrations are limited per account and per address, on both backends."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.factories import ApiUser
from tests.security.conftest import use_redis
from tests.security.test_shared_limits import FakeClock

WRONG = "not the password at all"


@pytest.fixture(params=["in-process", "redis"])
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """Every test here runs with counts in this process, then with counts kept in Redis."""
    if request.param == "redis":
        use_redis(settings, request.getfixturevalue("redis_prefix"))
    return settings


def sign_in(client: TestClient, email: str, password: str = WRONG) -> int:
    response = client.post("/api/auth/login", json={"email": email, "password": password})
    return response.status_code


def test_the_eleventh_failed_sign_in_answers_429_with_retry_after(
    client: TestClient, alice: ApiUser
) -> None:
    assert [sign_in(client, alice.email) for _ in range(10)] == [401] * 10

    refused = client.post("/api/auth/login", json={"email": alice.email, "password": WRONG})

    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 900
    error = refused.json()["error"]
    assert error["code"] == "too_many_attempts"
    assert error["message"].startswith("Too many failed attempts for this account")
    assert "15 minutes" in error["message"]


def test_the_right_password_waits_too_while_the_account_is_limited(
    client: TestClient, alice: ApiUser
) -> None:
    for _ in range(10):
        sign_in(client, alice.email)

    assert sign_in(client, alice.email, alice.password) == 429


def test_successful_sign_ins_do_not_count(client: TestClient, alice: ApiUser) -> None:
    assert {sign_in(client, alice.email, alice.password) for _ in range(12)} == {200}


def test_a_successful_sign_in_clears_the_accounts_failures(
    client: TestClient, alice: ApiUser
) -> None:
    for _ in range(9):
        sign_in(client, alice.email)
    assert sign_in(client, alice.email, alice.password) == 200

    assert [sign_in(client, alice.email) for _ in range(9)] == [401] * 9


def test_the_account_can_sign_in_again_once_the_window_has_passed(
    settings: Settings, alice: ApiUser
) -> None:
    settings.login_window_seconds = 60
    app = create_app(settings)  # the window is read when the app starts
    # The limiter's clock is moved on rather than waited for: with a real one-second window a
    # busy machine could take longer than the window for the ten sign-ins themselves.
    clock = FakeClock()
    app.state.failure_limiter.clock = clock
    with TestClient(app) as client:
        for _ in range(10):
            sign_in(client, alice.email)
        assert sign_in(client, alice.email, alice.password) == 429

        clock.now += 61

        assert sign_in(client, alice.email, alice.password) == 200
    app.state.engine.dispose()


def test_failures_on_one_account_do_not_stop_another(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    for _ in range(10):
        sign_in(client, alice.email)

    assert sign_in(client, bob.email, bob.password) == 200


def test_failures_from_one_address_across_many_accounts_are_limited(
    settings: Settings, client: TestClient, alice: ApiUser
) -> None:
    settings.login_max_failures_per_ip = 5
    for number in range(5):
        assert sign_in(client, f"guess{number}@example.com") == 401

    assert sign_in(client, alice.email, alice.password) == 429


def test_failed_registrations_are_limited_too(client: TestClient, alice: ApiUser) -> None:
    body = {"email": alice.email, "password": "a long enough password"}
    statuses = [client.post("/api/auth/register", json=body).status_code for _ in range(11)]

    assert statuses == [409] * 10 + [429]


def test_invalid_requests_are_not_counted_as_failures(client: TestClient, alice: ApiUser) -> None:
    for _ in range(12):
        assert client.post("/api/auth/login", json={"email": alice.email}).status_code == 422

    assert sign_in(client, alice.email, alice.password) == 200


def test_a_limited_sign_in_changes_nothing_for_the_session(
    client: TestClient, make_user: Callable[..., ApiUser]
) -> None:
    carol = make_user(email="carol@example.com")
    for _ in range(10):
        sign_in(client, carol.email)

    refused = client.post("/api/auth/login", json={"email": carol.email, "password": WRONG})

    assert refused.status_code == 429
    assert "set-cookie" not in refused.headers
    assert carol.client.get("/api/me").status_code == 200  # the signed-in session is untouched
