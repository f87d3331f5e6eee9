"""On PostgreSQL the dashboard's smaller queries run on a second connection beside the history
pass, but only when the pool has one to spare: the answer is the same either way."""

from __future__ import annotations

import time

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from jobtracker.analytics import service
from jobtracker.analytics.schemas import AnalyticsFilters
from jobtracker.db import utcnow
from tests.analytics.histories import add_application, analytics, days_before
from tests.factories import ApiUser


@pytest.fixture
def postgresql_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite runs the queries one after another on its one file")


def _history(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    for path in (["applied", "screening", "interview"], ["applied", "rejected"], ["wishlist"]):
        steps = [(stage, days_before(now, 10 - step)) for step, stage in enumerate(path)]
        add_application(alice, app, steps)


@pytest.mark.usefixtures("postgresql_only")
def test_the_smaller_queries_run_on_a_second_connection(app: FastAPI, alice: ApiUser) -> None:
    _history(alice, app)
    connections: set[int] = set()

    def note(connection: object, *_args: object) -> None:
        connections.add(id(connection.connection.dbapi_connection))  # type: ignore[attr-defined]

    event.listen(app.state.engine, "before_cursor_execute", note)
    try:
        answer = analytics(alice)
    finally:
        event.remove(app.state.engine, "before_cursor_execute", note)

    assert answer["totals"]["applications"]["value"] == 3
    assert len(connections) == 2


@pytest.mark.usefixtures("postgresql_only")
def test_without_a_connection_to_spare_the_queries_run_in_turn(
    app: FastAPI, alice: ApiUser, database_url: str
) -> None:
    _history(alice, app)
    # One connection and no overflow: a second one could never be had.
    engine = create_engine(database_url, pool_size=1, max_overflow=0, pool_timeout=5)
    owner_id = alice.client.get("/api/me").json()["id"]
    now = utcnow()
    try:
        started = time.monotonic()
        with Session(engine) as session:
            alone = service.dashboard(session, owner_id, AnalyticsFilters(), now=now)
        assert time.monotonic() - started < 5  # no wait for the pool's timeout

        with Session(create_engine(database_url)) as session:
            beside = service.dashboard(session, owner_id, AnalyticsFilters(), now=now)
    finally:
        engine.dispose()

    assert alone == beside
