"""Another user's interviews answer 404 on every route, and stay unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview

# (method, path, JSON body); {application} and {interview} are alice's ids.
ROUTES_WITH_AN_ID = [
    ("GET", "/api/applications/{application}/interviews", None),
    ("POST", "/api/applications/{application}/interviews", {"starts_at": "2030-01-01T10:00Z"}),
    ("GET", "/api/interviews/{interview}", None),
    ("PATCH", "/api/interviews/{interview}", {"debrief": "Changed by bob", "outcome": "rejected"}),
    ("DELETE", "/api/interviews/{interview}", None),
]


def alices_interviews(alice: ApiUser, application_id: int) -> list[dict[str, Any]]:
    response = alice.client.get(f"/api/applications/{application_id}/interviews")
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"], prep_notes="mine")
    before = alices_interviews(alice, application["id"])
    url = path.format(application=application["id"], interview=interview["id"])

    response = bob.client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert alices_interviews(alice, application["id"]) == before


def test_foreign_and_missing_ids_get_the_same_answer(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"])

    foreign = bob.client.get(f"/api/interviews/{interview['id']}")
    missing = bob.client.get(f"/api/interviews/{interview['id'] + 1000}")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"] == {
        **missing.json()["error"],
        "message": foreign.json()["error"]["message"],
    }


def test_another_users_contact_cannot_be_linked(alice: ApiUser, bob: ApiUser) -> None:
    alices_application = alice.create_application()
    alices_contact = create_contact(alice, alices_application["id"], "Alice's recruiter")
    bobs_application = bob.create_application()

    response = bob.client.post(
        f"/api/applications/{bobs_application['id']}/interviews",
        json={"starts_at": "2030-01-01T10:00Z", "contact_ids": [alices_contact["id"]]},
    )

    assert response.status_code == 422
    assert alices_interviews(bob, bobs_application["id"]) == []
