"""Totals and rates: counted from the current stage, the applied date and the stage history."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI

from jobtracker.db import utcnow
from tests.analytics.histories import (
    add_application,
    analytics,
    clear_applied_on,
    days_before,
    rate_values,
)
from tests.factories import ApiUser


def test_no_applications_gives_zeros_and_null_rates(alice: ApiUser) -> None:
    body = analytics(alice)

    assert {name: total["value"] for name, total in body["totals"].items()} == {
        "applications": 0,
        "active": 0,
        "applied_last_30_days": 0,
        "offers": 0,
    }
    assert rate_values(body) == {
        "response": (0, 0, None),
        "interview": (0, 0, None),
        "offer": (0, 0, None),
    }
    assert body["time_to_first_response"]["median_days"] is None
    assert body["time_to_first_response"]["applications"] == 0
    assert all(row["applications"] == 0 for row in body["time_in_stage"]["stages"])
    assert all(row["median_days"] is None for row in body["time_in_stage"]["stages"])
    assert {name: count["value"] for name, count in body["deliverables"].items()} == {
        "due_this_week": 0,
        "overdue": 0,
        "done_last_30_days": 0,
    }
    assert body["applications_over_time"]["week"]["points"] == []
    assert body["applications_over_time"]["month"]["points"] == []
    assert all(row["count"] == 0 for row in body["stage_distribution"]["stages"])
    assert [(step["count"], step["share_of_applied"]) for step in body["funnel"]["steps"]] == [
        (0, None)
    ] * 4
    assert body["stage_flows"]["links"] == []


def test_totals_count_applications_active_and_offers(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    alice.create_application(stage="wishlist")
    alice.create_application(stage="applied")
    add_application(
        alice,
        app,
        [("applied", days_before(now, 20)), ("offer", days_before(now, 9)), ("rejected", now)],
    )
    add_application(
        alice,
        app,
        [("applied", days_before(now, 20)), ("offer", days_before(now, 9)), ("accepted", now)],
    )
    alice.create_application(stage="ghosted")

    totals = analytics(alice)["totals"]

    assert totals["applications"]["value"] == 5
    assert totals["active"]["value"] == 2
    assert totals["offers"]["value"] == 2


def test_applied_in_last_30_days_counts_today_and_the_29_days_before(alice: ApiUser) -> None:
    today = utcnow().date()
    for days in (0, 29, 30, -1):  # -1: a typo in the future is not "in the past 30 days"
        alice.create_application(stage="applied", applied_on=str(today - timedelta(days=days)))

    assert analytics(alice)["totals"]["applied_last_30_days"]["value"] == 2


def test_rates_come_from_stage_history(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    histories = [
        ["applied", "screening", "rejected"],  # responded
        ["applied", "interview", "rejected"],  # responded, interviewed
        ["applied", "ghosted"],  # no response
        ["applied", "rejected"],  # responded: a rejection is a response
        ["applied", "screening", "interview", "offer"],  # responded, interviewed, offered
        ["wishlist"],  # never applied: not counted
        ["wishlist", "withdrawn"],  # never applied: not counted
    ]
    for stages in histories:
        moments = [days_before(now, 10 - step) for step in range(len(stages))]
        add_application(alice, app, list(zip(stages, moments, strict=True)))

    assert rate_values(analytics(alice)) == {
        "response": (4, 5, 0.8),
        "interview": (2, 5, 0.4),
        "offer": (1, 5, 0.2),
    }


def test_all_rejected_is_full_response_and_no_interviews(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    for days in (3, 5, 8):
        add_application(
            alice, app, [("applied", days_before(now, days)), ("rejected", days_before(now, 1))]
        )

    body = analytics(alice)

    assert body["totals"]["active"]["value"] == 0
    assert rate_values(body) == {
        "response": (3, 3, 1.0),
        "interview": (0, 3, 0.0),
        "offer": (0, 3, 0.0),
    }


def test_applied_on_date_alone_makes_an_application_applied(alice: ApiUser) -> None:
    alice.create_application(stage="wishlist", applied_on="2024-05-01")
    alice.create_application(stage="wishlist")

    assert rate_values(analytics(alice))["response"] == (0, 1, 0.0)


def test_history_makes_an_application_applied_without_applied_date(
    alice: ApiUser, app: FastAPI
) -> None:
    now = utcnow()
    application_id = add_application(
        alice, app, [("applied", days_before(now, 4)), ("screening", days_before(now, 2))]
    )
    clear_applied_on(alice, application_id)

    body = analytics(alice)

    assert rate_values(body)["response"] == (1, 1, 1.0)
    assert body["applications_over_time"]["without_applied_date"] == 1
    assert body["applications_over_time"]["week"]["points"] == []


def test_every_rate_and_total_carries_its_definition(alice: ApiUser) -> None:
    body = analytics(alice)

    figures = [*body["totals"].values(), *body["rates"].values(), *body["deliverables"].values()]
    assert all(len(figure["definition"]) > 20 for figure in figures)
    assert "rejection is a response" in body["rates"]["response"]["definition"]
    assert "later rejection still counts" in body["rates"]["interview"]["definition"]
