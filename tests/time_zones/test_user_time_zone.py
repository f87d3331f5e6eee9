"""Each user's time zone: the browser's at sign-up (UTC when unknown), changed in Settings."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import DEFAULT_PASSWORD, ApiUser


def register(client: TestClient, email: str, **fields: str) -> dict[str, object]:
    response = client.post(
        "/api/auth/register", json={"email": email, "password": DEFAULT_PASSWORD, **fields}
    )
    assert response.status_code == 201, response.text
    user: dict[str, object] = response.json()["user"]
    return user


def test_sign_up_keeps_the_browsers_zone(client: TestClient) -> None:
    user = register(client, "honolulu@example.com", time_zone="Pacific/Honolulu")

    assert user["time_zone"] == "Pacific/Honolulu"
    assert client.get("/api/me").json()["time_zone"] == "Pacific/Honolulu"


def test_an_unknown_zone_at_sign_up_becomes_utc_rather_than_a_refusal(client: TestClient) -> None:
    user = register(client, "nowhere@example.com", time_zone="Nowhere/Special")

    assert user["time_zone"] == "UTC"


def test_sign_up_without_a_zone_is_utc(client: TestClient) -> None:
    assert register(client, "plain@example.com")["time_zone"] == "UTC"


def test_the_zone_is_changed_in_settings(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me", json={"time_zone": "Asia/Kolkata"})

    assert response.status_code == 200
    assert response.json()["time_zone"] == "Asia/Kolkata"
    assert alice.client.get("/api/me").json()["display_name"] == response.json()["display_name"]


def test_an_unknown_zone_in_settings_is_refused_with_what_to_do(alice: ApiUser) -> None:
    response = alice.client.patch("/api/me", json={"time_zone": "Europe/Atlantis"})

    assert response.status_code == 422
    assert "IANA name" in response.json()["error"]["fields"]["time_zone"]
    assert alice.client.get("/api/me").json()["time_zone"] == "UTC"


def test_the_name_alone_can_still_be_changed(alice: ApiUser) -> None:
    alice.client.patch("/api/me", json={"time_zone": "Pacific/Tongatapu"})

    response = alice.client.patch("/api/me", json={"display_name": "Alice A."})

    assert response.json()["display_name"] == "Alice A."
    assert response.json()["time_zone"] == "Pacific/Tongatapu"
