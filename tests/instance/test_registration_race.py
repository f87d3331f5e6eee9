"""MAX_USERS holds under real concurrency: many registrations at once through a real server."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from jobtracker.auth.models import User
from jobtracker.config import Settings
from tests.factories import DEFAULT_PASSWORD
from tests.live_server import serve

CONCURRENT_REGISTRATIONS = 20
MAX_USERS = 3


def register_all_at_once(base_url: str, emails: list[str]) -> Counter[int]:
    start = threading.Barrier(len(emails))
    limits = httpx.Limits(max_connections=len(emails), max_keepalive_connections=len(emails))

    with httpx.Client(base_url=base_url, limits=limits, timeout=60) as http:

        def register(email: str) -> int:
            start.wait()
            body = {"email": email, "password": DEFAULT_PASSWORD}
            return http.post("/api/auth/register", json=body).status_code

        with ThreadPoolExecutor(max_workers=len(emails)) as pool:
            return Counter(pool.map(register, emails))


def user_count(app: FastAPI) -> int:
    with app.state.session_factory() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


@pytest.mark.postgres_only
def test_concurrent_registrations_never_pass_max_users(
    backend: str, app: FastAPI, settings: Settings
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_users = MAX_USERS
    emails = [f"racer{number}@example.com" for number in range(CONCURRENT_REGISTRATIONS)]

    with serve(app) as base_url:
        statuses = register_all_at_once(base_url, emails)

    assert statuses == {201: MAX_USERS, 403: CONCURRENT_REGISTRATIONS - MAX_USERS}
    assert user_count(app) == MAX_USERS


@pytest.mark.postgres_only
def test_concurrent_registrations_make_exactly_one_admin(
    backend: str, app: FastAPI, settings: Settings
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_users = 0
    emails = [f"founder{number}@example.com" for number in range(CONCURRENT_REGISTRATIONS)]

    with serve(app) as base_url:
        statuses = register_all_at_once(base_url, emails)

    assert statuses == {201: CONCURRENT_REGISTRATIONS}
    with app.state.session_factory() as session:
        admins = session.scalar(select(func.count()).select_from(User).where(User.role == "admin"))
    assert admins == 1


@pytest.mark.postgres_only
def test_concurrent_registrations_of_one_email_make_one_account(
    backend: str, app: FastAPI, settings: Settings
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    emails = ["same@example.com"] * CONCURRENT_REGISTRATIONS

    with serve(app) as base_url:
        statuses = register_all_at_once(base_url, emails)

    assert statuses == {201: 1, 409: CONCURRENT_REGISTRATIONS - 1}
    assert user_count(app) == 1
