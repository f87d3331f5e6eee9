"""The dashboard counts interviews: this week's by the user's own Monday to Sunday, and held."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.interviews.builders import create_interview, frozen_at, set_time_zone


def test_this_week_is_the_users_week_and_held_ones_are_counted(alice: ApiUser) -> None:
    set_time_zone(alice, "Pacific/Tongatapu")  # UTC+13: its Monday morning is UTC's Sunday
    application = alice.create_application()
    for local_start, outcome in [
        ("2030-01-10T10:00", "advanced"),  # last week, held
        ("2030-01-14T10:00", None),  # Monday: this week here, last week in UTC
        ("2030-01-20T23:00", None),  # Sunday night: still this week here
        ("2030-01-16T10:00", "cancelled"),  # this week, but not happening
        ("2030-01-21T09:00", None),  # next Monday here, though UTC's Sunday
    ]:
        create_interview(alice, application["id"], starts_at=local_start, outcome=outcome)

    with frozen_at("2030-01-14T08:00:00+13:00"):
        figures = alice.client.get("/api/analytics").json()["interviews"]

    assert figures["scheduled_this_week"]["value"] == 2
    assert figures["held"]["value"] == 1
    assert "your time zone" in figures["scheduled_this_week"]["definition"]


def test_another_users_interviews_are_not_counted(alice: ApiUser, bob: ApiUser) -> None:
    create_interview(bob, bob.create_application()["id"], starts_at="2020-01-01T10:00:00Z")

    figures = alice.client.get("/api/analytics").json()["interviews"]

    assert figures["held"]["value"] == 0


def test_the_last_30_days_end_on_the_users_today(alice: ApiUser) -> None:
    set_time_zone(alice, "Pacific/Honolulu")  # UTC-10: late evening here is tomorrow in UTC
    alice.create_application(applied_on="2030-01-14")

    with frozen_at("2030-02-12T22:00:00-10:00"):
        totals = alice.client.get("/api/analytics").json()["totals"]

    # 14 January is the 30th day counting back from 12 February, not from UTC's 13th.
    assert totals["applied_last_30_days"]["value"] == 1
