"""The messages an application's form shows under its inputs: sentences that say what to do."""

from __future__ import annotations

import pytest

from tests.applications.builders import field_errors
from tests.factories import ApiUser

VALID = {"company": "Acme", "role": "Engineer"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"job_url": "example.com/jobs/1"},
            {"job_url": "Enter a web address starting with http:// or https://."},
        ),
        (
            {"salary_currency": "E1"},
            {"salary_currency": "Use a three-letter currency code, like EUR or USD."},
        ),
        (
            {"salary_min": 90_000, "salary_max": 80_000},
            {"salary_max": "Make this at least the minimum salary."},
        ),
        ({"deadline": "20250-01-01"}, {"deadline": "Enter a date like 2026-12-31."}),
        (
            {"applied_on": "3000-01-01"},
            {"applied_on": "Use a date between 1900-01-01 and 2999-12-31."},
        ),
    ],
)
def test_a_refused_field_is_told_what_to_do_in_a_sentence(
    alice: ApiUser, change: dict[str, object], expected: dict[str, str]
) -> None:
    response = alice.client.post("/api/applications", json={**VALID, **change})

    assert field_errors(response) == expected


def test_clearing_a_required_field_says_it_is_required(alice: ApiUser) -> None:
    created = alice.create_application()

    response = alice.client.patch(f"/api/applications/{created['id']}", json={"role": None})

    assert field_errors(response) == {"role": "This is required; it can't be left empty."}
