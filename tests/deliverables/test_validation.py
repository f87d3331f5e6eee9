"""Bad deliverable input answers 422 with field errors, never a 500, and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deliverables.builders import create_deliverable, in_days
from tests.factories import ApiUser


def post_deliverable(user: ApiUser, application_id: int, body: Any) -> Any:
    return user.client.post(f"/api/applications/{application_id}/deliverables", json=body)


def test_naive_due_at_is_refused_asking_for_a_time_zone(alice: ApiUser) -> None:
    application = alice.create_application()

    response = post_deliverable(
        alice, application["id"], {"title": "Essay", "due_at": "2031-05-01T17:00:00"}
    )

    assert response.status_code == 422
    assert "time zone" in response.json()["error"]["fields"]["due_at"]
    assert alice.client.get("/api/deliverables").json()["total"] == 0


def test_naive_due_at_is_refused_on_patch_too(alice: ApiUser) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], due_at=in_days(2))

    response = alice.client.patch(
        f"/api/deliverables/{deliverable['id']}", json={"due_at": "2031-05-01T17:00:00"}
    )

    assert response.status_code == 422
    stored = alice.client.get(f"/api/deliverables/{deliverable['id']}").json()
    assert stored["due_at"] == deliverable["due_at"]


@pytest.mark.parametrize("parameter", ["due_before", "due_after"])
def test_naive_moment_in_the_upcoming_filters_is_refused(alice: ApiUser, parameter: str) -> None:
    response = alice.client.get("/api/deliverables", params={parameter: "2031-05-01T17:00:00"})

    assert response.status_code == 422
    assert "time zone" in response.json()["error"]["fields"][f"query.{parameter}"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "poem"),
        ("state", "abandoned"),
        ("title", ""),
        ("title", "   "),
        ("title", "x" * 201),
        ("title", 42),
        ("title", None),
        ("due_at", "next friday"),
        ("due_at", "2031-13-01T10:00:00Z"),
        ("due_at", ["2031-05-01T10:00:00Z"]),
        ("content", "x" * 100_001),
        ("content", {"text": "nested"}),
    ],
)
def test_bad_field_on_create_is_a_422_naming_the_field(
    alice: ApiUser, field: str, value: Any
) -> None:
    application = alice.create_application()

    response = post_deliverable(alice, application["id"], {"title": "Essay", field: value})

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert alice.client.get("/api/deliverables").json()["total"] == 0


def test_title_is_required(alice: ApiUser) -> None:
    application = alice.create_application()

    response = post_deliverable(alice, application["id"], {"kind": "essay"})

    assert response.status_code == 422
    assert "title" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("owner_id", 2),
        ("id", 1000),
        ("application_id", 1),
        ("done_at", "2031-05-01T10:00:00Z"),
        ("created_at", "2031-05-01T10:00:00Z"),
        ("updated_at", "2031-05-01T10:00:00Z"),
        ("overdue", True),
    ],
)
def test_server_owned_fields_are_refused_on_create(alice: ApiUser, field: str, value: Any) -> None:
    application = alice.create_application()

    response = post_deliverable(alice, application["id"], {"title": "Essay", field: value})

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("owner_id", 2),
        ("application_id", 1),
        ("done_at", "2031-05-01T10:00:00Z"),
        ("kind", "poem"),
        ("state", 3),
        ("title", "x" * 201),
    ],
)
def test_bad_field_on_patch_is_a_422_and_changes_nothing(
    alice: ApiUser, field: str, value: Any
) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"])

    response = alice.client.patch(f"/api/deliverables/{deliverable['id']}", json={field: value})

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert alice.client.get(f"/api/deliverables/{deliverable['id']}").json() == deliverable


@pytest.mark.parametrize("field", ["title", "kind", "state"])
def test_required_fields_cannot_be_cleared(alice: ApiUser, field: str) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"])

    response = alice.client.patch(f"/api/deliverables/{deliverable['id']}", json={field: None})

    assert response.status_code == 422
    assert response.json()["error"]["fields"][field] == "cannot be cleared"


def test_body_that_is_not_json_is_a_422(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/deliverables",
        content=b"{title: oops",
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    "params",
    [
        {"state": "abandoned"},
        {"kind": "poem"},
        {"overdue": "sometimes"},
        {"due_before": "soon"},
        {"application_id": "first"},
        {"limit": 0},
        {"limit": 1000},
        {"offset": -1},
    ],
)
def test_bad_upcoming_filter_is_a_422(alice: ApiUser, params: dict[str, Any]) -> None:
    response = alice.client.get("/api/deliverables", params=params)

    assert response.status_code == 422
    (name,) = params
    fields = response.json()["error"]["fields"]
    # Repeatable parameters name the bad one by position, e.g. query.state.0.
    assert any(key.startswith(f"query.{name}") for key in fields), fields


def test_non_numeric_id_in_the_path_is_a_422(alice: ApiUser) -> None:
    response = alice.client.get("/api/deliverables/first")

    assert response.status_code == 422
    assert "path.deliverable_id" in response.json()["error"]["fields"]


# Each answered 500 before: converting them to UTC left the years Python can hold.
BEYOND_UTC = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]
OUT_OF_RANGE = [*BEYOND_UTC, "1899-12-31T23:59:59Z", "2999-12-31T23:30:00-01:00"]
RANGE_PROBLEM = "Use a date between 1900-01-01 and 2999-12-31 (in UTC)."


@pytest.mark.parametrize("due_at", OUT_OF_RANGE)
def test_a_due_at_outside_the_years_1900_to_2999_is_refused(alice: ApiUser, due_at: str) -> None:
    application = alice.create_application()

    response = post_deliverable(alice, application["id"], {"title": "Essay", "due_at": due_at})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"due_at": RANGE_PROBLEM}
    assert alice.client.get("/api/deliverables").json()["total"] == 0


@pytest.mark.parametrize("due_at", BEYOND_UTC)
def test_a_due_at_beyond_utc_is_refused_on_patch_too(alice: ApiUser, due_at: str) -> None:
    application = alice.create_application()
    deliverable = create_deliverable(alice, application["id"], due_at=in_days(2))

    response = alice.client.patch(f"/api/deliverables/{deliverable['id']}", json={"due_at": due_at})

    assert response.status_code == 422
    stored = alice.client.get(f"/api/deliverables/{deliverable['id']}").json()
    assert stored["due_at"] == deliverable["due_at"]


@pytest.mark.parametrize("moment", BEYOND_UTC)
@pytest.mark.parametrize("name", ["due_before", "due_after"])
def test_a_filter_moment_beyond_utc_is_refused(alice: ApiUser, name: str, moment: str) -> None:
    response = alice.client.get("/api/deliverables", params={name: moment})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {f"query.{name}": RANGE_PROBLEM}


def test_the_last_moment_of_2999_in_utc_is_accepted(alice: ApiUser) -> None:
    application = alice.create_application()

    response = post_deliverable(
        alice, application["id"], {"title": "Essay", "due_at": "3000-01-01T09:59:59+10:00"}
    )

    assert response.status_code == 201, response.text
    assert response.json()["due_at"] == "2999-12-31T23:59:59Z"


def test_a_query_parameter_is_named_without_where_it_came_from(alice: ApiUser) -> None:
    response = alice.client.get("/api/deliverables", params={"due_before": "2026-12-31T17:00"})

    assert response.json()["error"]["message"].startswith("Please correct: Due before: ")
