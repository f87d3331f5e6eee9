"""Median days to a first response, and days spent in each stage, from stage event moments."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from jobtracker.db import utcnow
from tests.analytics.histories import add_application, analytics, days_before, stage_times
from tests.factories import ApiUser


def test_median_days_to_first_response_of_an_odd_number(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    for wait, answer in ((2, "screening"), (4, "rejected"), (10, "interview")):
        add_application(
            alice, app, [("applied", days_before(now, 30)), (answer, days_before(now, 30 - wait))]
        )

    figure = analytics(alice)["time_to_first_response"]

    assert figure["median_days"] == 4.0
    assert figure["applications"] == 3


def test_median_days_to_first_response_of_an_even_number(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    for wait in (2, 4, 7, 10):
        add_application(
            alice,
            app,
            [("applied", days_before(now, 30)), ("screening", days_before(now, 30 - wait))],
        )

    assert analytics(alice)["time_to_first_response"]["median_days"] == 5.5


def test_first_response_is_the_first_answer_after_entering_applied(
    alice: ApiUser, app: FastAPI
) -> None:
    now = utcnow()
    add_application(
        alice,
        app,
        [
            ("wishlist", days_before(now, 40)),
            ("applied", days_before(now, 30)),
            ("screening", days_before(now, 27)),  # the first response: 3 days
            ("applied", days_before(now, 20)),
            ("interview", days_before(now, 19)),
        ],
    )

    assert analytics(alice)["time_to_first_response"]["median_days"] == 3.0


def test_applications_without_a_response_are_not_measured(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice, app, [("applied", days_before(now, 9)), ("ghosted", days_before(now, 1))]
    )
    add_application(alice, app, [("applied", days_before(now, 9)), ("withdrawn", now)])
    add_application(alice, app, [("applied", days_before(now, 9))])
    # Answered without ever being in Applied: there is no moment to count from.
    add_application(alice, app, [("wishlist", days_before(now, 9)), ("screening", now)])

    figure = analytics(alice)["time_to_first_response"]

    assert figure["median_days"] is None
    assert figure["applications"] == 0


def test_time_in_stage_runs_from_one_event_to_the_next(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice,
        app,
        [
            ("applied", days_before(now, 6)),
            ("screening", days_before(now, 5)),
            ("rejected", days_before(now, 2)),
        ],
    )
    add_application(
        alice, app, [("applied", days_before(now, 9)), ("rejected", days_before(now, 1))]
    )
    add_application(
        alice,
        app,
        [
            ("wishlist", days_before(now, 20)),
            ("applied", days_before(now, 18)),
            ("offer", days_before(now, 15)),
            ("accepted", days_before(now, 1)),
        ],
    )

    times = stage_times(analytics(alice))

    assert times["wishlist"] == (1, 2.0, 2.0)
    assert times["applied"] == (3, 4.0, 3.0)  # 1, 8 and 3 days
    assert times["screening"] == (1, 3.0, 3.0)
    assert times["offer"] == (1, 14.0, 14.0)
    assert times["drafting"] == (0, None, None)


def test_time_in_the_current_stage_counts_until_now(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice, app, [("applied", days_before(now, 8)), ("screening", days_before(now, 5))]
    )

    applications, average, median = stage_times(analytics(alice))["screening"]

    assert applications == 1
    assert average == median == pytest.approx(5.0, abs=0.1)


def test_final_stages_have_no_time_in_stage(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice, app, [("applied", days_before(now, 8)), ("rejected", days_before(now, 5))]
    )

    assert set(stage_times(analytics(alice))) == {
        "wishlist",
        "drafting",
        "applied",
        "screening",
        "interview",
        "offer",
    }


def test_repeated_visits_to_a_stage_add_up(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice,
        app,
        [
            ("applied", days_before(now, 20)),
            ("screening", days_before(now, 15)),
            ("applied", days_before(now, 12)),
            ("screening", days_before(now, 10)),
            ("interview", days_before(now, 4)),
            ("rejected", days_before(now, 1)),
        ],
    )

    times = stage_times(analytics(alice))

    assert times["applied"] == (1, 7.0, 7.0)  # 5 days, then 2 more
    assert times["screening"] == (1, 9.0, 9.0)  # 3 days, then 6 more
    assert times["interview"] == (1, 3.0, 3.0)
