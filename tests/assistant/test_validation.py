"""Bad questions answer 422 with field errors, and store nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assistant.builders import conversation
from tests.factories import ApiUser


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "message"),
        ({"message": ""}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 8001}, "message"),
        ({"message": 42}, "message"),
        ({"message": "Hi", "application_id": 3}, "application_id"),
    ],
)
def test_bad_question_is_a_422_naming_the_field(
    alice: ApiUser, body: dict[str, Any], field: str
) -> None:
    application = alice.create_application()

    response = alice.client.post(f"/api/applications/{application['id']}/assistant", json=body)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert conversation(alice, application["id"])["messages"] == []


def test_longest_question_is_accepted(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/assistant", json={"message": "x" * 8000}
    )

    assert response.status_code == 200


def test_body_that_is_not_json_is_a_422(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/assistant",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
