"""Each request's database session: GETs read in autocommit mode, writes in one transaction,
and a streamed export still gets the transaction its server-side cursor needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event

from tests.factories import ApiUser


def _in_autocommit(dbapi_connection: Any) -> bool:
    # psycopg says so itself; Python 3.11's sqlite3 by an isolation level of None.
    if hasattr(dbapi_connection, "pgconn"):
        return bool(dbapi_connection.autocommit)
    return dbapi_connection.isolation_level is None


@pytest.fixture
def statements(app: FastAPI) -> Iterator[list[tuple[str, bool]]]:
    """Every statement the app runs, with whether its connection was in autocommit mode."""
    seen: list[tuple[str, bool]] = []
    engine = app.state.engine

    def note(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((statement, _in_autocommit(connection.connection.dbapi_connection)))

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def test_a_get_reads_in_autocommit_mode(alice: ApiUser, statements: list[tuple[str, bool]]) -> None:
    alice.create_application()
    statements.clear()

    assert alice.client.get("/api/applications").status_code == 200

    assert statements
    assert all(autocommit for _, autocommit in statements)


def test_a_write_runs_in_one_transaction(
    alice: ApiUser, statements: list[tuple[str, bool]]
) -> None:
    assert alice.client.post("/api/applications", json={"company": "A", "role": "B"}).is_success

    assert statements
    assert not any(autocommit for _, autocommit in statements)


def test_an_export_streams_its_rows_inside_a_transaction(
    alice: ApiUser, statements: list[tuple[str, bool]], backend: str
) -> None:
    for number in range(3):
        alice.create_application(company=f"Company {number}")
    statements.clear()

    exported = alice.client.get("/api/export/applications.csv")

    assert exported.status_code == 200
    assert exported.text.count("Company ") == 3
    streamed = [
        autocommit for statement, autocommit in statements if "FROM applications" in statement
    ]
    assert streamed
    if backend == "postgresql":  # its server-side cursor lives in a transaction
        assert not any(streamed)


def test_no_query_is_left_prepared_on_a_pooled_connection(
    app: FastAPI, alice: ApiUser, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("prepared statements and generic plans are PostgreSQL's")
    alice.create_application(tags=["remote"])
    for _ in range(12):  # past psycopg's threshold and PostgreSQL's five custom plans
        answer = alice.client.get("/api/analytics", params={"tag": "remote"})
        assert answer.status_code == 200

    with app.state.reading_engine.connect() as connection:
        prepared = connection.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements")
        assert prepared.scalar() == 0
