"""When a deliverable was done: set on becoming done, kept while done, cleared when reopened."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.deliverables.builders import create_deliverable, in_days, moment
from tests.factories import ApiUser


def test_creating_a_done_deliverable_sets_done_at(alice: ApiUser) -> None:
    application = alice.create_application()
    before = datetime.now(UTC)

    deliverable = create_deliverable(alice, application["id"], state="done")

    assert before <= moment(deliverable["done_at"]) <= datetime.now(UTC)


def test_moving_to_done_sets_done_at_to_now(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], state="in_progress")
    before = datetime.now(UTC)

    done = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"state": "done"}
    ).json()

    assert done["state"] == "done"
    assert before <= moment(done["done_at"]) <= datetime.now(UTC)


def test_staying_done_keeps_the_first_done_at(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], state="done")

    again = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"state": "done", "title": "Renamed"}
    ).json()

    assert again["done_at"] == deliverable["done_at"]


def test_leaving_done_clears_done_at(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], state="done")

    reopened = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"state": "in_progress"}
    ).json()

    assert reopened["state"] == "in_progress"
    assert reopened["done_at"] is None


def test_changing_other_fields_leaves_done_at_alone(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], state="done")

    changed = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"content": "final version"}
    ).json()

    assert changed["state"] == "done"
    assert changed["done_at"] == deliverable["done_at"]


def test_a_past_due_deliverable_is_overdue_until_done(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], due_at=in_days(-1))
    assert deliverable["overdue"] is True

    done = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"state": "done"}
    ).json()

    assert done["overdue"] is False
