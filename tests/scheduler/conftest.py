"""An app with email through a real SMTP server on 127.0.0.1, and a clock the test moves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker import db
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.factories import ApiUser
from tests.mail_server import HOST, MailServer, smtp_server

PUBLIC_URL = "http://jobs.example.test"


class FakeClock:
    """The server's one clock (db.clock), moved by the test: requests and schedulers alike.

    Sign-in tokens are checked against the real time, so accounts are made (and sign-ins
    done) before a test moves the clock away from it.
    """

    @property
    def now(self) -> datetime:
        frozen = db.clock.frozen_at
        assert frozen is not None
        return frozen

    @now.setter
    def now(self, moment: datetime) -> None:
        db.clock.frozen_at = moment

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    fake.now = datetime.now(UTC).replace(microsecond=0)
    yield fake
    db.clock.frozen_at = None


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with smtp_server() as server:
        yield server


def with_email(settings: Settings, port: int) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": HOST,
            "smtp_port": port,
            "smtp_from": "Job Tracker <jobs@example.test>",
            "smtp_security": "none",
            "public_url": PUBLIC_URL,
        }
    )


@pytest.fixture
def mail_app(
    app: FastAPI, settings: Settings, mail_server: MailServer, clock: FakeClock
) -> Iterator[FastAPI]:
    """The same database as `app` (users are registered there, where sign-up needs no email)."""
    application = create_app(with_email(settings, mail_server.port))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def mail_client(mail_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(mail_app) as client:
        yield client


@pytest.fixture
def as_mail_user(mail_app: FastAPI) -> Iterator[Callable[[ApiUser], TestClient]]:
    """A client of the email-enabled app signed in as the given user."""
    clients: list[TestClient] = []

    def signed_in(user: ApiUser) -> TestClient:
        client = TestClient(mail_app)
        client.headers["Authorization"] = f"Bearer {user.token}"
        clients.append(client)
        return client

    yield signed_in
    for client in clients:
        client.close()
