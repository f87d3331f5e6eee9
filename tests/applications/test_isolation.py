"""Another user's application answers 404 on every route that takes its id, and stays as it was."""

from __future__ import annotations

from typing import Any

import pytest

from tests.applications.builders import EVERY_FIELD, read_application, stage_events
from tests.factories import ApiUser

# Each route that takes an application id, with a body that would change it if allowed.
ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/applications/{id}", None),
    (
        "PATCH",
        "/api/applications/{id}",
        {"company": "Taken over", "stage": "rejected", "tags": ["stolen"], "notes": None},
    ),
    ("DELETE", "/api/applications/{id}", None),
    ("GET", "/api/applications/{id}/events", None),
]


def _snapshot(user: ApiUser, application_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return read_application(user, application_id), stage_events(user, application_id)


@pytest.mark.parametrize(
    ("method", "path", "body"), ROUTES, ids=[f"{method} {path}" for method, path, _ in ROUTES]
)
def test_another_users_application_answers_404_and_is_unchanged(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application(**EVERY_FIELD)
    before = _snapshot(alice, application["id"])

    response = bob.client.request(method, path.format(id=application["id"]), json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _snapshot(alice, application["id"]) == before


@pytest.mark.parametrize(
    ("method", "path", "body"), ROUTES, ids=[f"{method} {path}" for method, path, _ in ROUTES]
)
def test_another_users_id_answers_like_a_missing_one(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application()
    missing_id = application["id"] + 1000

    foreign = bob.client.request(method, path.format(id=application["id"]), json=body)
    missing = bob.client.request(method, path.format(id=missing_id), json=body)

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["message"] == missing.json()["error"]["message"].replace(
        str(missing_id), str(application["id"])
    )
