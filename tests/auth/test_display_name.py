"""A display name is one line of text: control characters are refused in plain words."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.factories import DEFAULT_PASSWORD, ApiUser

BROKEN_NAMES = ["Ann\nEND:VCALENDAR", "Ann\r\nLee", "Ann\tLee", "Ann\x1b[31m", "Ann\u2028Lee"]


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_registering_with_a_control_character_in_the_name_is_refused(
    client: TestClient, name: str
) -> None:
    response = client.post(
        "/api/auth/register",
        json={"email": "ann@example.com", "password": DEFAULT_PASSWORD, "display_name": name},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert "display name can't contain line breaks" in error["message"]
    assert "display_name" in error["fields"]


@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_renaming_to_a_name_with_a_control_character_is_refused(alice: ApiUser, name: str) -> None:
    response = alice.client.patch("/api/me", json={"display_name": name})

    assert response.status_code == 422
    assert "control characters" in response.json()["error"]["fields"]["display_name"]
    assert alice.client.get("/api/me").json()["display_name"] == "Alice"


def test_names_in_any_script_with_emoji_and_joiners_are_kept(alice: ApiUser) -> None:
    name = "Zoë 王 \u200dمريم 👩\u200d💻"

    response = alice.client.patch("/api/me", json={"display_name": name})

    assert response.status_code == 200
    assert alice.client.get("/api/me").json()["display_name"] == name
