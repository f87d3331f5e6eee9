"""Migrations: upgrade, downgrade to nothing and upgrade again; and the models match them.

Each test gets a database of its own (a fresh SQLite file, or a PostgreSQL database created
next to the test database and dropped afterwards), so the API tests' schema is never touched.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from jobtracker import migrations
from jobtracker.db import build_engine
from jobtracker.models import Base
from tests.conftest import POSTGRES_URL
from tests.scratch_database import scratch_postgres_database

APP_TABLES = set(Base.metadata.tables)

SEED_ONE_APPLICATION_WITH_HISTORY = [
    "INSERT INTO users (id, email, display_name, password_hash, role, token_version, created_at)"
    " VALUES (1, 'a@example.com', 'A', 'x', 'user', 0, '2026-01-01 00:00:00.000000')",
    "INSERT INTO applications (id, owner_id, company, role, stage, priority, created_at,"
    " updated_at) VALUES (1, 1, 'Acme', 'Dev', 'wishlist', 'medium',"
    " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')",
    "INSERT INTO stage_events (id, application_id, owner_id, from_stage, to_stage, at)"
    " VALUES (1, 1, 1, NULL, 'wishlist', '2026-01-01 00:00:00.000000')",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    with scratch_postgres_database(POSTGRES_URL, "migrations") as database_url:
        yield database_url


@pytest.fixture
def engine(empty_database: str) -> Iterator[Engine]:
    engine = build_engine(empty_database)
    yield engine
    engine.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_upgrade_creates_every_table_and_the_settings_row(
    empty_database: str, engine: Engine
) -> None:
    migrations.upgrade(empty_database)

    assert _tables(engine) == APP_TABLES | {"alembic_version"}
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, registration_open FROM instance_settings"))
        assert [tuple(row) for row in rows] == [(1, True)]


def test_upgrade_downgrade_upgrade_round_trip(empty_database: str, engine: Engine) -> None:
    migrations.upgrade(empty_database)
    head = _revision(engine)

    migrations.downgrade(empty_database, "base")
    assert _tables(engine) == {"alembic_version"}
    assert _revision(engine) is None

    migrations.upgrade(empty_database)
    assert _tables(engine) == APP_TABLES | {"alembic_version"}
    assert _revision(engine) == head


def test_models_match_the_migrations(empty_database: str, engine: Engine) -> None:
    migrations.upgrade(empty_database)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []


def test_downgrading_one_step_at_a_time_reaches_base(empty_database: str, engine: Engine) -> None:
    migrations.upgrade(empty_database)

    while _revision(engine) is not None:
        migrations.downgrade(empty_database, "-1")

    assert _tables(engine) == {"alembic_version"}


# A later revision that makes SQLite rebuild the applications table, as batch mode does for
# most column changes there: copy to a new table, drop the old one, rename the new one.
REBUILD_REVISION = """
from alembic import op

revision = "rebuild_applications"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications", recreate="always"):
        pass


def downgrade() -> None:
    pass
"""


def test_rebuilding_a_table_on_sqlite_keeps_the_rows_that_point_at_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rebuild.sqlite3'}"
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "rebuild_applications.py").write_text(REBUILD_REVISION)
    config = migrations.alembic_config(url)
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations", os.pathsep.join([str(migrations.HERE / "versions"), str(versions)])
    )
    command.upgrade(config, "0001")
    engine = build_engine(url)
    with engine.begin() as connection:
        for statement in SEED_ONE_APPLICATION_WITH_HISTORY:
            connection.execute(text(statement))

    command.upgrade(config, "rebuild_applications")

    with engine.connect() as connection:
        events = connection.execute(text("SELECT COUNT(*) FROM stage_events")).scalar_one()
        applications = connection.execute(text("SELECT COUNT(*) FROM applications")).scalar_one()
    engine.dispose()
    assert (applications, events) == (1, 1)


def test_the_database_records_each_first_stage_and_each_move(
    empty_database: str, engine: Engine
) -> None:
    """The stage history triggers (0011) exist at head: a later migration that rebuilds the
    applications table on SQLite drops them, and must create them again."""
    migrations.upgrade(empty_database)
    user, application, _event = SEED_ONE_APPLICATION_WITH_HISTORY
    with engine.begin() as connection:
        connection.execute(text(user))
        connection.execute(text(application))
        connection.execute(
            text(
                "UPDATE applications SET stage = 'applied',"
                " updated_at = '2026-01-02 00:00:00.000000' WHERE id = 1"
            )
        )
        connection.execute(text("UPDATE applications SET company = 'Acme Inc' WHERE id = 1"))
        connection.execute(text("UPDATE applications SET stage = 'applied' WHERE id = 1"))
        events = connection.execute(
            text("SELECT from_stage, to_stage, at FROM stage_events ORDER BY id")
        ).all()
    engine.dispose()

    assert [(from_stage, to_stage) for from_stage, to_stage, _ in events] == [
        (None, "wishlist"),
        ("wishlist", "applied"),
    ]
    assert [str(at)[:10] for *_, at in events] == ["2026-01-01", "2026-01-02"]
