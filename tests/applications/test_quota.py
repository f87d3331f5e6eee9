"""The per-user application quota: from the environment, changed by the admin at run time."""

from __future__ import annotations

from jobtracker.config import Settings
from tests.applications.builders import list_applications
from tests.factories import ApiUser


def _fill(user: ApiUser, count: int) -> None:
    for _ in range(count):
        user.create_application()


def _try_create(user: ApiUser) -> int:
    return user.client.post("/api/applications", json={"company": "A", "role": "B"}).status_code


def test_create_over_the_limit_answers_403_naming_the_limit_and_how_to_raise_it(
    settings: Settings, alice: ApiUser
) -> None:
    settings.max_applications_per_user = 5
    _fill(alice, 5)

    response = alice.client.post("/api/applications", json={"company": "Sixth", "role": "Dev"})

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert "limit of 5 applications" in error["message"]
    assert "MAX_APPLICATIONS_PER_USER" in error["message"]
    assert "admin" in error["message"]
    assert list_applications(alice)["total"] == 5


def test_the_limit_is_per_user(settings: Settings, alice: ApiUser, bob: ApiUser) -> None:
    settings.max_applications_per_user = 2
    _fill(alice, 2)

    assert _try_create(bob) == 201


def test_deleting_one_makes_room_for_another(settings: Settings, alice: ApiUser) -> None:
    settings.max_applications_per_user = 1
    first = alice.create_application()
    alice.client.delete(f"/api/applications/{first['id']}")

    assert _try_create(alice) == 201


def test_zero_means_unlimited(settings: Settings, alice: ApiUser) -> None:
    settings.max_applications_per_user = 0

    _fill(alice, 7)

    assert list_applications(alice)["total"] == 7


def test_admin_raising_the_limit_at_run_time_lets_more_in(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_applications_per_user = 5
    _fill(bob, 5)
    assert _try_create(bob) == 403

    raised = alice.client.patch("/api/admin/settings", json={"max_applications_per_user": 6})

    assert raised.status_code == 200
    assert _try_create(bob) == 201
    assert _try_create(bob) == 403


def test_admin_setting_zero_at_run_time_lifts_the_limit(
    settings: Settings, alice: ApiUser, bob: ApiUser
) -> None:
    settings.max_applications_per_user = 5
    _fill(bob, 5)

    alice.client.patch("/api/admin/settings", json={"max_applications_per_user": 0})

    assert _try_create(bob) == 201


def test_meta_shows_the_limit_and_the_callers_usage(settings: Settings, alice: ApiUser) -> None:
    settings.max_applications_per_user = 5
    _fill(alice, 2)

    meta = alice.client.get("/api/meta").json()

    assert meta["limits"]["max_applications_per_user"] == 5
    assert meta["usage"]["applications"] == 2
