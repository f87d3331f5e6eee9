"""Chart data: applications over time, the current stages, the funnel and the stage flows."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from jobtracker.db import utcnow
from tests.analytics.histories import (
    add_application,
    analytics,
    days_before,
    flows,
    funnel_counts,
    points,
)
from tests.factories import ApiUser


def test_applications_per_week_start_on_monday_with_empty_weeks_listed(alice: ApiUser) -> None:
    for day in ("2024-01-01", "2024-01-07", "2024-01-08", "2024-01-24"):
        alice.create_application(stage="applied", applied_on=day)

    body = analytics(alice, date_to="2024-02-04")

    assert points(body, "week") == [
        ("2024-01-01", 2, 2),  # a Monday and the Sunday after it
        ("2024-01-08", 1, 3),
        ("2024-01-15", 0, 3),
        ("2024-01-22", 1, 4),
        ("2024-01-29", 0, 4),  # up to the end of the range
    ]
    assert body["applications_over_time"]["week"]["gaps_filled"] is True


def test_applications_per_month_by_applied_date(alice: ApiUser) -> None:
    for day in ("2023-12-31", "2024-01-01", "2024-01-31", "2024-03-05"):
        alice.create_application(stage="applied", applied_on=day)

    body = analytics(alice, date_to="2024-03-31")

    assert points(body, "month") == [
        ("2023-12-01", 1, 1),
        ("2024-01-01", 2, 3),
        ("2024-02-01", 0, 3),
        ("2024-03-01", 1, 4),
    ]


def test_applications_over_time_run_up_to_this_week(alice: ApiUser) -> None:
    today = utcnow().date()
    this_monday = today - timedelta(days=today.weekday())
    alice.create_application(stage="applied", applied_on=str(this_monday - timedelta(weeks=3)))

    week_points = points(analytics(alice), "week")

    assert [period for period, _count, _cumulative in week_points] == [
        str(this_monday - timedelta(weeks=weeks)) for weeks in (3, 2, 1, 0)
    ]
    assert [count for _period, count, _cumulative in week_points] == [1, 0, 0, 0]


def test_a_span_too_long_to_fill_lists_only_periods_with_applications(alice: ApiUser) -> None:
    alice.create_application(stage="applied", applied_on="1990-01-03")  # a typo, say
    alice.create_application(stage="applied", applied_on="2024-01-03")

    body = analytics(alice, date_to="2024-01-31")

    week = body["applications_over_time"]["week"]
    assert week["gaps_filled"] is False
    assert points(body, "week") == [("1990-01-01", 1, 1), ("2024-01-01", 1, 2)]
    assert body["applications_over_time"]["month"]["gaps_filled"] is True  # 409 months


def test_stage_distribution_lists_every_stage_in_pipeline_order(alice: ApiUser) -> None:
    for stage in ("applied", "applied", "interview", "ghosted"):
        alice.create_application(stage=stage)

    stages = analytics(alice)["stage_distribution"]["stages"]

    assert [(row["stage"], row["count"]) for row in stages] == [
        ("wishlist", 0),
        ("drafting", 0),
        ("applied", 2),
        ("screening", 0),
        ("interview", 1),
        ("offer", 0),
        ("accepted", 0),
        ("rejected", 0),
        ("withdrawn", 0),
        ("ghosted", 1),
    ]


def test_funnel_counts_each_step_reached_from_history(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    histories = [
        ["applied"],
        ["applied", "rejected"],
        ["applied", "screening", "rejected"],
        ["applied", "interview", "rejected"],  # skipped Screening: counts in it
        ["applied", "screening", "interview", "offer"],
        ["wishlist"],
    ]
    for stages in histories:
        moments = [days_before(now, 10 - step) for step in range(len(stages))]
        add_application(alice, app, list(zip(stages, moments, strict=True)))

    steps = analytics(alice)["funnel"]["steps"]

    assert [
        (step["stage"], step["count"], step["share_of_applied"], step["share_of_previous"])
        for step in steps
    ] == [
        ("applied", 5, 1.0, None),
        ("screening", 3, 0.6, 0.6),
        ("interview", 2, 0.4, 0.6667),
        ("offer", 1, 0.2, 0.5),
    ]


def test_a_stage_moved_back_and_forth_counts_once_in_the_funnel(
    alice: ApiUser, app: FastAPI
) -> None:
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
        ],
    )

    assert funnel_counts(analytics(alice)) == {
        "applied": 1,
        "screening": 1,
        "interview": 1,
        "offer": 0,
    }


def test_stage_flows_count_every_move_and_mark_backward_ones(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    add_application(
        alice,
        app,
        [
            ("applied", days_before(now, 20)),
            ("screening", days_before(now, 15)),
            ("applied", days_before(now, 12)),
            ("screening", days_before(now, 10)),
            ("rejected", days_before(now, 4)),
        ],
    )
    add_application(alice, app, [("wishlist", days_before(now, 9)), ("applied", now)])

    body = analytics(alice)

    assert [(link["source"], link["target"]) for link in body["stage_flows"]["links"]] == [
        ("wishlist", "applied"),
        ("applied", "screening"),
        ("screening", "applied"),
        ("screening", "rejected"),
    ]
    assert flows(body) == {
        ("wishlist", "applied"): (1, True),
        ("applied", "screening"): (2, True),
        ("screening", "applied"): (1, False),
        ("screening", "rejected"): (1, True),
    }
