"""Builders for weekly-goal tests: the goal set through the API, applications and contacts
dated in past weeks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import update

from jobtracker.contacts.models import Contact
from tests.factories import ApiUser


def set_goal(user: ApiUser, **targets: Any) -> dict[str, Any]:
    response = user.client.put("/api/goals", json=targets)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def read_goal(user: ApiUser) -> dict[str, Any]:
    response = user.client.get("/api/goals")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def applied_on(user: ApiUser, day: str, count: int = 1) -> None:
    for _ in range(count):
        user.create_application(stage="applied", applied_on=day)


def add_contact(user: ApiUser, app: FastAPI, added_at: datetime) -> None:
    application = user.create_application()["id"]
    response = user.client.post(
        f"/api/applications/{application}/contacts", json={"name": "Grace Hopper"}
    )
    assert response.status_code == 201, response.text
    with app.state.session_factory() as session:
        session.execute(
            update(Contact).where(Contact.id == response.json()["id"]).values(created_at=added_at)
        )
        session.commit()


def weeks(body: dict[str, Any]) -> list[tuple[str, int, int, bool | None]]:
    return [
        (week["week_start"], week["applications"], week["contacts"], week["met"])
        for week in body["recent_weeks"]
    ]
