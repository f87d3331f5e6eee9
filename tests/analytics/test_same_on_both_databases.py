"""The same varied history gives exactly the same dashboard on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker import migrations
from jobtracker.analytics import service
from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.db import utcnow
from tests.analytics.histories import (
    add_application,
    add_deliverable,
    analytics,
    clear_applied_on,
    days_before,
    set_done_at,
)
from tests.factories import register_user

PATHS = [
    ["wishlist"],
    ["wishlist", "drafting"],
    ["applied"],
    ["applied", "ghosted"],
    ["applied", "rejected"],
    ["applied", "screening", "rejected"],
    ["applied", "screening", "interview"],
    ["applied", "interview", "offer", "accepted"],
    ["wishlist", "applied", "screening", "interview", "offer"],
    ["drafting", "applied", "screening", "applied", "screening", "interview", "rejected"],
    ["applied", "withdrawn"],
    ["wishlist", "rejected"],
]
TAGS = ["remote", "python", "startup"]


def fill_varied_history(user: Any, app: FastAPI, now: datetime) -> None:
    """Thirty applications of every kind of history, the same on every call."""
    rng = random.Random(6)
    for _ in range(30):
        stages = rng.choice(PATHS)
        # Walk back from the last move, so every moment is in the past.
        moment = days_before(now, rng.randint(0, 40) + rng.randint(0, 23) / 24)
        moments = [moment]
        for _stage in stages[1:]:
            moment -= timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 23))
            moments.insert(0, moment)
        applied_on = (now - timedelta(days=rng.randint(0, 500))).date().isoformat()
        application_id = add_application(
            user,
            app,
            list(zip(stages, moments, strict=True)),
            applied_on=applied_on,
            tags=rng.sample(TAGS, k=rng.randint(0, 2)),
        )
        if rng.random() < 0.2:
            clear_applied_on(user, application_id)
        for _deliverable in range(rng.randint(0, 2)):
            due_at = now + timedelta(days=rng.randint(-20, 20), hours=rng.randint(0, 23))
            state = rng.choice(["not_started", "in_progress", "done"])
            deliverable_id = add_deliverable(
                user, application_id, due_at=due_at.isoformat(), state=state
            )
            if state == "done":
                set_done_at(app, deliverable_id, days_before(now, rng.randint(0, 60)))


@contextmanager
def sqlite_twin(tmp_path: Path) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path / 'twin.sqlite3'}"
    migrations.upgrade(url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        data_dir=tmp_path / "twin-data",
        jwt_secret="test-secret-that-is-long-enough-for-hs256-0123456789",
        max_users=0,
        max_applications_per_user=0,
        static_dir=tmp_path / "no-ui",
    )
    twin = create_app(settings)
    try:
        yield twin
    finally:
        twin.state.engine.dispose()


def dashboards(app: FastAPI, now: datetime) -> list[dict[str, Any]]:
    with TestClient(app) as client:
        user = register_user(client, email="alice@example.com")
        fill_varied_history(user, app, now)
        return [
            analytics(user),
            analytics(user, tag="remote"),
            analytics(user, tag=["remote", "python"]),
            analytics(user, date_from=(now - timedelta(days=200)).date().isoformat()),
            analytics(user, date_from="2000-01-01", date_to=now.date().isoformat()),
        ]


def test_sqlite_and_postgresql_give_the_same_dashboard(
    backend: str, app: FastAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "postgresql":
        pytest.skip("compares SQLite with PostgreSQL; runs once, in the PostgreSQL pass")
    now = utcnow()
    # One clock for both, so time in the current stage is measured to the same moment.
    monkeypatch.setattr(service, "utcnow", lambda: now)

    on_postgresql = dashboards(app, now)
    with sqlite_twin(tmp_path) as twin:
        on_sqlite = dashboards(twin, now)

    full = on_postgresql[0]
    assert full["totals"]["applications"]["value"] == 30
    assert full["time_to_first_response"]["applications"] > 0
    assert any(not link["forward"] for link in full["stage_flows"]["links"])
    assert on_sqlite == on_postgresql
