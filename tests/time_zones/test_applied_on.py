"""The applied date filled in on a move to Applied is the user's date, not UTC's."""

from __future__ import annotations

from tests.factories import ApiUser
from tests.interviews.builders import frozen_at, set_time_zone


def test_moving_to_applied_late_in_honolulu_keeps_honolulus_date(alice: ApiUser) -> None:
    set_time_zone(alice, "Pacific/Honolulu")  # 22:00 there is already tomorrow in UTC
    application = alice.create_application(stage="wishlist")

    with frozen_at("2030-01-14T22:00:00-10:00"):
        moved = alice.client.patch(
            f"/api/applications/{application['id']}", json={"stage": "applied"}
        )

    assert moved.json()["applied_on"] == "2030-01-14"


def test_creating_an_applied_one_early_in_kolkata_keeps_kolkatas_date(alice: ApiUser) -> None:
    set_time_zone(alice, "Asia/Kolkata")  # 01:00 there is still yesterday in UTC

    with frozen_at("2030-01-15T01:00:00+05:30"):
        created = alice.create_application(stage="applied")

    assert created["applied_on"] == "2030-01-15"
