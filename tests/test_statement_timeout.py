"""PostgreSQL stops any one statement a request runs past DATABASE_STATEMENT_TIMEOUT_SECONDS,
and the API then answers a clear 503; the command line's engines have no such limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Connection, make_url, text
from sqlalchemy.exc import OperationalError

from jobtracker.config import Settings
from jobtracker.db import build_engine
from jobtracker.errors import QUERY_CANCELED
from tests.factories import ApiUser

TIMEOUT_SECONDS = 0.5


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("statement_timeout is a PostgreSQL setting")
    return database_url


@pytest.fixture
def settings(settings: Settings) -> Settings:
    settings.database_statement_timeout_seconds = TIMEOUT_SECONDS
    return settings


@pytest.fixture
def outside_connection(app: FastAPI) -> Iterator[Connection]:
    """Another client of the same database, in a transaction of its own."""
    engine = build_engine(app.state.settings.effective_database_url)
    with engine.connect() as connection:
        # Should the app wait on this connection's locks for good, PostgreSQL ends it soon.
        connection.execute(text("SET idle_in_transaction_session_timeout = '5s'"))
        connection.commit()
        yield connection
    engine.dispose()


def _statement_timeout(url: str) -> str:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW statement_timeout")).scalar_one())
    finally:
        engine.dispose()


def test_a_request_stuck_past_the_timeout_answers_503_and_changes_nothing(
    postgres_url: str, alice: ApiUser, outside_connection: Connection
) -> None:
    # Another transaction holds alice's row: creating an application waits on its lock.
    outside_connection.execute(
        text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": alice.id}
    )

    response = alice.client.post("/api/applications", json={"company": "Acme", "role": "Dev"})

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_timeout"
    assert "took the database too long" in response.json()["error"]["message"]
    outside_connection.rollback()
    assert alice.client.get("/api/applications").json()["total"] == 0


def test_the_next_request_after_a_timeout_works(
    postgres_url: str, alice: ApiUser, outside_connection: Connection
) -> None:
    outside_connection.execute(
        text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": alice.id}
    )
    assert (
        alice.client.post("/api/applications", json={"company": "A", "role": "B"}).status_code
        == 503
    )
    outside_connection.rollback()

    response = alice.client.post("/api/applications", json={"company": "A", "role": "B"})

    assert response.status_code == 201


def test_the_engine_stops_a_statement_that_runs_past_the_timeout(postgres_url: str) -> None:
    engine = build_engine(postgres_url, statement_timeout_seconds=0.2)
    try:
        with engine.connect() as connection, pytest.raises(OperationalError) as stopped:
            connection.execute(text("SELECT pg_sleep(30)"))
    finally:
        engine.dispose()

    assert getattr(stopped.value.orig, "sqlstate", None) == QUERY_CANCELED


def test_the_app_s_connections_carry_the_configured_timeout(
    postgres_url: str, alice: ApiUser, app: FastAPI
) -> None:
    with app.state.engine.connect() as connection:
        assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "500ms"


def test_the_command_line_s_engines_have_no_timeout(postgres_url: str) -> None:
    # Migrations (`db upgrade`) and the operator's restore build their engines like this.
    assert _statement_timeout(postgres_url) == "0"


def test_options_already_in_the_url_are_kept_beside_the_timeout(postgres_url: str) -> None:
    url = make_url(postgres_url).update_query_dict({"options": "-c application_name=kept"})
    engine = build_engine(url.render_as_string(hide_password=False), statement_timeout_seconds=2)
    try:
        with engine.connect() as connection:
            name = connection.execute(text("SHOW application_name")).scalar_one()
            timeout = connection.execute(text("SHOW statement_timeout")).scalar_one()
    finally:
        engine.dispose()

    assert (name, timeout) == ("kept", "2s")
