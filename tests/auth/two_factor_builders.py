"""Builders for two-factor tests: an authenticator app on a clock the test moves, and enrolment."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jobtracker.auth import totp
from tests.factories import ApiUser

# Mid-step, far from a boundary; moved by whole steps only.
START = 1_800_000_015.0


@dataclass
class Authenticator:
    """The user's phone app: a secret, and the codes it shows as the test's clock moves."""

    secret: str
    clock: StoppedClock

    def code(self) -> str:
        """The code for the current step, then the clock moves on: each code is used once."""
        code = totp.code_for_step(self.secret, totp.step_at(self.clock.now))
        self.clock.next_step()
        return code


@dataclass
class StoppedClock:
    now: float = START

    def next_step(self) -> None:
        self.now += totp.STEP_SECONDS


@dataclass
class Enrolled:
    user: ApiUser
    app: Authenticator
    recovery_codes: list[str] = field(default_factory=list)


def stopped_clock() -> Iterator[StoppedClock]:
    """For a test module's `clock` fixture: TOTP time stands still until the test moves it."""
    stopped = StoppedClock()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(totp, "clock", lambda: stopped.now)
        yield stopped


def enroll(user: ApiUser, clock: StoppedClock) -> Enrolled:
    """Set up and turn on two-factor sign-in for the user, as the settings page does."""
    setup = user.client.post("/api/auth/2fa/setup")
    assert setup.status_code == 200, setup.text
    app = Authenticator(setup.json()["secret"], clock)
    enabled = user.client.post("/api/auth/2fa/enable", json={"code": app.code()})
    assert enabled.status_code == 200, enabled.text
    return Enrolled(user, app, enabled.json()["recovery_codes"])


def sign_in(client: TestClient, user: ApiUser, **extra: str) -> Any:
    """The password step of a sign-in; the response, whatever it is."""
    body = {"email": user.email, "password": user.password, **extra}
    return client.post("/api/auth/login", json=body)


def second_step(client: TestClient, challenge: str, code: str) -> Any:
    return client.post("/api/auth/login/2fa", json={"challenge": challenge, "code": code})
