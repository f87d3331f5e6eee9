"""The stop button: closing the stream stops the provider and keeps what was written so far."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI

from tests.assistant.builders import conversation
from tests.assistant.fake_providers import FakeProvider
from tests.factories import ApiUser
from tests.live_server import serve

CHUNKS = [f"part {number} " for number in range(40)]


@contextmanager
def _first_delta_then_stop(app: FastAPI, user: ApiUser, application_id: int) -> Iterator[None]:
    """Ask on a real server, read until the first piece of the answer, then hang up."""
    with (
        serve(app) as base_url,
        httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {user.token}"}, timeout=10
        ) as client,
    ):
        with client.stream(
            "POST", f"/api/applications/{application_id}/assistant", json={"message": "Hi"}
        ) as response:
            assert response.status_code == 200
            for line in response.iter_lines():
                if line == "event: delta":
                    break
        yield  # the server is still up, finishing its side


def _eventually(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("the server did not get there in time")
        time.sleep(0.05)


@pytest.fixture
def slow_answer(openai: FakeProvider) -> FakeProvider:
    openai.script.chunks = CHUNKS
    openai.script.delay_between = 0.1
    return openai


def test_stopped_answer_is_kept_with_what_was_written(
    app: FastAPI, alice: ApiUser, slow_answer: FakeProvider
) -> None:
    application = alice.create_application()

    with _first_delta_then_stop(app, alice, application["id"]):
        _eventually(lambda: len(conversation(alice, application["id"])["messages"]) == 2)

    answer = conversation(alice, application["id"])["messages"][1]
    assert answer["status"] == "stopped"
    assert answer["content"].startswith("part 0 ")
    assert len(answer["content"]) < len("".join(CHUNKS))


def test_stopping_closes_the_providers_stream(
    app: FastAPI, alice: ApiUser, slow_answer: FakeProvider
) -> None:
    application = alice.create_application()

    with _first_delta_then_stop(app, alice, application["id"]):
        _eventually(lambda: slow_answer.abandoned == 1)


def test_stopped_answer_can_be_retried(
    app: FastAPI, alice: ApiUser, slow_answer: FakeProvider
) -> None:
    application = alice.create_application()
    with _first_delta_then_stop(app, alice, application["id"]):
        _eventually(lambda: len(conversation(alice, application["id"])["messages"]) == 2)
    slow_answer.script.delay_between = 0

    response = alice.client.post(f"/api/applications/{application['id']}/assistant/retry")

    assert response.status_code == 200
    assert conversation(alice, application["id"])["messages"][1]["status"] == "complete"
