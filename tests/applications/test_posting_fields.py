"""Salary period, employment type and the posting's date: stored, changed, cleared, validated."""

from __future__ import annotations

import pytest

from tests.applications.builders import field_errors, read_application
from tests.factories import ApiUser
from tests.portability.builders import csv_records, export_backup, export_csv, restore_backup

POSTING_FIELDS = {
    "salary_period": "month",
    "employment_type": "part_time",
    "posted_on": "2026-11-03",
}


def test_posting_fields_are_stored_and_read_back(alice: ApiUser) -> None:
    created = alice.create_application(company="Acme", role="Engineer", **POSTING_FIELDS)

    stored = read_application(alice, created["id"])

    assert {name: stored[name] for name in POSTING_FIELDS} == POSTING_FIELDS


def test_posting_fields_default_to_none(alice: ApiUser) -> None:
    created = alice.create_application(company="Acme", role="Engineer")

    assert [created[name] for name in POSTING_FIELDS] == [None, None, None]


def test_posting_fields_change_and_clear(alice: ApiUser) -> None:
    created = alice.create_application(company="Acme", role="Engineer", **POSTING_FIELDS)
    url = f"/api/applications/{created['id']}"

    changed = alice.client.patch(url, json={"salary_period": "hour", "posted_on": None})

    assert changed.status_code == 200, changed.text
    stored = read_application(alice, created["id"])
    assert (stored["salary_period"], stored["posted_on"]) == ("hour", None)
    assert stored["employment_type"] == "part_time"


@pytest.mark.parametrize(
    ("name", "value"),
    [("salary_period", "fortnight"), ("employment_type", "gig"), ("posted_on", "3 Nov")],
)
def test_an_unknown_posting_value_is_refused_in_plain_words(
    alice: ApiUser, name: str, value: str
) -> None:
    response = alice.client.post(
        "/api/applications", json={"company": "Acme", "role": "Engineer", name: value}
    )

    errors = field_errors(response)
    assert name in errors
    assert "Input should" not in errors[name]


def test_posting_fields_survive_a_backup_and_restore(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(company="Acme", role="Engineer", **POSTING_FIELDS)

    response = restore_backup(bob, export_backup(alice))

    assert response.status_code == 201, response.text
    [restored] = bob.client.get("/api/applications").json()["items"]
    assert {name: restored[name] for name in POSTING_FIELDS} == POSTING_FIELDS


def test_posting_fields_are_in_the_spreadsheet_export(alice: ApiUser) -> None:
    alice.create_application(company="Acme", role="Engineer", **POSTING_FIELDS)

    [row] = csv_records(export_csv(alice))

    assert (row["Salary period"], row["Employment type"], row["Posted on"]) == (
        "month",
        "part_time",
        "2026-11-03",
    )
