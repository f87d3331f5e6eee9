"""The trash's purge: what has been in it over 30 days is deleted for good, for every user."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import func, select, update

from jobtracker.applications import lifecycle
from jobtracker.applications.models import Application, StageEvent
from jobtracker.db import utcnow
from tests.factories import ApiUser


def _trash_at(app: FastAPI, application_id: int, moment: datetime) -> None:
    with app.state.session_factory() as session:
        session.execute(
            update(Application).where(Application.id == application_id).values(deleted_at=moment)
        )
        session.commit()


def _trash_ids(user: ApiUser) -> list[int]:
    return [item["id"] for item in user.client.get("/api/applications/trash").json()["items"]]


def _purge(app: FastAPI, now: datetime) -> int:
    with app.state.session_factory() as session:
        return lifecycle.purge_expired_trash(session, now)


def test_only_what_has_been_in_the_trash_over_30_days_is_purged(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    now = utcnow()
    old = alice.create_application()
    recent = alice.create_application()
    bobs_old = bob.create_application()
    live = alice.create_application()
    _trash_at(app, old["id"], now - timedelta(days=30, seconds=1))
    _trash_at(app, recent["id"], now - timedelta(days=29, hours=23))
    _trash_at(app, bobs_old["id"], now - timedelta(days=45))

    assert _purge(app, now) == 2

    assert _trash_ids(alice) == [recent["id"]]
    assert _trash_ids(bob) == []
    assert alice.client.get(f"/api/applications/{live['id']}").status_code == 200
    with app.state.session_factory() as session:
        events = session.scalar(
            select(func.count())
            .select_from(StageEvent)
            .where(StageEvent.application_id == old["id"])
        )
    assert events == 0


def test_a_moved_clock_purges_what_was_recent_and_a_second_run_finds_nothing(
    app: FastAPI, alice: ApiUser
) -> None:
    application = alice.create_application()
    alice.client.delete(f"/api/applications/{application['id']}")

    assert _purge(app, utcnow()) == 0
    assert _purge(app, utcnow() + timedelta(days=30, minutes=1)) == 1
    assert _purge(app, utcnow() + timedelta(days=30, minutes=1)) == 0
    assert _trash_ids(alice) == []


def test_the_scheduler_purges_the_trash_on_its_rounds(app: FastAPI, alice: ApiUser) -> None:
    expired = alice.create_application()
    recent = alice.create_application()
    now = utcnow()
    _trash_at(app, expired["id"], now - timedelta(days=31))
    _trash_at(app, recent["id"], now - timedelta(days=1))

    assert app.state.scheduler.tick().trash_purged == 1
    assert app.state.scheduler.tick().trash_purged == 0

    assert _trash_ids(alice) == [recent["id"]]
