"""Another user's deliverables and applications answer 404 on every route, and stay unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deliverables.builders import create_deliverable, in_days
from tests.factories import ApiUser

# (method, path, JSON body); {application} and {deliverable} are alice's ids.
ROUTES_WITH_AN_ID = [
    ("GET", "/api/applications/{application}/deliverables", None),
    ("POST", "/api/applications/{application}/deliverables", {"title": "Planted by bob"}),
    ("GET", "/api/deliverables?application_id={application}", None),
    ("GET", "/api/deliverables/{deliverable}", None),
    ("PATCH", "/api/deliverables/{deliverable}", {"title": "Changed by bob", "state": "done"}),
    ("DELETE", "/api/deliverables/{deliverable}", None),
]


def alices_deliverables(alice: ApiUser) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = alice.client.get("/api/deliverables").json()["items"]
    return items


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser, bob: ApiUser, method: str, path: str, body: dict[str, Any] | None
) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], due_at=in_days(2), content="mine")
    before = alices_deliverables(alice)
    url = path.format(application=application["id"], deliverable=deliverable["id"])

    response = bob.client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert alices_deliverables(alice) == before
    assert bob.client.get("/api/deliverables").json()["total"] == 0


def test_foreign_and_missing_ids_get_the_same_answer(alice: ApiUser, bob: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"])

    foreign = bob.client.get(f"/api/deliverables/{deliverable['id']}")
    missing = bob.client.get(f"/api/deliverables/{deliverable['id'] + 1000}")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == missing.json()["error"]["code"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["bob's"]),
        ({"overdue": "true"}, []),
        ({"overdue": "false"}, ["bob's"]),
        ({"due_before": in_days(5)}, ["bob's"]),
        ({"state": "not_started"}, ["bob's"]),
    ],
)
def test_upcoming_list_holds_only_the_callers_deliverables(
    alice: ApiUser, bob: ApiUser, params: dict[str, str], expected: list[str]
) -> None:
    alices_application = alice.create_application()
    bobs_application = bob.create_application()
    create_deliverable(alice, alices_application["id"], title="alice's late", due_at=in_days(-1))
    create_deliverable(alice, alices_application["id"], title="alice's soon", due_at=in_days(1))
    create_deliverable(bob, bobs_application["id"], title="bob's", due_at=in_days(1))

    page = bob.client.get("/api/deliverables", params=params).json()

    assert [item["title"] for item in page["items"]] == expected
    assert page["total"] == len(expected)


def test_applications_list_never_shows_another_users_deliverable(
    alice: ApiUser, bob: ApiUser
) -> None:
    bobs_application = bob.create_application()
    alices_application = alice.create_application()
    create_deliverable(alice, alices_application["id"], due_at=in_days(1))

    listed = bob.client.get("/api/applications").json()["items"]

    assert [item["id"] for item in listed] == [bobs_application["id"]]
    assert listed[0]["next_deliverable"] is None
