"""The email digest opens with the week's goal: "This week: 1 of 2 applications; streak 2 weeks"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker import db
from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.scheduler.runner import Scheduler
from tests.factories import ApiUser
from tests.insight.goal_builders import applied_on, set_goal
from tests.mail_server import MailServer, smtp_server
from tests.scheduler.conftest import with_email

# Wednesday 11 March 2026, an hour before an 8:00 UTC digest.
BEFORE_THE_DIGEST = datetime(2026, 3, 11, 7, tzinfo=UTC)


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def mail_app(app: FastAPI, settings: Settings, mail_server: MailServer) -> Iterator[FastAPI]:
    application = create_app(with_email(settings, mail_server.port))
    yield application
    application.state.engine.dispose()
    db.clock.frozen_at = None


def _daily_digest_text(mail_app: FastAPI, mail_server: MailServer, user: ApiUser) -> str:
    db.clock.frozen_at = BEFORE_THE_DIGEST
    with TestClient(mail_app) as client:
        client.headers["Authorization"] = f"Bearer {user.token}"
        response = client.patch("/api/me/digest", json={"enabled": True, "hour": 8})
        assert response.status_code == 200, response.text
    db.clock.frozen_at = datetime(2026, 3, 11, 8, 5, tzinfo=UTC)
    scheduler: Scheduler = mail_app.state.scheduler
    scheduler.tick()
    (message,) = mail_server.to(user.email)
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    text: str = part.get_content()
    return text.replace("\r\n", "\n")


def test_the_digest_says_how_the_week_and_the_streak_are_going(
    alice: ApiUser, mail_app: FastAPI, mail_server: MailServer
) -> None:
    set_goal(alice, applications_per_week=2)
    applied_on(alice, "2026-02-23", count=2)
    applied_on(alice, "2026-03-02", count=3)
    applied_on(alice, "2026-03-10")

    text = _daily_digest_text(mail_app, mail_server, alice)

    assert "This week: 1 of 2 applications; streak 2 weeks" in text.splitlines()


def test_the_digest_counts_contacts_when_that_goal_is_set_too(
    alice: ApiUser, mail_app: FastAPI, mail_server: MailServer
) -> None:
    set_goal(alice, applications_per_week=1, contacts_per_week=3)
    applied_on(alice, "2026-03-09")

    text = _daily_digest_text(mail_app, mail_server, alice)

    assert "This week: 1 of 1 applications, 0 of 3 contacts" in text.splitlines()


def test_without_a_goal_the_digest_says_nothing_of_one(
    alice: ApiUser, mail_app: FastAPI, mail_server: MailServer
) -> None:
    applied_on(alice, "2026-03-09")

    assert "This week:" not in _daily_digest_text(mail_app, mail_server, alice)
