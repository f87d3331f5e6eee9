"""Weekly goals: set and read, refused in plain words when out of range, progress counted in
the user's weeks, the streak, and only the caller's own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.analytics.histories import add_application, clear_applied_on
from tests.factories import ApiUser
from tests.insight.goal_builders import (
    add_contact,
    applied_on,
    read_goal,
    set_goal,
    weeks,
)
from tests.interviews.builders import frozen_at, set_time_zone

# A Wednesday: this week began on Monday 9 March 2026.
WEDNESDAY = "2026-03-11T12:00:00+00:00"


def test_no_goal_is_set_at_first(alice: ApiUser) -> None:
    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert body["applications_per_week"] is None
    assert body["contacts_per_week"] is None
    assert body["this_week"] == {
        "week_start": "2026-03-09",
        "applications": 0,
        "contacts": 0,
        "met": None,
    }
    assert len(body["recent_weeks"]) == 8
    assert body["streak_weeks"] == 0


def test_a_goal_set_is_read_back_and_null_turns_it_off(alice: ApiUser) -> None:
    set_goal(alice, applications_per_week=5, contacts_per_week=2)
    assert read_goal(alice)["contacts_per_week"] == 2

    set_goal(alice, applications_per_week=5, contacts_per_week=None)

    body = read_goal(alice)
    assert (body["applications_per_week"], body["contacts_per_week"]) == (5, None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Use a value of 1 or more."),
        (101, "Use a value of 100 or less."),
        ("5", "Enter a whole number."),
        (2.5, "Enter a whole number."),
    ],
)
def test_a_target_out_of_range_is_refused_in_plain_words(
    alice: ApiUser, value: Any, message: str
) -> None:
    set_goal(alice, applications_per_week=3)

    response = alice.client.put("/api/goals", json={"applications_per_week": value})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"applications_per_week": message}
    assert read_goal(alice)["applications_per_week"] == 3


def test_this_weeks_progress_counts_applications_applied_and_contacts_added(
    alice: ApiUser, app: FastAPI
) -> None:
    set_goal(alice, applications_per_week=5, contacts_per_week=2)
    applied_on(alice, "2026-03-09", count=2)
    applied_on(alice, "2026-03-11")
    applied_on(alice, "2026-03-08")  # Sunday: last week
    alice.create_application(stage="wishlist")  # not applied: counts nowhere
    add_contact(alice, app, datetime(2026, 3, 10, 9, tzinfo=UTC))

    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert body["this_week"] == {
        "week_start": "2026-03-09",
        "applications": 3,
        "contacts": 1,
        "met": False,
    }
    assert weeks(body)[-2] == ("2026-03-02", 1, 0, False)


def test_an_application_without_an_applied_date_counts_in_the_week_it_first_moved_to_applied(
    alice: ApiUser, app: FastAPI
) -> None:
    application = add_application(
        alice,
        app,
        [
            ("wishlist", datetime(2026, 2, 20, tzinfo=UTC)),
            ("screening", datetime(2026, 3, 10, 9, tzinfo=UTC)),
        ],
    )
    clear_applied_on(alice, application)
    set_goal(alice, applications_per_week=1)

    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert body["this_week"]["applications"] == 1
    assert body["this_week"]["met"] is True


def _meet_the_goal_in(alice: ApiUser, mondays_and_counts: dict[str, int]) -> None:
    for monday, count in mondays_and_counts.items():
        applied_on(alice, monday, count=count)


def test_the_streak_counts_weeks_in_a_row_up_to_last_week(alice: ApiUser) -> None:
    set_goal(alice, applications_per_week=2)
    # Met in the weeks of 16 and 23 February and 2 March; missed in the week of 9 February.
    _meet_the_goal_in(
        alice, {"2026-02-09": 1, "2026-02-16": 2, "2026-02-23": 3, "2026-03-02": 2, "2026-03-09": 1}
    )

    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert body["streak_weeks"] == 3
    assert body["this_week"]["met"] is False
    assert [met for *_, met in weeks(body)][-5:] == [False, True, True, True, False]


def test_this_week_joins_the_streak_once_it_is_met(alice: ApiUser) -> None:
    set_goal(alice, applications_per_week=2)
    _meet_the_goal_in(alice, {"2026-03-02": 2, "2026-03-09": 2})

    with frozen_at(WEDNESDAY):
        assert read_goal(alice)["streak_weeks"] == 2


def test_a_missed_last_week_ends_the_streak_even_if_earlier_weeks_were_met(
    alice: ApiUser,
) -> None:
    set_goal(alice, applications_per_week=1)
    _meet_the_goal_in(alice, {"2026-02-16": 1, "2026-02-23": 1})

    with frozen_at(WEDNESDAY):
        assert read_goal(alice)["streak_weeks"] == 0


def test_with_both_goals_a_week_is_met_only_when_both_are(alice: ApiUser, app: FastAPI) -> None:
    set_goal(alice, applications_per_week=1, contacts_per_week=1)
    _meet_the_goal_in(alice, {"2026-03-02": 1, "2026-02-23": 1})
    add_contact(alice, app, datetime(2026, 3, 3, tzinfo=UTC))

    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert weeks(body)[-3:-1] == [("2026-02-23", 1, 0, False), ("2026-03-02", 1, 1, True)]
    assert body["streak_weeks"] == 1


@pytest.mark.parametrize(("zone_name", "this_week"), [("UTC", 0), ("Asia/Tokyo", 1)])
def test_the_week_begins_on_monday_in_the_users_time_zone(
    alice: ApiUser, app: FastAPI, zone_name: str, this_week: int
) -> None:
    """Sunday 8 March at 23:30 UTC is already Monday 9 March in Tokyo."""
    late_sunday = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)
    application = add_application(
        alice, app, [("wishlist", datetime(2026, 3, 1, tzinfo=UTC)), ("applied", late_sunday)]
    )
    clear_applied_on(alice, application)
    add_contact(alice, app, late_sunday)
    set_time_zone(alice, zone_name)
    set_goal(alice, applications_per_week=1)

    with frozen_at(WEDNESDAY):
        body = read_goal(alice)

    assert (body["this_week"]["applications"], body["this_week"]["contacts"]) == (
        this_week,
        this_week,
    )
    assert weeks(body)[-2][1:3] == (1 - this_week, 1 - this_week)
    assert body["streak_weeks"] == 1


def test_bob_has_his_own_goal_and_cannot_change_alices(alice: ApiUser, bob: ApiUser) -> None:
    set_goal(alice, applications_per_week=4)
    applied_on(alice, "2026-03-09")

    with frozen_at(WEDNESDAY):
        bobs = read_goal(bob)
    set_goal(bob, applications_per_week=9, contacts_per_week=1)

    assert bobs["applications_per_week"] is None
    assert bobs["this_week"]["applications"] == 0
    with frozen_at(WEDNESDAY):
        alices = read_goal(alice)
    assert (alices["applications_per_week"], alices["contacts_per_week"]) == (4, None)
    assert alices["this_week"]["applications"] == 1


def test_goals_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/api/goals").status_code == 401
    assert client.put("/api/goals", json={"applications_per_week": 3}).status_code == 401
