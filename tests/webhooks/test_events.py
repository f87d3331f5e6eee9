"""Each event is queued once from each path that causes it, for its owner's webhooks only."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from jobtracker.webhooks import delivery
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.interviews.builders import create_interview
from tests.portability.builders import import_csv, make_csv
from tests.scheduler.conftest import FakeClock
from tests.webhooks.builders import body_of, create_webhook, events_of, queued, send_round
from tests.webhooks.receiver import Receiver


def _stage_changes(app: FastAPI) -> list[tuple[int, str, str]]:
    return [
        (body["data"]["application"]["id"], body["data"]["from"], body["data"]["to"])
        for body in map(body_of, queued(app))
        if body["event"] == "application.stage_changed"
    ]


def test_a_create_queues_application_created_once(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    create_webhook(alice, receiver.url())

    created = alice.create_application(company="Acme", stage="applied")

    [row] = queued(app)
    body = body_of(row)
    assert body["event"] == "application.created"
    assert body["data"]["application"]["id"] == created["id"]
    assert body["data"]["application"]["stage"] == "applied"
    assert body["id"] == row.event_id


def test_a_patch_of_the_stage_queues_stage_changed_once(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    application = alice.create_application()
    create_webhook(alice, receiver.url())

    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "applied"})
    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "applied"})
    alice.client.patch(f"/api/applications/{application['id']}", json={"company": "Renamed"})

    assert _stage_changes(app) == [(application["id"], "wishlist", "applied")]


def test_a_board_move_queues_stage_changed_once_and_a_reorder_none(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    first = alice.create_application()
    second = alice.create_application()
    create_webhook(alice, receiver.url())

    moved = alice.client.post(f"/api/board/cards/{first['id']}/move", json={"stage": "screening"})
    alice.client.post(
        f"/api/board/cards/{second['id']}/move", json={"stage": "wishlist", "after_id": None}
    )

    assert moved.status_code == 200, moved.text
    assert _stage_changes(app) == [(first["id"], "wishlist", "screening")]
    assert events_of(app) == ["application.stage_changed"]


def test_a_bulk_move_queues_one_event_per_application_that_moved(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    staying = alice.create_application(stage="interview")
    moving = [alice.create_application() for _ in range(2)]
    create_webhook(alice, receiver.url())
    ids = [staying["id"], *(application["id"] for application in moving)]

    response = alice.client.post(
        "/api/applications/bulk", json={"ids": ids, "action": "move", "stage": "interview"}
    )

    assert response.status_code == 200, response.text
    assert sorted(_stage_changes(app)) == [
        (application["id"], "wishlist", "interview") for application in moving
    ]


def test_creating_an_interview_queues_interview_scheduled_once(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    application = alice.create_application(company="Acme")
    create_webhook(alice, receiver.url(), events=["interview.scheduled"])

    interview = create_interview(
        alice, application["id"], starts_at="2030-05-06T10:00:00+00:00", kind="technical"
    )
    alice.client.patch(f"/api/interviews/{interview['id']}", json={"debrief": "Went well"})

    [row] = queued(app)
    data = body_of(row)["data"]
    assert body_of(row)["event"] == "interview.scheduled"
    assert data["interview"]["id"] == interview["id"]
    assert data["interview"]["kind"] == "technical"
    assert data["interview"]["starts_at"] == "2030-05-06T10:00:00+00:00"
    assert data["application"]["company"] == "Acme"
    assert data["rescheduled"] is False


def test_moving_an_interview_queues_it_again_as_rescheduled(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"], starts_at="2030-05-06T10:00:00+00:00")
    create_webhook(alice, receiver.url(), events=["interview.scheduled"])

    alice.client.patch(
        f"/api/interviews/{interview['id']}", json={"starts_at": "2030-05-07T15:00:00+00:00"}
    )
    alice.client.patch(f"/api/interviews/{interview['id']}", json={"prep_notes": "Read up"})

    [row] = queued(app)
    data = body_of(row)["data"]
    assert data["rescheduled"] is True
    assert data["interview"]["starts_at"] == "2030-05-07T15:00:00+00:00"
    assert data["application"]["id"] == application["id"]


def test_a_webhook_gets_only_the_events_it_chose(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    only_moves = create_webhook(alice, receiver.url(), events=["application.stage_changed"])

    application = alice.create_application()
    alice.client.patch(f"/api/applications/{application['id']}", json={"stage": "applied"})

    assert events_of(app, only_moves["id"]) == ["application.stage_changed"]


def test_a_disabled_webhook_gets_nothing_and_loses_what_was_waiting(
    app: FastAPI, alice: ApiUser, receiver: Receiver
) -> None:
    webhook = create_webhook(alice, receiver.url())
    alice.create_application()

    alice.client.patch(f"/api/webhooks/{webhook['id']}", json={"enabled": False})
    alice.create_application()
    send_round(app)

    assert queued(app) == []
    assert receiver.received == []


def test_an_import_queues_no_events(app: FastAPI, alice: ApiUser, receiver: Receiver) -> None:
    create_webhook(alice, receiver.url())
    content = make_csv([["Company", "Role", "Stage"], ["Acme", "Dev", "Applied"]])

    response = import_csv(alice, content)

    assert response.status_code == 201, response.text
    assert alice.client.get("/api/applications").json()["total"] == 1
    assert queued(app) == []


def test_a_deliverable_due_within_a_day_is_announced_once_per_due_date(
    app: FastAPI, alice: ApiUser, bob: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    application = alice.create_application(company="Acme")
    soon = create_deliverable(
        alice,
        application["id"],
        title="Essay",
        due_at=(clock.now + timedelta(hours=20)).isoformat(),
    )
    create_deliverable(  # not yet within the day
        alice,
        application["id"],
        title="Later",
        due_at=(clock.now + timedelta(hours=30)).isoformat(),
    )
    create_deliverable(  # done: nothing to remind of
        alice,
        application["id"],
        title="Done",
        state="done",
        due_at=(clock.now + timedelta(hours=2)).isoformat(),
    )
    webhook = create_webhook(alice, receiver.url(), events=["deliverable.due"])
    create_webhook(bob, receiver.url(), events=["deliverable.due"])
    factory = app.state.session_factory

    assert delivery.queue_due_deliverables(factory, clock.now) == 1
    assert delivery.queue_due_deliverables(factory, clock.now) == 0  # the next round
    clock.advance(hours=7)  # "Later" is now due within the day
    assert delivery.queue_due_deliverables(factory, clock.now) == 1
    new_due = (clock.now + timedelta(hours=3)).isoformat()
    alice.client.patch(f"/api/deliverables/{soon['id']}", json={"due_at": new_due})
    assert delivery.queue_due_deliverables(factory, clock.now) == 1  # a new due date

    bodies = [body_of(row) for row in queued(app)]
    assert [row.webhook_id for row in queued(app)] == [webhook["id"]] * 3
    assert [body["data"]["deliverable"]["title"] for body in bodies] == ["Essay", "Later", "Essay"]
    assert bodies[0]["data"]["application"]["company"] == "Acme"
    assert {body["event"] for body in bodies} == {"deliverable.due"}


def test_a_deliverable_of_an_application_in_the_trash_is_not_announced(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    application = alice.create_application()
    create_deliverable(
        alice, application["id"], due_at=(clock.now + timedelta(hours=2)).isoformat()
    )
    create_webhook(alice, receiver.url())
    alice.client.delete(f"/api/applications/{application['id']}")
    already = len(queued(app))

    delivery.queue_due_deliverables(app.state.session_factory, clock.now)

    assert len(queued(app)) == already


def test_a_deleted_deliverables_reminder_stays_in_the_log(
    app: FastAPI, alice: ApiUser, receiver: Receiver, clock: FakeClock
) -> None:
    application = alice.create_application()
    due = (clock.now + timedelta(hours=2)).isoformat()
    deliverable = create_deliverable(alice, application["id"], due_at=due)
    create_webhook(alice, receiver.url(), events=["deliverable.due"])
    send_round(app)

    assert alice.client.delete(f"/api/deliverables/{deliverable['id']}").status_code == 204

    [row] = queued(app)
    assert (row.deliverable_id, row.state.value) == (None, "delivered")
    assert body_of(row)["data"]["deliverable"]["id"] == deliverable["id"]
