"""The "Upcoming" list: deliverables across all of a user's applications, with its filters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deliverables.builders import create_deliverable, in_days, titles
from tests.factories import ApiUser


def upcoming(user: ApiUser, **params: Any) -> dict[str, Any]:
    response = user.client.get("/api/deliverables", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def test_lists_across_applications_soonest_first_undated_last(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()
    create_deliverable(alice, first["id"], title="undated")
    create_deliverable(alice, second["id"], title="in a week", due_at=in_days(7))
    create_deliverable(alice, first["id"], title="tomorrow", due_at=in_days(1))

    page = upcoming(alice)

    assert titles(page) == ["tomorrow", "in a week", "undated"]
    assert page["total"] == 3


def test_each_item_names_its_application(alice: ApiUser) -> None:
    application = alice.create_application(company="Globex", role="Analyst", stage="interview")
    create_deliverable(alice, application["id"])

    item = upcoming(alice)["items"][0]

    assert item["application"] == {
        "id": application["id"],
        "company": "Globex",
        "role": "Analyst",
        "stage": "interview",
    }


def test_each_item_is_flagged_overdue_or_not(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="late", due_at=in_days(-2))
    create_deliverable(
        alice, application["id"], title="late but done", due_at=in_days(-1), state="done"
    )
    create_deliverable(alice, application["id"], title="ahead", due_at=in_days(2))
    create_deliverable(alice, application["id"], title="undated")

    flags = {item["title"]: item["overdue"] for item in upcoming(alice)["items"]}

    assert flags == {"late": True, "late but done": False, "ahead": False, "undated": False}


def test_pages_with_limit_and_offset(alice: ApiUser) -> None:
    application = alice.create_application()
    for day in range(1, 5):
        create_deliverable(alice, application["id"], title=f"day {day}", due_at=in_days(day))

    page = upcoming(alice, limit=3, offset=1)

    assert titles(page) == ["day 2", "day 3", "day 4"]
    assert page["total"] == 4


def test_due_before_keeps_only_earlier_due_dates(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="soon", due_at=in_days(1))
    create_deliverable(alice, application["id"], title="later", due_at=in_days(10))
    create_deliverable(alice, application["id"], title="undated")

    page = upcoming(alice, due_before=in_days(5))

    assert titles(page) == ["soon"]


def test_due_before_honours_the_time_zone_offset(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="ten utc", due_at="2031-06-01T10:00:00Z")

    # 11:30 at +02:00 is 09:30 UTC, before the deadline; 12:30 at +02:00 is 10:30 UTC, after it.
    too_early = upcoming(alice, due_before="2031-06-01T11:30:00+02:00")
    late_enough = upcoming(alice, due_before="2031-06-01T12:30:00+02:00")

    assert titles(too_early) == []
    assert titles(late_enough) == ["ten utc"]


def test_due_after_keeps_only_later_due_dates(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="soon", due_at=in_days(1))
    create_deliverable(alice, application["id"], title="later", due_at=in_days(10))
    create_deliverable(alice, application["id"], title="undated")

    page = upcoming(alice, due_after=in_days(5))

    assert titles(page) == ["later"]


def test_due_after_and_due_before_make_a_window(alice: ApiUser) -> None:
    application = alice.create_application()
    for day in (1, 4, 8):
        create_deliverable(alice, application["id"], title=f"day {day}", due_at=in_days(day))

    page = upcoming(alice, due_after=in_days(2), due_before=in_days(6))

    assert titles(page) == ["day 4"]


def test_state_filter_matches_any_of_the_states_given(alice: ApiUser) -> None:
    application = alice.create_application()
    for state in ("not_started", "in_progress", "done"):
        create_deliverable(alice, application["id"], title=state, state=state)

    open_ones = upcoming(alice, state=["not_started", "in_progress"])
    done_ones = upcoming(alice, state="done")

    assert sorted(titles(open_ones)) == ["in_progress", "not_started"]
    assert titles(done_ones) == ["done"]


@pytest.mark.parametrize(
    ("overdue", "expected"),
    [("true", ["late"]), ("false", ["late but done", "ahead", "undated"])],
)
def test_overdue_filter_splits_late_open_work_from_the_rest(
    alice: ApiUser, overdue: str, expected: list[str]
) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="late", due_at=in_days(-2))
    create_deliverable(
        alice, application["id"], title="late but done", due_at=in_days(-1), state="done"
    )
    create_deliverable(alice, application["id"], title="ahead", due_at=in_days(2))
    create_deliverable(alice, application["id"], title="undated")

    page = upcoming(alice, overdue=overdue)

    assert titles(page) == expected


def test_application_filter_keeps_one_applications_deliverables(alice: ApiUser) -> None:
    first = alice.create_application()
    second = alice.create_application()
    create_deliverable(alice, first["id"], title="first's")
    create_deliverable(alice, second["id"], title="second's")

    page = upcoming(alice, application_id=second["id"])

    assert titles(page) == ["second's"]


def test_application_filter_with_a_missing_application_answers_404(alice: ApiUser) -> None:
    response = alice.client.get("/api/deliverables", params={"application_id": 999999})

    assert response.status_code == 404


def test_kind_filter_keeps_only_that_kind(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="essay", kind="essay")
    create_deliverable(alice, application["id"], title="form", kind="form")

    page = upcoming(alice, kind="form")

    assert titles(page) == ["form"]


def test_filters_combine(alice: ApiUser) -> None:
    application = alice.create_application()
    create_deliverable(alice, application["id"], title="match", kind="essay", due_at=in_days(1))
    create_deliverable(alice, application["id"], title="wrong kind", kind="form", due_at=in_days(1))
    create_deliverable(alice, application["id"], title="too late", kind="essay", due_at=in_days(9))
    create_deliverable(
        alice, application["id"], title="done", kind="essay", due_at=in_days(1), state="done"
    )

    page = upcoming(
        alice, kind="essay", due_before=in_days(5), state=["not_started", "in_progress"]
    )

    assert titles(page) == ["match"]
