"""Date range and tag filters: which applications count, for every figure at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi import FastAPI

from jobtracker.db import utcnow
from tests.analytics.histories import (
    add_application,
    add_deliverable,
    analytics,
    days_before,
    flows,
    funnel_counts,
    set_created_at,
    stage_times,
)
from tests.factories import ApiUser
from tests.interviews.builders import frozen_at, set_time_zone


def application_count(user: ApiUser, **params: object) -> int:
    count: int = analytics(user, **params)["totals"]["applications"]["value"]
    return count


def test_date_range_uses_applied_on_or_else_the_day_created(alice: ApiUser, app: FastAPI) -> None:
    alice.create_application(stage="applied", applied_on="2024-01-31")
    alice.create_application(stage="applied", applied_on="2024-02-10")
    never_applied = alice.create_application(stage="wishlist")["id"]
    set_created_at(app, never_applied, datetime(2024, 2, 15, 23, 30, tzinfo=UTC))
    # Created in February, but applied in March: the applied date decides.
    applied_later = alice.create_application(stage="applied", applied_on="2024-03-01")["id"]
    set_created_at(app, applied_later, datetime(2024, 2, 20, tzinfo=UTC))

    assert application_count(alice, date_from="2024-02-01", date_to="2024-02-29") == 2


def test_date_range_includes_both_ends(alice: ApiUser) -> None:
    for day in ("2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"):
        alice.create_application(stage="applied", applied_on=day)

    assert application_count(alice, date_from="2024-02-10", date_to="2024-02-11") == 2
    assert application_count(alice, date_from="2024-02-10", date_to="2024-02-10") == 1
    assert application_count(alice, date_from="2024-02-11") == 2
    assert application_count(alice, date_to="2024-02-09") == 1


def test_tag_filter_keeps_applications_with_every_tag(alice: ApiUser) -> None:
    alice.create_application(tags=["remote", "python"])
    alice.create_application(tags=["remote"])
    alice.create_application(tags=["python"])

    assert application_count(alice, tag="remote") == 2
    assert application_count(alice, tag=["remote", "Python "]) == 1
    assert application_count(alice, tag="nobody-uses-this") == 0


def test_filters_apply_to_every_figure(alice: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    chosen = add_application(
        alice,
        app,
        [("applied", days_before(now, 9)), ("screening", days_before(now, 5))],
        tags=["remote"],
    )
    other = add_application(
        alice,
        app,
        [("applied", days_before(now, 9)), ("interview", days_before(now, 8)), ("offer", now)],
    )
    for application_id in (chosen, other):
        add_deliverable(alice, application_id, due_at=(now + timedelta(days=2)).isoformat())

    body = analytics(alice, tag="remote")

    assert body["totals"]["offers"]["value"] == 0
    assert body["rates"]["interview"]["denominator"] == 1
    assert funnel_counts(body) == {"applied": 1, "screening": 1, "interview": 0, "offer": 0}
    assert set(flows(body)) == {("applied", "screening")}
    assert stage_times(body)["applied"] == (1, 4.0, 4.0)
    assert stage_times(body)["interview"] == (0, None, None)
    assert body["time_to_first_response"]["median_days"] == 4.0
    assert body["deliverables"]["due_this_week"]["value"] == 1
    assert sum(row["count"] for row in body["stage_distribution"]["stages"]) == 1
    assert body["filters"] == {"date_from": None, "date_to": None, "tag": ["remote"]}


def test_date_from_after_date_to_is_refused(alice: ApiUser) -> None:
    response = alice.client.get(
        "/api/analytics", params={"date_from": "2024-03-01", "date_to": "2024-02-01"}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"query.date_to": "must be on or after date_from"}


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2024-13-01"},
        {"date_to": "yesterday"},
        {"tag": "x" * 51},
        {"tag": [f"tag{number}" for number in range(21)]},
    ],
    ids=["impossible-date", "not-a-date", "tag-too-long", "too-many-tags"],
)
def test_bad_filters_answer_422_with_field_errors(
    alice: ApiUser, params: dict[str, str | list[str]]
) -> None:
    response = alice.client.get("/api/analytics", params=params)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("zone_name", "local_day"),
    [("Asia/Tokyo", "2026-03-02"), ("Pacific/Honolulu", "2026-03-01"), ("UTC", "2026-03-01")],
)
def test_an_application_without_an_applied_date_counts_on_the_users_own_day(
    alice: ApiUser, zone_name: str, local_day: str
) -> None:
    """Made at 20:00 UTC on 1 March: already 2 March in Tokyo, still 1 March in Honolulu."""
    with frozen_at("2026-03-01T20:00:00+00:00"):
        alice.create_application(company="Undated")
    set_time_zone(alice, zone_name)

    def counted(**params: str) -> int:
        response = alice.client.get("/api/analytics", params=params)
        assert response.status_code == 200, response.text
        value: int = response.json()["totals"]["applications"]["value"]
        return value

    assert counted(date_from=local_day, date_to=local_day) == 1
    assert counted(date_to=(date.fromisoformat(local_day) - timedelta(days=1)).isoformat()) == 0
