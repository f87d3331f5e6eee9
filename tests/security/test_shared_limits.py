"""The sliding window on both backends, counts shared between processes, and a Redis outage."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.security.ratelimit import Allowance, FailureLimiter, InProcessLimiter
from jobtracker.security.redis_limiter import RedisLimiter
from tests.factories import ApiUser
from tests.live_server import free_port
from tests.security.conftest import REDIS_URL, use_redis

WINDOW = 900.0
ACCOUNT = Allowance("sign-in:account:test", max_failures=3)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["in-process", "redis"])
def limiter(request: pytest.FixtureRequest, clock: FakeClock) -> Iterator[FailureLimiter]:
    built: FailureLimiter
    if request.param == "redis":
        built = RedisLimiter(REDIS_URL, WINDOW, request.getfixturevalue("redis_prefix"), clock)
    else:
        built = InProcessLimiter(WINDOW, clock)
    yield built
    built.close()


def fail_at(limiter: FailureLimiter, clock: FakeClock, *moments: float) -> None:
    start = clock.now
    for moment in moments:
        clock.now = start + moment
        limiter.record_failure([ACCOUNT])


def test_attempts_are_allowed_below_the_limit(limiter: FailureLimiter, clock: FakeClock) -> None:
    fail_at(limiter, clock, 0, 10)

    assert limiter.seconds_until_allowed([ACCOUNT]) == 0


def test_the_wait_lasts_until_the_oldest_failure_leaves_the_window(
    limiter: FailureLimiter, clock: FakeClock
) -> None:
    start = clock.now
    fail_at(limiter, clock, 0, 100, 200)
    clock.now = start + 300

    assert limiter.seconds_until_allowed([ACCOUNT]) == pytest.approx(WINDOW - 300)


def test_room_comes_back_one_failure_at_a_time(limiter: FailureLimiter, clock: FakeClock) -> None:
    start = clock.now
    fail_at(limiter, clock, 0, 100, 200)
    clock.now = start + WINDOW + 1

    assert limiter.seconds_until_allowed([ACCOUNT]) == 0
    limiter.record_failure([ACCOUNT])  # back at the limit: now the second failure is oldest
    assert limiter.seconds_until_allowed([ACCOUNT]) == pytest.approx(
        100 + WINDOW - clock.now + start
    )


def test_forgetting_an_account_clears_its_failures(
    limiter: FailureLimiter, clock: FakeClock
) -> None:
    fail_at(limiter, clock, 0, 1, 2)

    limiter.forget(ACCOUNT)

    assert limiter.seconds_until_allowed([ACCOUNT]) == 0


def test_the_longest_wait_of_several_allowances_is_the_answer(
    limiter: FailureLimiter, clock: FakeClock
) -> None:
    address = Allowance("sign-in:address:127.0.0.1", max_failures=2)
    start = clock.now
    for moment in (0, 50, 100):
        clock.now = start + moment
        limiter.record_failure([ACCOUNT, address])

    assert limiter.seconds_until_allowed([ACCOUNT, address]) == pytest.approx(WINDOW - 50)


def test_two_app_processes_sharing_redis_share_the_count(
    settings: Settings, redis_prefix: str, alice: ApiUser
) -> None:
    use_redis(settings, redis_prefix)
    first, second = create_app(settings), create_app(settings)
    body = {"email": alice.email, "password": "not the password"}
    with TestClient(first) as one, TestClient(second) as other:
        statuses = [one.post("/api/auth/login", json=body).status_code for _ in range(5)]
        statuses += [other.post("/api/auth/login", json=body).status_code for _ in range(5)]

        assert statuses == [401] * 10
        assert one.post("/api/auth/login", json=body).status_code == 429
        assert other.post("/api/auth/login", json=body).status_code == 429
    first.state.engine.dispose()
    second.state.engine.dispose()


def test_an_unreachable_redis_allows_sign_in_and_logs_a_warning(
    settings: Settings, alice: ApiUser, caplog: pytest.LogCaptureFixture
) -> None:
    settings.redis_url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    app = create_app(settings)
    wrong = {"email": alice.email, "password": "not the password"}
    with TestClient(app) as client, caplog.at_level(logging.WARNING):
        statuses = [client.post("/api/auth/login", json=wrong).status_code for _ in range(11)]
        right = client.post(
            "/api/auth/login", json={"email": alice.email, "password": alice.password}
        )

    assert statuses == [401] * 11
    assert right.status_code == 200
    assert "Redis is unreachable" in caplog.text
    app.state.engine.dispose()
