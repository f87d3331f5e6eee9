"""Builders for analytics tests: applications moved through their stages by the API, then dated.

A user can only move an application through its stages now, so the stage events each move
wrote are given their chosen past moments afterwards, through the ORM session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, update

from jobtracker.applications.models import Application, StageEvent
from jobtracker.deliverables.models import Deliverable
from tests.factories import ApiUser


def days_before(now: datetime, days: float) -> datetime:
    return now - timedelta(days=days)


def add_application(
    user: ApiUser, app: FastAPI, history: Sequence[tuple[str, datetime]], **fields: Any
) -> int:
    """An application that went through these (stage, moment) steps, created at the first."""
    (first_stage, _), *moves = history
    application_id: int = user.create_application(stage=first_stage, **fields)["id"]
    for stage, _moment in moves:
        response = user.client.patch(f"/api/applications/{application_id}", json={"stage": stage})
        assert response.status_code == 200, response.text
    with app.state.session_factory() as session:
        events = session.scalars(
            select(StageEvent)
            .where(StageEvent.application_id == application_id)
            .order_by(StageEvent.id)
        ).all()
        for event, (stage, moment) in zip(events, history, strict=True):
            assert event.to_stage == stage
            event.at = moment
        session.execute(
            update(Application)
            .where(Application.id == application_id)
            .values(created_at=history[0][1])
        )
        session.commit()
    return application_id


def clear_applied_on(user: ApiUser, application_id: int) -> None:
    response = user.client.patch(f"/api/applications/{application_id}", json={"applied_on": None})
    assert response.status_code == 200, response.text


def set_created_at(app: FastAPI, application_id: int, moment: datetime) -> None:
    with app.state.session_factory() as session:
        session.execute(
            update(Application).where(Application.id == application_id).values(created_at=moment)
        )
        session.commit()


def add_deliverable(user: ApiUser, application_id: int, **fields: Any) -> int:
    body = {"title": "Cover letter", **fields}
    response = user.client.post(f"/api/applications/{application_id}/deliverables", json=body)
    assert response.status_code == 201, response.text
    deliverable_id: int = response.json()["id"]
    return deliverable_id


def set_done_at(app: FastAPI, deliverable_id: int, moment: datetime) -> None:
    with app.state.session_factory() as session:
        session.execute(
            update(Deliverable).where(Deliverable.id == deliverable_id).values(done_at=moment)
        )
        session.commit()


def analytics(user: ApiUser, **params: Any) -> dict[str, Any]:
    response = user.client.get("/api/analytics", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def rate_values(body: dict[str, Any]) -> dict[str, tuple[int, int, float | None]]:
    return {
        name: (rate["numerator"], rate["denominator"], rate["value"])
        for name, rate in body["rates"].items()
    }


def funnel_counts(body: dict[str, Any]) -> dict[str, int]:
    return {step["stage"]: step["count"] for step in body["funnel"]["steps"]}


def stage_times(body: dict[str, Any]) -> dict[str, tuple[int, float | None, float | None]]:
    return {
        row["stage"]: (row["applications"], row["average_days"], row["median_days"])
        for row in body["time_in_stage"]["stages"]
    }


def flows(body: dict[str, Any]) -> dict[tuple[str, str], tuple[int, bool]]:
    return {
        (link["source"], link["target"]): (link["count"], link["forward"])
        for link in body["stage_flows"]["links"]
    }


def points(body: dict[str, Any], interval: str) -> list[tuple[str, int, int]]:
    return [
        (point["period"], point["count"], point["cumulative"])
        for point in body["applications_over_time"][interval]["points"]
    ]
