"""Who may register: the first user always; others while registration is open, under MAX_USERS."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from jobtracker.config import Settings
from jobtracker.instance.models import InstanceSettings
from tests.factories import ApiUser
from tests.instance.builders import change_settings, newcomer


def user_count(admin: ApiUser) -> int:
    users: int = admin.client.get("/api/admin/settings").json()["users"]
    return users


def test_registration_closed_by_the_admin_is_refused_with_a_clear_message(
    client: TestClient, alice: ApiUser
) -> None:
    change_settings(alice, registration_open=False)

    response = client.post("/api/auth/register", json=newcomer())

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "forbidden"
    assert "Registration is closed" in error["message"]
    assert user_count(alice) == 1


def test_registration_reopened_by_the_admin_works_again(client: TestClient, alice: ApiUser) -> None:
    change_settings(alice, registration_open=False)
    change_settings(alice, registration_open=True)

    assert client.post("/api/auth/register", json=newcomer()).status_code == 201


def test_the_first_user_can_register_on_an_empty_instance_even_when_closed(
    app: FastAPI, client: TestClient
) -> None:
    with app.state.session_factory() as session:
        session.execute(update(InstanceSettings).values(registration_open=False))
        session.commit()

    response = client.post("/api/auth/register", json=newcomer())

    assert response.status_code == 201
    assert response.json()["user"]["role"] == "admin"


def test_registration_at_max_users_is_refused_naming_the_limit_and_how_to_raise_it(
    client: TestClient, settings: Settings, make_user: Callable[..., ApiUser]
) -> None:
    settings.max_users = 2
    admin, _ = make_user(), make_user()

    response = client.post("/api/auth/register", json=newcomer())

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert "limit of 2 users" in error["message"]
    assert "MAX_USERS" in error["message"]
    assert "admin" in error["message"]
    assert user_count(admin) == 2


def test_max_users_zero_means_unlimited(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    settings.max_users = 0
    statuses = [client.post("/api/auth/register", json=newcomer()).status_code for _ in range(11)]

    assert statuses == [201] * 11  # past the default limit of 10
    assert user_count(alice) == 12


def test_the_admins_max_users_overrides_the_environments(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    settings.max_users = 0
    change_settings(alice, max_users=2)

    assert client.post("/api/auth/register", json=newcomer()).status_code == 201
    assert client.post("/api/auth/register", json=newcomer()).status_code == 403


def test_raising_max_users_at_run_time_lets_people_register_again(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    settings.max_users = 1
    assert client.post("/api/auth/register", json=newcomer()).status_code == 403

    change_settings(alice, max_users=2)

    assert client.post("/api/auth/register", json=newcomer()).status_code == 201


def test_the_admin_can_set_max_users_to_unlimited_at_run_time(
    client: TestClient, settings: Settings, alice: ApiUser
) -> None:
    settings.max_users = 1
    change_settings(alice, max_users=0)

    assert client.post("/api/auth/register", json=newcomer()).status_code == 201


def test_a_refused_registration_does_not_sign_the_browser_in(
    client: TestClient, alice: ApiUser
) -> None:
    change_settings(alice, registration_open=False)

    response = client.post("/api/auth/register", json=newcomer())

    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    assert client.get("/api/me").status_code == 401


def test_registrations_from_one_address_are_limited_successes_included(
    client: TestClient, settings: Settings
) -> None:
    settings.registration_max_per_ip = 3

    statuses = [client.post("/api/auth/register", json=newcomer()).status_code for _ in range(4)]

    assert statuses == [201, 201, 201, 429]


def test_a_limited_registration_says_how_long_to_wait(
    client: TestClient, settings: Settings
) -> None:
    settings.registration_max_per_ip = 1
    client.post("/api/auth/register", json=newcomer())

    response = client.post("/api/auth/register", json=newcomer())

    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Please wait 15 minutes" in response.json()["error"]["message"]
