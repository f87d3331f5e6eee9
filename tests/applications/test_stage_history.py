"""Stage history: one event per stage change, and what moving to Applied does to applied_on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import func, select

from jobtracker.applications.models import StageEvent
from tests.applications.builders import read_application, stage_events
from tests.factories import ApiUser


def _move(user: ApiUser, application_id: int, stage: str) -> None:
    response = user.client.patch(f"/api/applications/{application_id}", json={"stage": stage})
    assert response.status_code == 200, response.text


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_create_writes_an_event_from_nothing_to_the_first_stage(alice: ApiUser) -> None:
    created = alice.create_application(stage="drafting")

    [event] = stage_events(alice, created["id"])

    assert event["application_id"] == created["id"]
    assert (event["from_stage"], event["to_stage"]) == (None, "drafting")
    assert event["at"] == created["created_at"]


def test_each_stage_change_writes_one_event_with_from_to_and_time(alice: ApiUser) -> None:
    created = alice.create_application()
    before = datetime.now(UTC)

    _move(alice, created["id"], "applied")

    events = stage_events(alice, created["id"])
    assert len(events) == 2
    change = events[1]
    assert (change["from_stage"], change["to_stage"]) == ("wishlist", "applied")
    at = datetime.fromisoformat(change["at"])
    assert at.utcoffset() == timedelta(0)
    assert before <= at <= datetime.now(UTC)


def test_a_patch_that_keeps_the_stage_writes_no_event(alice: ApiUser) -> None:
    created = alice.create_application(stage="applied")

    response = alice.client.patch(
        f"/api/applications/{created['id']}", json={"stage": "applied", "notes": "Still waiting"}
    )

    assert response.status_code == 200
    assert len(stage_events(alice, created["id"])) == 1


def test_a_patch_without_a_stage_writes_no_event(alice: ApiUser) -> None:
    created = alice.create_application()

    alice.client.patch(f"/api/applications/{created['id']}", json={"company": "Renamed"})

    assert len(stage_events(alice, created["id"])) == 1


def test_events_are_listed_in_the_order_they_happened(alice: ApiUser) -> None:
    created = alice.create_application()
    for stage in ["applied", "screening", "interview", "rejected"]:
        _move(alice, created["id"], stage)

    events = stage_events(alice, created["id"])

    assert [(event["from_stage"], event["to_stage"]) for event in events] == [
        (None, "wishlist"),
        ("wishlist", "applied"),
        ("applied", "screening"),
        ("screening", "interview"),
        ("interview", "rejected"),
    ]
    moments = [datetime.fromisoformat(event["at"]) for event in events]
    assert moments == sorted(moments)


def test_events_are_paginated(alice: ApiUser) -> None:
    created = alice.create_application()
    for stage in ["drafting", "applied", "screening"]:
        _move(alice, created["id"], stage)

    response = alice.client.get(
        f"/api/applications/{created['id']}/events", params={"limit": 2, "offset": 1}
    )

    page = response.json()
    assert [event["to_stage"] for event in page["items"]] == ["drafting", "applied"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)


def test_moving_to_applied_sets_applied_on_to_today_when_empty(alice: ApiUser) -> None:
    created = alice.create_application(stage="drafting")

    _move(alice, created["id"], "applied")

    assert read_application(alice, created["id"])["applied_on"] == _today()


def test_moving_to_applied_keeps_an_applied_on_already_set(alice: ApiUser) -> None:
    created = alice.create_application(applied_on="2026-01-05")

    _move(alice, created["id"], "applied")

    assert read_application(alice, created["id"])["applied_on"] == "2026-01-05"


def test_applying_after_withdrawing_from_the_wishlist_sets_applied_on(alice: ApiUser) -> None:
    created = alice.create_application()
    _move(alice, created["id"], "withdrawn")

    _move(alice, created["id"], "applied")

    assert read_application(alice, created["id"])["applied_on"] == _today()


def test_creating_straight_into_applied_sets_applied_on_to_today(alice: ApiUser) -> None:
    assert alice.create_application(stage="applied")["applied_on"] == _today()


def test_moving_between_stages_before_applying_leaves_applied_on_empty(alice: ApiUser) -> None:
    created = alice.create_application()

    _move(alice, created["id"], "drafting")

    assert read_application(alice, created["id"])["applied_on"] is None


def test_applied_on_sent_with_the_move_wins_over_today(alice: ApiUser) -> None:
    created = alice.create_application()

    response = alice.client.patch(
        f"/api/applications/{created['id']}", json={"stage": "applied", "applied_on": "2026-02-02"}
    )

    assert response.json()["applied_on"] == "2026-02-02"


def test_deleting_an_application_for_good_deletes_its_events(app: FastAPI, alice: ApiUser) -> None:
    kept = alice.create_application()
    deleted = alice.create_application()
    _move(alice, deleted["id"], "applied")

    alice.client.delete(f"/api/applications/{deleted['id']}")
    alice.client.delete(f"/api/applications/trash/{deleted['id']}")

    with app.state.session_factory() as session:
        remaining = session.execute(
            select(StageEvent.application_id, func.count()).group_by(StageEvent.application_id)
        ).all()
    assert [tuple(row) for row in remaining] == [(kept["id"], 1)]
