"""Bad writing input answers 422 with field errors, never a 500, and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ApiUser
from tests.writing.builders import create_writing, field_errors, list_writing, read_writing


def names(field: str, fields: dict[str, str]) -> bool:
    """Whether the errors name this field, or one of its items (`application_ids.0`)."""
    return any(name == field or name.startswith(f"{field}.") for name in fields)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "   "),
        ("title", "x" * 201),
        ("title", 42),
        ("title", None),
        ("kind", "poem"),
        ("kind", 1),
        ("body", "x" * 100_001),
        ("body", {"markdown": "nested"}),
        ("tags", "python"),
        ("tags", [""]),
        ("tags", ["x" * 51]),
        ("tags", [f"tag{number}" for number in range(21)]),
        ("application_ids", 1),
        ("application_ids", ["one"]),
        ("application_ids", ["1"]),
        ("application_ids", [1.5]),
        ("application_ids", [True]),
        ("application_ids", [0]),
        ("application_ids", [2**63]),
        ("application_ids", list(range(1, 102))),
    ],
)
def test_bad_field_on_create_is_a_422_naming_the_field(
    alice: ApiUser, field: str, value: Any
) -> None:
    response = alice.client.post("/api/writing", json={"title": "Valid", field: value})

    assert names(field, field_errors(response))
    assert list_writing(alice)["total"] == 0


def test_title_is_required(alice: ApiUser) -> None:
    response = alice.client.post("/api/writing", json={"body": "No title"})

    assert "title" in field_errors(response)


def test_title_of_200_characters_is_accepted(alice: ApiUser) -> None:
    writing = create_writing(alice, title="x" * 200)

    assert len(writing["title"]) == 200


@pytest.mark.parametrize("field", ["owner_id", "id", "created_at", "author"])
def test_unknown_or_server_field_on_create_is_refused(alice: ApiUser, field: str) -> None:
    response = alice.client.post("/api/writing", json={"title": "Mine", field: 1})

    assert field in field_errors(response)
    assert list_writing(alice)["total"] == 0


def test_body_that_is_not_json_is_a_422(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/writing", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert "body" in field_errors(response)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", None),
        ("title", "x" * 201),
        ("kind", "poem"),
        ("kind", None),
        ("body", None),
        ("tags", None),
        ("application_ids", None),
        ("application_ids", ["1"]),
        ("owner_id", 2),
    ],
)
def test_bad_field_on_patch_is_a_422_and_changes_nothing(
    alice: ApiUser, field: str, value: Any
) -> None:
    writing = create_writing(alice, title="Kept", body="Kept body", tags=["kept"])

    response = alice.client.patch(f"/api/writing/{writing['id']}", json={field: value})

    assert names(field, field_errors(response))
    assert read_writing(alice, writing["id"]) == writing


@pytest.mark.parametrize("writing_id", ["abc", "0", "-1", str(2**63)])
def test_id_that_cannot_exist_is_a_422_not_a_500(alice: ApiUser, writing_id: str) -> None:
    response = alice.client.get(f"/api/writing/{writing_id}")

    assert "path.writing_id" in field_errors(response)
