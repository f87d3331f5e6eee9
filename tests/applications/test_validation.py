"""Bad input to the applications API answers 422 with field errors, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.applications.builders import EVERY_FIELD, field_errors, read_application, user_fields
from tests.factories import ApiUser

VALID = {"company": "Acme", "role": "Engineer"}


def _create(user: ApiUser, **fields: Any) -> Any:
    return user.client.post("/api/applications", json={**VALID, **fields})


def test_unknown_stage_is_refused(alice: ApiUser) -> None:
    assert "stage" in field_errors(_create(alice, stage="hired"))


def test_unknown_stage_is_refused_on_patch(alice: ApiUser) -> None:
    created = alice.create_application(**EVERY_FIELD)

    response = alice.client.patch(f"/api/applications/{created['id']}", json={"stage": "Applied"})

    assert "stage" in field_errors(response)
    assert user_fields(read_application(alice, created["id"])) == EVERY_FIELD


@pytest.mark.parametrize("name", ["work_mode", "priority"])
def test_unknown_choice_is_refused(alice: ApiUser, name: str) -> None:
    assert name in field_errors(_create(alice, **{name: "sometimes"}))


@pytest.mark.parametrize("value", ["23/11/2026", "2026-13-01", "2026-02-30", "tomorrow", ""])
@pytest.mark.parametrize("name", ["applied_on", "deadline"])
def test_dates_in_the_wrong_format_are_refused(alice: ApiUser, name: str, value: str) -> None:
    assert name in field_errors(_create(alice, **{name: value}))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("company", 123),
        ("role", ["Engineer"]),
        ("salary_min", "lots"),
        ("salary_max", 12.5),
        ("salary_min", True),
        ("tags", "python,remote"),
        ("tags", [1, 2]),
        ("notes", {"text": "hi"}),
        ("applied_on", 20261123),
        ("stage", 3),
    ],
)
def test_wrong_types_are_refused(alice: ApiUser, name: str, value: object) -> None:
    fields = field_errors(_create(alice, **{name: value}))

    assert any(key == name or key.startswith(f"{name}.") for key in fields), fields


@pytest.mark.parametrize("name", ["salary_min", "salary_max"])
def test_negative_and_absurd_salaries_are_refused(alice: ApiUser, name: str) -> None:
    assert name in field_errors(_create(alice, **{name: -1}))
    assert name in field_errors(_create(alice, **{name: 10**12}))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("company", "x" * 201),
        ("role", "x" * 201),
        ("location", "x" * 201),
        ("source", "x" * 201),
        ("job_url", "https://example.com/" + "x" * 2000),
        ("job_description", "x" * 100_001),
        ("notes", "x" * 100_001),
    ],
)
def test_too_long_strings_are_refused(alice: ApiUser, name: str, value: str) -> None:
    assert name in field_errors(_create(alice, **{name: value}))


def test_too_long_tag_is_refused(alice: ApiUser) -> None:
    assert "tags.1" in field_errors(_create(alice, tags=["ok", "x" * 51]))


@pytest.mark.parametrize("tag", ["two\nlines", "tab\tbed", "unit\x1fseparator", "bell\x07"])
def test_tags_with_control_characters_are_refused(alice: ApiUser, tag: str) -> None:
    answer = _create(alice, tags=["ok", tag])

    assert answer.status_code == 422
    assert "control characters" in field_errors(answer)["tags.1"]
    assert alice.client.get("/api/applications").json()["total"] == 0


def test_tags_are_listed_in_name_order_whatever_order_they_were_given_in(alice: ApiUser) -> None:
    alice.create_application(tags=["zeta", "Alpha", "mid dle"])

    listed = alice.client.get("/api/applications").json()["items"][0]

    assert listed["tags"] == ["alpha", "mid dle", "zeta"]


def test_too_many_tags_are_refused(alice: ApiUser) -> None:
    assert "tags" in field_errors(_create(alice, tags=[f"tag{number}" for number in range(21)]))


def test_longest_allowed_strings_are_accepted(alice: ApiUser) -> None:
    created = alice.create_application(company="x" * 200, notes="y" * 100_000)

    assert len(created["company"]) == 200


@pytest.mark.parametrize(
    ("name", "value"),
    [("owner_id", 1), ("id", 99), ("created_at", "2020-01-01T00:00:00Z"), ("colour", "red")],
)
def test_unknown_and_server_owned_fields_are_refused(
    alice: ApiUser, name: str, value: object
) -> None:
    assert name in field_errors(_create(alice, **{name: value}))


@pytest.mark.parametrize("name", ["owner_id", "id", "updated_at"])
def test_server_owned_fields_are_refused_on_patch(alice: ApiUser, bob: ApiUser, name: str) -> None:
    created = alice.create_application(**EVERY_FIELD)
    value = bob.id if name != "updated_at" else "2020-01-01T00:00:00Z"

    response = alice.client.patch(f"/api/applications/{created['id']}", json={name: value})

    assert name in field_errors(response)
    assert read_application(alice, created["id"])["id"] == created["id"]


def test_missing_company_and_role_are_both_reported(alice: ApiUser) -> None:
    fields = field_errors(alice.client.post("/api/applications", json={}))

    assert {"company", "role"} <= set(fields)


def test_bad_json_is_refused_as_a_body_error(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/applications",
        content=b'{"company": "Acme", "role": ',
        headers={"Content-Type": "application/json"},
    )

    assert field_errors(response) == {"body": "The request body is not valid JSON."}


@pytest.mark.parametrize("body", [b"[]", b'"Acme"', b"null", b"42"])
def test_json_that_is_not_an_object_is_refused(alice: ApiUser, body: bytes) -> None:
    response = alice.client.post(
        "/api/applications", content=body, headers={"Content-Type": "application/json"}
    )

    assert "body" in field_errors(response)


def test_bad_json_on_patch_is_refused(alice: ApiUser) -> None:
    created = alice.create_application()

    response = alice.client.patch(
        f"/api/applications/{created['id']}",
        content=b"{stage: applied}",
        headers={"Content-Type": "application/json"},
    )

    assert "body" in field_errors(response)


@pytest.mark.parametrize(
    "path",
    [
        "/api/applications/99999999999999999999",
        "/api/applications/2147483648",
        "/api/applications/0",
        "/api/applications/abc",
        "/api/applications/99999999999999999999/events",
    ],
)
def test_ids_that_cannot_exist_are_refused(alice: ApiUser, path: str) -> None:
    assert "path.application_id" in field_errors(alice.client.get(path))


def test_patch_and_delete_with_an_id_that_cannot_exist_are_refused(alice: ApiUser) -> None:
    path = "/api/applications/99999999999999999999"

    assert "path.application_id" in field_errors(alice.client.patch(path, json={"notes": "x"}))
    assert "path.application_id" in field_errors(alice.client.delete(path))


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "hired"},
        {"sort": "-salary_max"},
        {"q": "x" * 201},
        {"limit": "ten"},
    ],
)
def test_bad_list_parameters_are_refused(alice: ApiUser, params: dict[str, str]) -> None:
    assert field_errors(alice.client.get("/api/applications", params=params))


def _skip_unless_postgresql(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite stores and compares NUL characters; PostgreSQL text cannot hold them")


def _refused_as_bad_input(response: Any) -> bool:
    return bool(
        response.status_code == 422 and response.json()["error"]["code"] == "validation_error"
    )


def test_text_the_database_cannot_store_is_refused_not_a_500(backend: str, alice: ApiUser) -> None:
    _skip_unless_postgresql(backend)

    assert _refused_as_bad_input(_create(alice, company="Acme\u0000Corp"))
    assert alice.client.get("/api/applications").json()["total"] == 0


@pytest.mark.parametrize("params", [{"q": "a\u0000b"}, {"tag": "a\u0000b"}])
def test_list_parameters_the_database_cannot_compare_are_refused_not_a_500(
    backend: str, alice: ApiUser, params: dict[str, str]
) -> None:
    _skip_unless_postgresql(backend)

    assert _refused_as_bad_input(alice.client.get("/api/applications", params=params))


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
@pytest.mark.parametrize("name", ["applied_on", "deadline"])
def test_a_day_outside_the_years_1900_to_2999_is_refused(
    alice: ApiUser, name: str, day: str
) -> None:
    # The calendar feed ends an all-day deadline the day after: 9999-12-31 answered 500 there.
    response = alice.client.post("/api/applications", json={**VALID, name: day})

    assert field_errors(response) == {name: "Use a date between 1900-01-01 and 2999-12-31."}


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_the_first_and_last_days_of_the_range_are_accepted(alice: ApiUser, day: str) -> None:
    created = alice.create_application(applied_on=day, deadline=day)

    assert (created["applied_on"], created["deadline"]) == (day, day)


def test_a_missing_field_is_named_by_its_label_in_plain_words(alice: ApiUser) -> None:
    response = alice.client.post("/api/applications", json={"role": "Engineer"})

    error = response.json()["error"]
    assert response.status_code == 422
    assert error["fields"]["company"] == "This is required."
    assert error["message"] == "Please correct: Company: This is required."


def test_too_long_text_says_how_long_it_may_be(alice: ApiUser) -> None:
    response = _create(alice, company="A" * 10_000)

    message = field_errors(response)["company"]
    assert message.startswith("Use at most ")
    assert message.endswith(" characters.")
    assert "should" not in response.json()["error"]["message"]


def test_a_wrong_choice_lists_the_choices(alice: ApiUser) -> None:
    message = field_errors(_create(alice, work_mode="sometimes"))["work_mode"]

    assert message == "Choose one of: onsite, hybrid or remote."
