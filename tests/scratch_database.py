"""A PostgreSQL database of a test's own, created beside TEST_DATABASE_URL and dropped after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import make_url, text

from jobtracker.db import build_engine


@contextmanager
def scratch_postgres_database(server_url: str, suffix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database named after the test database plus suffix."""
    url = make_url(server_url)
    name = f"{url.database}_{suffix}"
    admin = build_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            # FORCE: a run that was killed may have left a connection to it behind.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
