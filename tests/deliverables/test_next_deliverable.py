"""The applications list shows each application's next open deliverable, flagged when overdue."""

from __future__ import annotations

from typing import Any

from tests.deliverables.builders import create_deliverable, in_days
from tests.factories import ApiUser


def listed_application(user: ApiUser, application_id: int) -> dict[str, Any]:
    items = user.client.get("/api/applications").json()["items"]
    application: dict[str, Any] = next(item for item in items if item["id"] == application_id)
    return application


def test_shows_the_open_deliverable_due_soonest(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="later", due_at=in_days(9))
    soonest = create_deliverable(alice, application["id"], title="soonest", due_at=in_days(2))
    create_deliverable(alice, application["id"], title="undated")

    shown = listed_application(alice, application["id"])["next_deliverable"]

    assert shown["id"] == soonest["id"]
    assert shown["title"] == "soonest"
    assert shown["due_at"] == soonest["due_at"]
    assert shown["overdue"] is False


def test_flags_the_next_deliverable_when_it_is_overdue(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="late", due_at=in_days(-1))
    create_deliverable(alice, application["id"], title="ahead", due_at=in_days(3))

    shown = listed_application(alice, application["id"])["next_deliverable"]

    assert shown["title"] == "late"
    assert shown["overdue"] is True


def test_skips_done_deliverables(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="done", due_at=in_days(-1), state="done")
    create_deliverable(alice, application["id"], title="open", due_at=in_days(4))

    shown = listed_application(alice, application["id"])["next_deliverable"]

    assert shown["title"] == "open"


def test_is_empty_when_every_deliverable_is_done(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], state="done")
    without_any = alice.create_application()

    assert listed_application(alice, application["id"])["next_deliverable"] is None
    assert listed_application(alice, without_any["id"])["next_deliverable"] is None
