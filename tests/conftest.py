"""Test fixtures: every API test runs on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL.

The schema comes from the real migrations; each test starts from empty tables.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.auth import security
from jobtracker.config import Settings
from jobtracker.db import build_engine
from jobtracker.instance.models import SETTINGS_ROW_ID
from jobtracker.models import Base
from tests.factories import ApiUser, register_user
from tests.scratch_database import create_database_if_missing, sibling_database_url

_configured = Settings(database_url=os.environ.get("TEST_DATABASE_URL", ""))
CONFIGURED_POSTGRES_URL = _configured.database_url
# Under pytest-xdist each worker process (gw0, gw1, ...) resets and migrates a database of its
# own, `{configured}_{worker}`, so no worker drops the schema another is using; the scratch
# databases named after it (`test_gw0_migrations`) are apart too. Run without -n, the
# configured database is used as it is.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
POSTGRES_URL = (
    sibling_database_url(CONFIGURED_POSTGRES_URL, XDIST_WORKER)
    if CONFIGURED_POSTGRES_URL and XDIST_WORKER
    else CONFIGURED_POSTGRES_URL
)
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]

# Local Gemini and OpenAI-compatible servers for the assistant's and capture's tests.
pytest_plugins = ["tests.assistant.provider_fixtures"]


def pytest_sessionstart(session: pytest.Session) -> None:
    if POSTGRES_URL != CONFIGURED_POSTGRES_URL:
        create_database_if_missing(CONFIGURED_POSTGRES_URL, POSTGRES_URL)


def reset_postgres_schema(url: str) -> None:
    engine = build_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _light_password_hashing() -> Iterator[None]:
    """Still argon2id, with a small memory and time cost: production keeps OWASP's defaults,
    which take ~0.1 s a hash by design, and the suite hashes thousands of passwords."""
    light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_hasher", light)
        unknown_email_hash = light.hash("an unknown email's password")
        patch.setattr(security, "_unknown_email_hash", lambda: unknown_email_hash)
        yield


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
    else:
        url = POSTGRES_URL
        reset_postgres_schema(url)
    migrations.upgrade(url)
    return url


@pytest.fixture
def backend(database_url: str) -> str:
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=tmp_path / "data",
        jwt_secret="test-secret-that-is-long-enough-for-hs256-0123456789",
        max_users=0,
        max_applications_per_user=0,
        static_dir=tmp_path / "no-ui",
        # Tests run the scheduler's rounds themselves, at the times they choose.
        scheduler_in_web=False,
    )


def _empty_all_tables(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # The app's engine may carry a test's short statement_timeout; emptying the tables is
            # set-up, not a request, and takes longer than that on a busy machine.
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
        connection.execute(
            text("INSERT INTO instance_settings (id, registration_open) VALUES (:id, :open)"),
            {"id": SETTINGS_ROW_ID, "open": True},
        )


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    _empty_all_tables(application.state.engine)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def statements(app: FastAPI) -> Iterator[list[str]]:
    """Every SQL statement the app runs while the test body does, to count or inspect."""
    seen: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", note)
    yield seen
    event.remove(app.state.engine, "before_cursor_execute", note)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def make_user(app: FastAPI) -> Iterator[Callable[..., ApiUser]]:
    clients: list[TestClient] = []

    def make(**fields: str) -> ApiUser:
        test_client = TestClient(app)
        clients.append(test_client)
        return register_user(test_client, **fields)

    yield make
    for test_client in clients:
        test_client.close()


@pytest.fixture
def alice(make_user: Callable[..., ApiUser]) -> ApiUser:
    return make_user(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(make_user: Callable[..., ApiUser]) -> ApiUser:
    return make_user(email="bob@example.com", display_name="Bob")
