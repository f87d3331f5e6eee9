"""Analytics count only the caller's own data."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.db import utcnow
from tests.analytics.histories import add_application, add_deliverable, analytics, days_before
from tests.factories import ApiUser


def test_bob_never_counts_alices_data(alice: ApiUser, bob: ApiUser, app: FastAPI) -> None:
    now = utcnow()
    application_id = add_application(
        alice,
        app,
        [("applied", days_before(now, 9)), ("interview", days_before(now, 3)), ("offer", now)],
        tags=["remote"],
    )
    add_deliverable(alice, application_id, due_at=days_before(now, 1).isoformat())

    for params in ({}, {"tag": "remote"}):
        body = analytics(bob, **params)
        assert body["totals"]["applications"]["value"] == 0
        assert body["rates"]["response"]["denominator"] == 0
        assert body["deliverables"]["overdue"]["value"] == 0
        assert body["time_to_first_response"]["applications"] == 0
        assert body["stage_flows"]["links"] == []
        assert all(row["applications"] == 0 for row in body["time_in_stage"]["stages"])
        assert body["applications_over_time"]["week"]["points"] == []
    assert analytics(alice)["totals"]["applications"]["value"] == 1


def test_analytics_need_a_signed_in_user(client: TestClient) -> None:
    response = client.get("/api/analytics")

    assert response.status_code == 401
