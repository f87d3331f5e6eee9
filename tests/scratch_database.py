"""PostgreSQL databases beside TEST_DATABASE_URL: one per xdist worker, and scratch ones a test
creates and drops."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import make_url, text

from jobtracker.db import build_engine


def sibling_database_url(server_url: str, suffix: str) -> str:
    """The URL of the database named after server_url's plus `_suffix`, on the same server."""
    url = make_url(server_url)
    return url.set(database=f"{url.database}_{suffix}").render_as_string(hide_password=False)


def create_database_if_missing(server_url: str, database_url: str) -> None:
    """Create database_url's database through server_url's unless it exists; it is kept, so the
    next run reuses it (the suite resets its schema at the start anyway)."""
    name = make_url(database_url).database
    admin = build_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


@contextmanager
def scratch_postgres_database(server_url: str, suffix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database named after the test database plus suffix."""
    scratch_url = sibling_database_url(server_url, suffix)
    name = make_url(scratch_url).database
    admin = build_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            # FORCE: a run that was killed may have left a connection to it behind.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield scratch_url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
