"""Weekly goals travel in the full backup (its preferences) and come back with a restore."""

from __future__ import annotations

from collections.abc import Callable

from tests.factories import ApiUser
from tests.insight.goal_builders import applied_on, read_goal, set_goal
from tests.portability.builders import comparable, export_backup, restore_backup


def test_a_backup_carries_the_goal_and_a_restore_brings_it_back(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    set_goal(alice, applications_per_week=5, contacts_per_week=2)
    applied_on(alice, "2026-03-09")
    original = export_backup(alice)
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, original)

    assert response.status_code == 201, response.text
    assert original["preferences"]["weekly_goals"] == {
        "applications_per_week": 5,
        "contacts_per_week": 2,
    }
    restored = read_goal(newcomer)
    assert (restored["applications_per_week"], restored["contacts_per_week"]) == (5, 2)
    assert comparable(export_backup(newcomer)) == comparable(original)


def test_a_backup_without_goals_leaves_the_accounts_own(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    """Backups made before goals were kept restore as they did."""
    backup = export_backup(alice)
    del backup["preferences"]["weekly_goals"]
    newcomer = make_user(email="newcomer@example.com")
    set_goal(newcomer, applications_per_week=3)

    assert restore_backup(newcomer, backup).status_code == 201

    assert read_goal(newcomer)["applications_per_week"] == 3


def test_a_goal_out_of_range_in_a_backup_is_refused_and_nothing_is_restored(
    alice: ApiUser, make_user: Callable[..., ApiUser]
) -> None:
    applied_on(alice, "2026-03-09")
    backup = export_backup(alice)
    backup["preferences"]["weekly_goals"] = {"applications_per_week": 1000}
    newcomer = make_user(email="newcomer@example.com")

    response = restore_backup(newcomer, backup)

    assert response.status_code == 422, response.text
    assert read_goal(newcomer)["applications_per_week"] is None
    assert newcomer.client.get("/api/applications").json()["total"] == 0
