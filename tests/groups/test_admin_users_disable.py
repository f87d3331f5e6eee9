"""A disabled account: refused at sign-in in plain words, its sessions and tokens refused on
the next request, its data kept; re-enabling lets it sign in again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.digests import service as digests
from tests.auth.access_token_builders import create_token
from tests.auth.builders import CSRF_HEADER, bearer, login
from tests.auth.two_factor_builders import (
    StoppedClock,
    enroll,
    second_step,
    sign_in,
    stopped_clock,
)
from tests.factories import ApiUser
from tests.groups.admin_builders import change_user, read_user, stored_user
from tests.portability.builders import create_feed, read_feed

DISABLED = "This account has been disabled by the instance's admin"


@pytest.fixture
def second_process(settings: Settings) -> Iterator[TestClient]:
    """Another app on the same database, as a second worker or replica would be."""
    application = create_app(settings)
    with TestClient(application) as client:
        yield client
    application.state.engine.dispose()


def test_a_disabled_users_bearer_session_is_refused_on_the_next_request(
    alice: ApiUser, bob: ApiUser
) -> None:
    assert bob.client.get("/api/me").status_code == 200

    change_user(alice, bob.id, disabled=True)

    response = bob.client.get("/api/applications")
    assert response.status_code == 401
    assert response.json()["error"]["message"].startswith(DISABLED)
    assert (
        bob.client.post("/api/applications", json={"company": "A", "role": "B"}).status_code == 401
    )


def test_a_disabled_users_cookie_session_is_refused_and_cleared_for_whoami(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    session = login(client, bob)
    assert client.get("/api/me").status_code == 200

    change_user(alice, bob.id, disabled=True)

    refused = client.post(
        "/api/applications",
        json={"company": "Acme", "role": "Dev"},
        headers={CSRF_HEADER: session["csrf_token"]},
    )
    assert refused.status_code == 401
    assert refused.json()["error"]["message"].startswith(DISABLED)
    assert client.get("/api/auth/whoami").json() == {"user": None}


def test_a_disabled_users_access_tokens_are_refused(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    token = create_token(bob)["token"]
    assert client.get("/api/applications", headers=bearer(token)).status_code == 200

    change_user(alice, bob.id, disabled=True)

    response = client.get("/api/applications", headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["error"]["message"].startswith(DISABLED)


def test_a_disabled_user_cannot_sign_in_and_is_told_why(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    change_user(alice, bob.id, disabled=True)

    response = client.post("/api/auth/login", json={"email": bob.email, "password": bob.password})

    assert response.status_code == 403
    assert response.json()["error"]["message"].startswith(DISABLED)
    assert "jt_session" not in response.cookies


def test_a_wrong_password_on_a_disabled_account_says_nothing_of_it(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    change_user(alice, bob.id, disabled=True)

    response = client.post(
        "/api/auth/login", json={"email": bob.email, "password": "not the right one at all"}
    )

    assert response.status_code == 401
    assert "disabled" not in response.json()["error"]["message"]


def test_re_enabling_restores_sign_in_tokens_and_data_but_not_old_sessions(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    application = bob.create_application(company="Kept Ltd")
    token = create_token(bob)["token"]
    change_user(alice, bob.id, disabled=True)

    enabled = change_user(alice, bob.id, disabled=False)

    assert enabled["disabled_at"] is None
    assert bob.client.get("/api/me").status_code == 401  # the session from before stays ended
    signed_in = login(client, bob)
    assert signed_in["user"]["email"] == bob.email
    kept = client.get(f"/api/applications/{application['id']}", headers=bearer(token))
    assert kept.status_code == 200
    assert kept.json()["company"] == "Kept Ltd"


def test_disabling_keeps_the_users_data(app: FastAPI, alice: ApiUser, bob: ApiUser) -> None:
    bob.create_application()

    disabled = change_user(alice, bob.id, disabled=True)

    assert disabled["disabled_at"] is not None
    assert disabled["applications"] == 1
    stored = stored_user(app, bob.id)
    assert stored is not None
    assert stored.disabled_at is not None


def test_another_process_refuses_the_disabled_user_on_its_next_request(
    second_process: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    token = create_token(bob)["token"]
    # Warm: each credential is used on the other process first, so nothing it kept can help.
    assert second_process.get("/api/me", headers=bearer(bob.token)).status_code == 200
    assert second_process.get("/api/applications", headers=bearer(token)).status_code == 200

    change_user(alice, bob.id, disabled=True)

    assert second_process.get("/api/me", headers=bearer(bob.token)).status_code == 401
    assert second_process.get("/api/applications", headers=bearer(token)).status_code == 401
    refused = second_process.post(
        "/api/auth/login", json={"email": bob.email, "password": bob.password}
    )
    assert refused.status_code == 403


def test_a_disabled_users_calendar_feed_stops_and_comes_back(
    client: TestClient, alice: ApiUser, bob: ApiUser
) -> None:
    url = create_feed(bob)
    read_feed(client, url)

    change_user(alice, bob.id, disabled=True)
    assert client.get(url).status_code == 404

    change_user(alice, bob.id, disabled=False)
    read_feed(client, url)


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    yield from stopped_clock()


def test_a_two_factor_sign_in_is_recorded_and_refused_once_disabled(
    client: TestClient, alice: ApiUser, bob: ApiUser, clock: StoppedClock
) -> None:
    enrolled = enroll(bob, clock)
    challenge = sign_in(client, bob).json()["challenge"]
    assert second_step(client, challenge, enrolled.app.code()).status_code == 200
    assert read_user(alice, bob.id)["last_sign_in_at"] is not None
    pending = sign_in(client, bob).json()["challenge"]

    change_user(alice, bob.id, disabled=True)

    # A challenge answered after the account was disabled opens no session.
    refused = second_step(client, pending, enrolled.app.code())
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].startswith(DISABLED)


def test_a_disabled_user_gets_no_digest_until_enabled_again(
    app: FastAPI, settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.smtp_host = "127.0.0.1"  # email set up (nothing is sent: messages wait in the outbox)
    for user in (alice, bob):
        subscribed = user.client.patch("/api/me/digest", json={"enabled": True, "hour": 8})
        assert subscribed.status_code == 200, subscribed.text
    morning = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
    change_user(alice, bob.id, disabled=True)

    assert digests.queue_due(app.state.session_factory, settings, morning) == 1  # alice's

    change_user(alice, bob.id, disabled=False)
    assert digests.queue_due(app.state.session_factory, settings, morning) == 1  # bob's
