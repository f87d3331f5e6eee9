"""Deliverable counts: due in the next 7 days, overdue, done in the last 30 days."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from jobtracker.db import utcnow
from tests.analytics.histories import add_deliverable, analytics, set_done_at
from tests.factories import ApiUser


def deliverable_counts(user: ApiUser) -> dict[str, int]:
    return {name: count["value"] for name, count in analytics(user)["deliverables"].items()}


def test_open_deliverables_due_within_7_days_are_due_this_week(alice: ApiUser) -> None:
    now = utcnow()
    application_id = alice.create_application()["id"]
    for days in (0.1, 3, 6.9, 7.1, 30):
        add_deliverable(alice, application_id, due_at=(now + timedelta(days=days)).isoformat())
    add_deliverable(alice, application_id)  # no due date

    assert deliverable_counts(alice)["due_this_week"] == 3


def test_open_deliverables_past_their_due_time_are_overdue(alice: ApiUser) -> None:
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    application_id = alice.create_application()["id"]
    add_deliverable(alice, application_id, due_at=yesterday)
    add_deliverable(alice, application_id, due_at=yesterday, state="in_progress")
    add_deliverable(alice, application_id, due_at=yesterday, state="done")

    counts = deliverable_counts(alice)

    assert counts["overdue"] == 2
    assert counts["due_this_week"] == 0


def test_deliverables_done_in_the_last_30_days_are_counted(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    application_id = alice.create_application()["id"]
    recent = add_deliverable(alice, application_id, state="done")
    set_done_at(app, recent, now - timedelta(days=29))
    long_ago = add_deliverable(alice, application_id, state="done")
    set_done_at(app, long_ago, now - timedelta(days=31))
    add_deliverable(alice, application_id, state="in_progress")

    assert deliverable_counts(alice)["done_last_30_days"] == 1
