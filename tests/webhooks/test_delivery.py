"""Delivery to a receiver on 127.0.0.1: signed, retried after a failure with backoff, logged."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from sqlalchemy import update

from jobtracker.config import Settings
from jobtracker.webhooks import sender
from jobtracker.webhooks.delivery import KEEP_LOG, MAX_ATTEMPTS, RETRY_WAITS, prune
from jobtracker.webhooks.models import Webhook
from jobtracker.webhooks.signing import seal
from tests.factories import ApiUser
from tests.scheduler.conftest import FakeClock
from tests.webhooks.builders import attempts, create_webhook, queued, send_round
from tests.webhooks.receiver import Receiver, verifies


def test_an_event_arrives_signed_with_the_webhooks_secret(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    webhook = create_webhook(alice, receiver.url())
    application = alice.create_application(company="Acme", role="Engineer")

    assert send_round(app) == 1

    [received] = receiver.received
    assert verifies(received, webhook["secret"])
    assert not verifies(received, webhook["secret"] + "x")
    body = json.loads(received.body)
    assert body["event"] == "application.created"
    assert body["data"]["application"]["id"] == application["id"]
    assert body["data"]["application"]["company"] == "Acme"
    assert set(body) == {"id", "event", "created_at", "data"}
    assert received.headers["x-jobtracker-delivery"] == body["id"]
    assert received.headers["x-jobtracker-event"] == "application.created"
    assert received.headers["content-type"] == "application/json"
    assert received.headers["user-agent"].startswith("JobTracker/")
    assert received.path == "/hooks/jobtracker"


def test_a_500_is_retried_after_the_backoff_and_then_delivered(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    receiver.answers = [500]

    assert send_round(app) == 0  # answered 500
    clock.advance(seconds=RETRY_WAITS[0].total_seconds() - 1)
    assert send_round(app) == 0  # not due yet: nothing sent
    assert len(receiver.received) == 1
    clock.advance(seconds=1)
    assert send_round(app) == 1

    first, second = receiver.received
    assert first.body == second.body  # the same event, the same bytes
    assert first.headers["x-jobtracker-delivery"] == second.headers["x-jobtracker-delivery"]
    assert verifies(second, webhook["secret"])
    log = attempts(alice, webhook["id"])  # newest first
    assert [(row["status_code"], row["delivered"]) for row in log] == [(200, True), (500, False)]
    assert log[1]["error"] == "The receiver answered 500."
    assert log[0]["error"] is None
    assert all(row["event"] == "application.created" for row in log)
    [delivery] = queued(app)
    assert (delivery.state.value, delivery.attempts) == ("delivered", 2)


def test_each_wait_grows_and_the_last_failure_gives_up(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    receiver.answers = [503] * (MAX_ATTEMPTS + 1)

    send_round(app)
    for wait in RETRY_WAITS:
        clock.advance(seconds=wait.total_seconds())
        send_round(app)
    clock.advance(days=1)
    send_round(app)

    assert len(receiver.received) == MAX_ATTEMPTS
    [delivery] = queued(app)
    assert (delivery.state.value, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert len(attempts(alice, webhook["id"])) == MAX_ATTEMPTS


def test_a_receiver_that_cannot_be_reached_is_logged_and_retried(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    webhook = create_webhook(alice, receiver.url())
    closed = receiver.url().replace(str(receiver.port), "1")  # nothing listens on port 1
    alice.client.patch(f"/api/webhooks/{webhook['id']}", json={"url": closed})
    alice.create_application()

    send_round(app)

    [attempt] = attempts(alice, webhook["id"])
    assert attempt["status_code"] is None
    assert "couldn't connect to 127.0.0.1" in attempt["error"]
    [delivery] = queued(app)
    assert delivery.state.value == "pending"


def test_a_redirect_is_not_followed(app: FastAPI, alice: ApiUser, receiver: Receiver) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    receiver.answers = [302]
    receiver.answer_headers = {"Location": receiver.url("/elsewhere")}

    send_round(app)

    assert [received.path for received in receiver.received] == ["/hooks/jobtracker"]
    [attempt] = attempts(alice, webhook["id"])
    assert attempt["status_code"] == 302
    assert "don't follow redirects" in attempt["error"]


def test_a_rotated_secret_signs_the_next_send(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    rotated = alice.client.post(f"/api/webhooks/{webhook['id']}/rotate-secret").json()

    send_round(app)

    [received] = receiver.received
    assert rotated["secret"] != webhook["secret"]
    assert verifies(received, rotated["secret"])
    assert not verifies(received, webhook["secret"])


def test_send_test_delivers_a_ping_now_and_logs_it(alice: ApiUser, receiver: Receiver) -> None:
    webhook = create_webhook(alice, receiver.url())

    response = alice.client.post(f"/api/webhooks/{webhook['id']}/test")

    assert response.status_code == 200
    assert response.json()["delivered"] is True
    assert response.json()["status_code"] == 200
    [received] = receiver.received
    assert json.loads(received.body)["event"] == "ping"
    assert verifies(received, webhook["secret"])
    [attempt] = attempts(alice, webhook["id"])
    assert (attempt["event"], attempt["delivered"]) == ("ping", True)


def test_a_failed_test_says_what_the_receiver_answered_and_is_not_retried(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    webhook = create_webhook(alice, receiver.url())
    receiver.answers = [404]

    answer = alice.client.post(f"/api/webhooks/{webhook['id']}/test").json()
    clock.advance(hours=1)
    send_round(app)

    assert answer["delivered"] is False
    assert answer["error"] == "The receiver answered 404."
    assert len(receiver.received) == 1
    assert [row.state.value for row in queued(app)] == ["failed"]


def test_tests_are_limited_per_minute(alice: ApiUser, receiver: Receiver) -> None:
    webhook = create_webhook(alice, receiver.url())
    for _ in range(10):
        assert alice.client.post(f"/api/webhooks/{webhook['id']}/test").status_code == 200

    response = alice.client.post(f"/api/webhooks/{webhook['id']}/test")

    assert response.status_code == 429
    assert "tests in the last minute" in response.json()["error"]["message"]
    assert len(receiver.received) == 10


def test_a_target_now_resolving_to_a_private_address_is_refused_before_connecting(
    app: FastAPI,
    alice: ApiUser,
    dns: dict[str, list[str]],
    connections: list[str],
) -> None:
    dns["hooks.example"] = ["93.184.216.34"]
    webhook = create_webhook(alice, "https://hooks.example/jobtracker")
    alice.create_application()
    dns["hooks.example"] = ["10.0.0.7"]  # the name was pointed inside the network since

    send_round(app)

    assert connections == []
    [attempt] = attempts(alice, webhook["id"])
    assert "private network" in attempt["error"]
    assert attempt["status_code"] is None


def test_a_huge_answer_is_not_read_to_its_end(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    create_webhook(alice, receiver.url())
    alice.create_application()
    receiver.answer_bytes = 50 * 1024 * 1024

    assert send_round(app) == 1

    assert receiver.bytes_sent < receiver.answer_bytes


def test_a_receiver_slower_than_the_limit_is_cut_off_and_retried(
    app: FastAPI, alice: ApiUser, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sender, "SEND_SECONDS", 0.5)
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    receiver.delay = 2

    send_round(app)

    [attempt] = attempts(alice, webhook["id"])
    assert attempt["error"] == "The receiver didn't answer within 0.5 seconds."
    assert attempt["duration_ms"] < 1500
    assert [row.state.value for row in queued(app)] == ["pending"]


def test_old_deliveries_and_attempts_are_pruned(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    send_round(app)
    clock.advance(days=KEEP_LOG.days - 1)
    alice.create_application()
    send_round(app)

    clock.advance(days=2)
    pruned = prune(app.state.session_factory, clock.now)

    assert pruned == 1
    assert len(queued(app)) == 1
    assert len(attempts(alice, webhook["id"])) == 1


def test_a_secret_sealed_under_another_jwt_secret_is_reported_not_sent(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()
    with app.state.session_factory() as session:
        session.execute(
            update(Webhook)
            .where(Webhook.id == webhook["id"])
            .values(
                sealed_secret=seal(Settings(_env_file=None, jwt_secret="x" * 64), "whsec_other")
            )
        )
        session.commit()

    send_round(app)

    assert receiver.received == []
    [attempt] = attempts(alice, webhook["id"])
    assert "Rotate the secret in Settings" in attempt["error"]
