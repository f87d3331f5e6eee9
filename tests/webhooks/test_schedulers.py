"""The scheduler sends webhooks; two of them (two processes, two engines) never send one twice."""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from fastapi import FastAPI

from jobtracker.db import build_engine, build_session_factory
from jobtracker.scheduler.runner import Scheduler
from jobtracker.webhooks.delivery import SEND_BATCH
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.scheduler.conftest import FakeClock
from tests.webhooks.builders import create_webhook, queued
from tests.webhooks.receiver import Receiver


def test_a_scheduler_round_sends_what_was_queued(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    create_webhook(alice, receiver.url())
    alice.create_application()

    result = app.state.scheduler.tick()

    assert result.webhooks_delivered == 1
    assert len(receiver.received) == 1


def test_two_processes_send_each_delivery_exactly_once(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    """Two schedulers, each with its own engine (as two processes have), tick at once: each
    event and each due reminder is sent once."""
    create_webhook(alice, receiver.url())
    create_webhook(alice, receiver.url(), events=["application.created"])
    for _ in range(SEND_BATCH):
        application = alice.create_application()
    due_soon = (clock.now + timedelta(hours=2)).isoformat()
    create_deliverable(alice, application["id"], title="Essay", due_at=due_soon)
    receiver.delay = 0.01
    settings = app.state.settings
    engines = [build_engine(settings.effective_database_url) for _ in range(2)]
    schedulers = [Scheduler(build_session_factory(engine), settings, clock) for engine in engines]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(3):
                clock.advance(seconds=30)
                list(pool.map(lambda scheduler: scheduler.tick(), schedulers))
    finally:
        for engine in engines:
            engine.dispose()

    bodies = [json.loads(received.body) for received in receiver.received]
    sent = Counter(body["id"] for body in bodies)
    assert len(sent) == 2 * SEND_BATCH + 1
    assert set(sent.values()) == {1}
    assert [body["event"] for body in bodies].count("deliverable.due") == 1
    rows = queued(app)
    assert all(row.state.value == "delivered" and row.attempts == 1 for row in rows)
