"""Another user's application: every assistant route answers 404 and changes nothing."""

from __future__ import annotations

import pytest

from tests.assistant.builders import ask, conversation
from tests.factories import ApiUser

ROUTES = [
    ("GET", "", None),
    ("POST", "", {"message": "What will they ask me?"}),
    ("POST", "/retry", None),
    ("DELETE", "", None),
]


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser, bob: ApiUser, method: str, suffix: str, body: dict[str, str] | None
) -> None:
    application = alice.create_application()
    ask(alice, application["id"], "Hello")
    before = conversation(alice, application["id"])

    response = bob.client.request(
        method, f"/api/applications/{application['id']}/assistant{suffix}", json=body
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert conversation(alice, application["id"]) == before


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES)
def test_missing_application_is_a_404(
    alice: ApiUser, method: str, suffix: str, body: dict[str, str] | None
) -> None:
    response = alice.client.request(
        method, f"/api/applications/999999/assistant{suffix}", json=body
    )

    assert response.status_code == 404


def test_other_users_message_does_not_count_against_the_owner(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()

    bob.client.post(f"/api/applications/{application['id']}/assistant", json={"message": "Hi"})

    assert conversation(alice, application["id"])["usage"]["messages"] == 0
    assert conversation(bob, bob.create_application()["id"])["usage"]["messages"] == 0


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES)
def test_signed_out_caller_gets_401(
    alice: ApiUser, method: str, suffix: str, body: dict[str, str] | None
) -> None:
    application = alice.create_application()
    token = alice.client.headers.pop("Authorization")
    try:
        response = alice.client.request(
            method, f"/api/applications/{application['id']}/assistant{suffix}", json=body
        )
    finally:
        alice.client.headers["Authorization"] = token

    assert response.status_code == 401
