"""Forgot password: one single-use link by email, one answer for any address, sessions end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.scheduler.runner import Scheduler
from tests.factories import ApiUser
from tests.mail_server import MailServer, free_port
from tests.scheduler.conftest import FakeClock, with_email
from tests.scheduler.helpers import link_in, outbox_rows

NEW_PASSWORD = "a brand new passphrase 42"


def _ask(client: TestClient, email: str) -> dict[str, object]:
    response = client.post("/api/auth/forgot-password", json={"email": email})
    assert response.status_code == 202, response.text
    body: dict[str, object] = response.json()
    return body


def _token_from_mail(mail_app: FastAPI, mail_server: MailServer, email: str) -> str:
    mail_app.state.scheduler.tick()
    [message] = mail_server.to(email)
    return link_in(message, "/reset-password").split("token=", 1)[1]


def test_the_link_sets_a_new_password_once_and_signs_every_session_out(
    mail_app: FastAPI,
    mail_client: TestClient,
    mail_server: MailServer,
    alice: ApiUser,
) -> None:
    _ask(mail_client, "Alice@Example.com")
    token = _token_from_mail(mail_app, mail_server, "alice@example.com")

    response = mail_client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert alice.client.get("/api/me").status_code == 401  # the old session ended
    login = mail_client.post(
        "/api/auth/login", json={"email": "alice@example.com", "password": NEW_PASSWORD}
    )
    assert login.status_code == 200
    again = mail_client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": "another passphrase 7"}
    )
    assert again.status_code == 404
    assert "expired or was already used" in again.json()["error"]["message"]


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    mail_app: FastAPI, mail_client: TestClient, mail_server: MailServer, alice: ApiUser
) -> None:
    known = _ask(mail_client, "alice@example.com")
    unknown = _ask(mail_client, "nobody@example.com")
    mail_app.state.scheduler.tick()

    assert known == unknown
    assert [message["To"] for message in mail_server.messages] == ["alice@example.com"]


def test_the_link_expires_after_30_minutes(
    mail_app: FastAPI,
    mail_client: TestClient,
    mail_server: MailServer,
    clock: FakeClock,
    alice: ApiUser,
) -> None:
    _ask(mail_client, "alice@example.com")
    token = _token_from_mail(mail_app, mail_server, "alice@example.com")
    clock.advance(minutes=30)

    response = mail_client.post(
        "/api/auth/reset-password", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 404
    assert alice.client.get("/api/me").status_code == 200


def test_a_weak_new_password_is_refused_by_field(mail_client: TestClient) -> None:
    response = mail_client.post(
        "/api/auth/reset-password", json={"token": "whatever", "new_password": "short"}
    )
    assert response.status_code == 422
    assert "new_password" in response.json()["error"]["fields"]


def test_asking_is_rate_limited_per_address(mail_client: TestClient, alice: ApiUser) -> None:
    for _ in range(3):
        _ask(mail_client, "alice@example.com")
    response = mail_client.post("/api/auth/forgot-password", json={"email": "alice@example.com"})

    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_without_email_resets_are_off_and_say_to_ask_the_admin(client: TestClient) -> None:
    response = client.post("/api/auth/forgot-password", json={"email": "alice@example.com"})

    assert response.status_code == 409
    assert "Ask the instance's admin" in response.json()["error"]["message"]


def test_a_failed_send_is_recorded_and_retried_with_backoff(
    mail_app: FastAPI,
    mail_client: TestClient,
    mail_server: MailServer,
    clock: FakeClock,
    alice: ApiUser,
) -> None:
    _ask(mail_client, "alice@example.com")
    broken = with_email(mail_app.state.settings, free_port())  # nothing listens there
    Scheduler(mail_app.state.session_factory, broken, clock).tick()
    [row] = outbox_rows(mail_app)
    assert (row.attempts, row.sent_at, row.last_error) == (1, None, "ConnectionRefusedError")
    assert row.next_attempt_at == clock.now + timedelta(minutes=1)

    mail_app.state.scheduler.tick()  # the server is back, but the wait is not over
    assert mail_server.messages == []
    clock.advance(minutes=1)
    mail_app.state.scheduler.tick()
    [row] = outbox_rows(mail_app)
    assert (row.attempts, row.sent_at) == (2, clock.now)
    assert len(mail_server.to("alice@example.com")) == 1


def test_the_admin_sets_a_password_when_there_is_no_email(
    make_user: Callable[..., ApiUser],
) -> None:
    admin = make_user(email="admin@example.com")  # the first account is the admin
    bob = make_user(email="bob@example.com")

    refused = bob.client.post(
        "/api/admin/set-password", json={"email": "admin@example.com", "new_password": NEW_PASSWORD}
    )
    assert refused.status_code == 403
    response = admin.client.post(
        "/api/admin/set-password", json={"email": "bob@example.com", "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert bob.client.get("/api/me").status_code == 401
    missing = admin.client.post(
        "/api/admin/set-password", json={"email": "no@example.com", "new_password": NEW_PASSWORD}
    )
    assert missing.status_code == 404


def test_the_admin_test_email_arrives(
    make_user: Callable[..., ApiUser],
    as_mail_user: Callable[[ApiUser], TestClient],
    mail_server: MailServer,
) -> None:
    admin = make_user(email="admin@example.com")
    user = make_user(email="user@example.com")

    assert as_mail_user(user).post("/api/admin/test-email").status_code == 403
    response = as_mail_user(admin).post("/api/admin/test-email")
    assert response.status_code == 200, response.text
    [message] = mail_server.messages
    assert message["To"] == "admin@example.com"
    assert admin.client.post("/api/admin/test-email").status_code == 409  # app without email


def test_sent_messages_are_kept_30_days_then_pruned(
    mail_app: FastAPI,
    mail_client: TestClient,
    mail_server: MailServer,
    clock: FakeClock,
    alice: ApiUser,
) -> None:
    _ask(mail_client, "alice@example.com")
    mail_app.state.scheduler.tick()
    clock.advance(days=30)
    mail_app.state.scheduler.tick()
    assert len(outbox_rows(mail_app)) == 1

    clock.advance(seconds=1)
    mail_app.state.scheduler.tick()
    assert outbox_rows(mail_app) == []
