"""Results by group: counted in the user's time zone, within the dashboard's filters, and only
over the caller's own applications."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.analytics.grouped_builders import add_resume, grouped_results, groups, record_sent
from tests.analytics.histories import add_application, clear_applied_on
from tests.factories import ApiUser
from tests.interviews.builders import set_time_zone

# 23:30 UTC on 31 January: already 1 February in Tokyo.
LATE_ON_THE_LAST_OF_JANUARY = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone_name", "month"), [("UTC", "January 2026"), ("Asia/Tokyo", "February 2026")]
)
def test_month_without_an_applied_date_is_the_users_month_of_the_first_move_to_applied(
    alice: ApiUser, app: FastAPI, zone_name: str, month: str
) -> None:
    application = add_application(
        alice,
        app,
        [
            ("wishlist", datetime(2026, 1, 20, tzinfo=UTC)),
            ("applied", LATE_ON_THE_LAST_OF_JANUARY),
            ("screening", datetime(2026, 2, 10, tzinfo=UTC)),
        ],
    )
    clear_applied_on(alice, application)
    set_time_zone(alice, zone_name)

    by_month = groups(grouped_results(alice), "month")

    assert list(by_month) == [month]
    assert by_month[month]["response"]["numerator"] == 1


def test_the_dashboards_filters_pick_the_applications(alice: ApiUser, app: FastAPI) -> None:
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    add_application(
        alice, app, [("applied", moment)], applied_on="2026-03-02", source="Referral", tags=["go"]
    )
    add_application(alice, app, [("applied", moment)], applied_on="2025-03-02", source="Referral")
    add_application(alice, app, [("applied", moment)], applied_on="2026-03-02", source="Board")

    def counted(**params: str) -> dict[str, int]:
        by_source = groups(grouped_results(alice, **params), "source")
        return {label: group["applications"] for label, group in by_source.items()}

    assert counted() == {"Referral": 2, "Board": 1}
    assert counted(tag="go") == {"Referral": 1}
    assert counted(date_from="2026-01-01") == {"Board": 1, "Referral": 1}


def test_a_bad_range_is_refused_in_plain_words(alice: ApiUser) -> None:
    response = alice.client.get(
        "/api/analytics/results", params={"date_from": "2026-03-01", "date_to": "2026-02-01"}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"query.date_to": "must be on or after date_from"}


def test_bob_never_sees_alices_groups(alice: ApiUser, bob: ApiUser, app: FastAPI) -> None:
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    application = add_application(
        alice, app, [("applied", moment)], source="Referral", work_mode="remote"
    )
    resume = add_resume(app, alice, "alice.pdf", moment)
    record_sent(app, alice, application, "alice.pdf", resume)

    body = grouped_results(bob)

    assert all(part["groups"] == [] for part in body["dimensions"])
    assert body["standouts"] == []
    assert groups(grouped_results(alice), "resume")["alice.pdf"]["applications"] == 1


def test_results_need_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/api/analytics/results").status_code == 401
