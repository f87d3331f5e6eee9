"""The quota holds under real concurrency: many creates at once through a real server."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI

from jobtracker.config import Settings
from tests.applications.builders import list_applications
from tests.factories import ApiUser
from tests.live_server import serve

CONCURRENT_CREATES = 50
LIMIT = 5


def _create_all_at_once(base_url: str, token: str, count: int) -> Counter[int]:
    start = threading.Barrier(count)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)

    with httpx.Client(base_url=base_url, headers=headers, limits=limits, timeout=60) as http:

        def create(number: int) -> int:
            start.wait()
            body = {"company": f"Racer {number}", "role": "Engineer"}
            return http.post("/api/applications", json=body).status_code

        with ThreadPoolExecutor(max_workers=count) as pool:
            return Counter(pool.map(create, range(count)))


@pytest.mark.postgres_only
def test_concurrent_creates_never_pass_the_limit(
    backend: str, app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_applications_per_user = LIMIT

    with serve(app) as base_url:
        statuses = _create_all_at_once(base_url, alice.token, CONCURRENT_CREATES)

    assert statuses == {201: LIMIT, 403: CONCURRENT_CREATES - LIMIT}
    assert list_applications(alice)["total"] == LIMIT


@pytest.mark.postgres_only
def test_concurrent_creates_by_a_user_one_below_the_limit_add_exactly_one(
    backend: str, app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.max_applications_per_user = LIMIT
    for _ in range(LIMIT - 1):
        alice.create_application()

    with serve(app) as base_url:
        statuses = _create_all_at_once(base_url, alice.token, CONCURRENT_CREATES)

    assert statuses == {201: 1, 403: CONCURRENT_CREATES - 1}
    assert list_applications(alice)["total"] == LIMIT
