"""Small helpers for the scheduler's tests: users' zones and digests, messages by recipient."""

from __future__ import annotations

from email.message import EmailMessage

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from jobtracker.auth.models import User
from jobtracker.scheduler.models import OutboxMessage
from tests.factories import ApiUser
from tests.scheduler.conftest import PUBLIC_URL


def set_time_zone(app: FastAPI, user: ApiUser, zone_name: str) -> None:
    with app.state.session_factory() as session:
        session.execute(update(User).where(User.id == user.id).values(time_zone=zone_name))
        session.commit()


def subscribe(client: TestClient, **choice: object) -> None:
    response = client.patch("/api/me/digest", json={"enabled": True, **choice})
    assert response.status_code == 200, response.text


def outbox_rows(app: FastAPI) -> list[OutboxMessage]:
    with app.state.session_factory() as session:
        return list(session.query(OutboxMessage).order_by(OutboxMessage.id))


def link_in(message: EmailMessage, path: str) -> str:
    """The first link to `path` in the message's text, as a path on this site."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    text: str = part.get_content()
    for word in text.split():
        if word.startswith(PUBLIC_URL + path):
            return word.removeprefix(PUBLIC_URL)
    raise AssertionError(f"no link to {path} in the message")
