"""The daily limit holds under real concurrency: many questions at once through a real server."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI

from jobtracker.config import Settings
from tests.assistant.builders import conversation
from tests.factories import ApiUser
from tests.live_server import serve

CONCURRENT_QUESTIONS = 20
LIMIT = 3


@pytest.mark.postgres_only
def test_concurrent_questions_never_pass_the_daily_limit(
    backend: str, app: FastAPI, settings: Settings, alice: ApiUser
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serialises every writer; real concurrent connections need PostgreSQL")
    settings.ai_daily_messages_per_user = LIMIT
    application = alice.create_application()
    start = threading.Barrier(CONCURRENT_QUESTIONS)
    limits = httpx.Limits(max_connections=CONCURRENT_QUESTIONS)

    with (
        serve(app) as base_url,
        httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {alice.token}"},
            limits=limits,
            timeout=60,
        ) as http,
    ):

        def ask(number: int) -> int:
            start.wait()
            path = f"/api/applications/{application['id']}/assistant"
            return http.post(path, json={"message": f"Question {number}"}).status_code

        with ThreadPoolExecutor(max_workers=CONCURRENT_QUESTIONS) as pool:
            statuses = Counter(pool.map(ask, range(CONCURRENT_QUESTIONS)))

    assert statuses == {200: LIMIT, 429: CONCURRENT_QUESTIONS - LIMIT}
    body = conversation(alice, application["id"])
    assert body["usage"]["messages"] == LIMIT
    assert len([message for message in body["messages"] if message["role"] == "user"]) == LIMIT
