"""Bad interview input is refused with a message naming the field and what to send."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ApiUser
from tests.interviews.builders import create_interview

START = "2030-01-01T10:00:00Z"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "IANA name"),
        ({"time_zone": "x" * 5000}, "time_zone", "64"),
        ({"duration_minutes": 0}, "duration_minutes", "5"),
        ({"duration_minutes": 10081}, "duration_minutes", "10080"),
        ({"meeting_url": "javascript:alert(1)"}, "meeting_url", "http"),
        ({"meeting_url": "https://meet.example/" + "a" * 2000}, "meeting_url", "2000"),
        ({"location": "x" * 501}, "location", "500"),
        ({"prep_notes": "x" * 20_001}, "prep_notes", "20000"),
        ({"debrief": "x" * 20_001}, "debrief", "20000"),
        ({"kind": "coffee"}, "kind", "recruiter_call"),
        ({"outcome": "meh"}, "outcome", "advanced"),
        ({"contact_ids": list(range(1, 22))}, "contact_ids", "20"),
        ({"starts_at": "tomorrow"}, "starts_at", "date"),
        ({"starts_at": "12000-01-01T10:00:00Z"}, "starts_at", "date"),
    ],
)
def test_refused_with_the_field_named(
    alice: ApiUser, fields: dict[str, Any], field: str, words: str
) -> None:
    application = alice.create_application()

    response = alice.client.post(
        f"/api/applications/{application['id']}/interviews", json={"starts_at": START, **fields}
    )

    assert response.status_code == 422, response.text
    problems = response.json()["error"]["fields"]
    assert field in problems, problems
    assert words.lower() in problems[field].lower()


def test_a_start_is_required(alice: ApiUser) -> None:
    application = alice.create_application()

    response = alice.client.post(f"/api/applications/{application['id']}/interviews", json={})

    assert response.status_code == 422
    assert "starts_at" in response.json()["error"]["fields"]


@pytest.mark.parametrize("field", ["starts_at", "time_zone", "kind", "duration_minutes"])
def test_required_fields_cannot_be_cleared(alice: ApiUser, field: str) -> None:
    application = alice.create_application()
    interview = create_interview(alice, application["id"])

    response = alice.client.patch(f"/api/interviews/{interview['id']}", json={field: None})

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


def test_an_application_holds_a_bounded_number(alice: ApiUser) -> None:
    application = alice.create_application()
    for _ in range(50):
        create_interview(alice, application["id"])

    response = alice.client.post(
        f"/api/applications/{application['id']}/interviews", json={"starts_at": START}
    )

    assert response.status_code == 403
    assert "at most 50" in response.json()["error"]["message"]
