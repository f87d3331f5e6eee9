"""Registration with email set up: one answer for every address, the account opened by its link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from jobtracker.auth.models import PendingRegistration
from jobtracker.config import Settings
from jobtracker.db import utcnow
from tests.auth.builders import bearer
from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.instance.builders import change_settings
from tests.mail_server import HOST, MailServer, body_of, free_port, smtp_server

PUBLIC_URL = "https://jobs.example.org"
NEWCOMER = "newcomer@example.com"


@pytest.fixture
def mailbox(settings: Settings, alice: ApiUser) -> Iterator[MailServer]:
    """Email set up on an instance that already has its admin (Alice)."""
    with smtp_server() as server:
        settings.smtp_host = HOST
        settings.smtp_port = server.port
        settings.smtp_from = "Job Tracker <jobs@example.org>"
        settings.smtp_starttls = False
        settings.public_url = PUBLIC_URL
        yield server


def sign_up(client: TestClient, email: str = NEWCOMER) -> object:
    return client.post("/api/auth/register", json={"email": email, "password": DEFAULT_PASSWORD})


def link_token(mailbox: MailServer, email: str = NEWCOMER) -> str:
    body = body_of(mailbox.to(email)[-1])
    found = re.search(re.escape(PUBLIC_URL) + r"/signup/confirm\?token=([A-Za-z0-9_-]+)", body)
    assert found, body
    return found.group(1)


def confirm(client: TestClient, token: str) -> object:
    return client.post("/api/auth/register/confirm", json={"token": token})


def can_sign_in(client: TestClient, email: str = NEWCOMER) -> bool:
    response = client.post("/api/auth/login", json={"email": email, "password": DEFAULT_PASSWORD})
    return response.status_code == 200


def test_a_new_address_is_answered_check_your_inbox(
    client: TestClient, mailbox: MailServer
) -> None:
    response = sign_up(client)

    assert response.status_code == 202
    assert "Check your inbox" in response.json()["message"]
    assert "set-cookie" not in response.headers


def test_an_existing_address_gets_exactly_the_same_answer(
    client: TestClient, mailbox: MailServer, alice: ApiUser
) -> None:
    new, existing = sign_up(client), sign_up(client, alice.email)

    assert (new.status_code, new.json()) == (existing.status_code, existing.json())


def test_a_new_address_is_mailed_a_sign_up_link(client: TestClient, mailbox: MailServer) -> None:
    sign_up(client)

    [message] = mailbox.to(NEWCOMER)
    assert "signing up" in message["Subject"]
    assert link_token(mailbox)


def test_an_existing_address_is_mailed_that_it_already_has_an_account(
    client: TestClient, mailbox: MailServer, alice: ApiUser
) -> None:
    sign_up(client, alice.email)

    [message] = mailbox.to(alice.email)
    assert "already have" in message["Subject"]
    assert f"{PUBLIC_URL}/login" in body_of(message)
    assert f"{PUBLIC_URL}/forgot-password" in body_of(message)
    assert "confirm" not in body_of(message)


def test_no_account_exists_until_the_link_is_followed(
    client: TestClient, mailbox: MailServer
) -> None:
    sign_up(client)

    assert not can_sign_in(client)


def test_the_link_opens_the_account_and_signs_in(client: TestClient, mailbox: MailServer) -> None:
    sign_up(client)

    response = confirm(client, link_token(mailbox))

    assert response.status_code == 201
    me = client.get("/api/me", headers=bearer(response.json()["access_token"]))
    assert me.json()["email"] == NEWCOMER
    assert can_sign_in(client)


def test_the_link_works_once(client: TestClient, mailbox: MailServer) -> None:
    sign_up(client)
    token = link_token(mailbox)
    confirm(client, token)

    response = confirm(client, token)

    assert response.status_code == 404
    assert "Sign up again" in response.json()["error"]["message"]


def test_an_expired_link_is_refused(app: FastAPI, client: TestClient, mailbox: MailServer) -> None:
    sign_up(client)
    with app.state.session_factory() as session:
        session.execute(
            update(PendingRegistration).values(expires_at=utcnow() - timedelta(minutes=1))
        )
        session.commit()

    assert confirm(client, link_token(mailbox)).status_code == 404
    assert not can_sign_in(client)


def test_signing_up_again_replaces_the_earlier_link(
    client: TestClient, mailbox: MailServer
) -> None:
    sign_up(client)
    first = link_token(mailbox)
    sign_up(client)
    second = link_token(mailbox)

    assert confirm(client, first).status_code == 404
    assert confirm(client, second).status_code == 201


def test_a_made_up_token_is_refused(client: TestClient, mailbox: MailServer) -> None:
    assert confirm(client, "x" * 43).status_code == 404


def test_a_link_followed_after_registration_closed_is_refused(
    client: TestClient, mailbox: MailServer, alice: ApiUser
) -> None:
    sign_up(client)
    change_settings(alice, registration_open=False)

    assert confirm(client, link_token(mailbox)).status_code == 403
    assert not can_sign_in(client)


def test_closed_registration_is_refused_alike_for_new_and_existing_addresses(
    client: TestClient, mailbox: MailServer, alice: ApiUser
) -> None:
    change_settings(alice, registration_open=False)

    new, existing = sign_up(client), sign_up(client, alice.email)

    assert new.status_code == existing.status_code == 403
    assert new.json() == existing.json()
    assert mailbox.messages == []


def test_a_mail_server_that_is_down_gets_a_clear_503_for_every_address(
    client: TestClient, settings: Settings, mailbox: MailServer, alice: ApiUser
) -> None:
    settings.smtp_port = free_port()

    new, existing = sign_up(client), sign_up(client, alice.email)

    assert new.status_code == existing.status_code == 503
    assert new.json() == existing.json()
    assert "try again" in new.json()["error"]["message"]
