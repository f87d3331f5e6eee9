"""Builders for application tests: an application with every field filled in, and read-backs."""

from __future__ import annotations

from typing import Any

from tests.factories import ApiUser

# Every field a user can set, each with a value other than its default.
EVERY_FIELD: dict[str, Any] = {
    "company": "Acme Robotics",
    "role": "Backend Engineer",
    "stage": "interview",
    "job_url": "https://jobs.example.com/acme/backend",
    "location": "Berlin",
    "work_mode": "hybrid",
    "salary_min": 70_000,
    "salary_max": 90_000,
    "salary_currency": "EUR",
    "source": "Referral",
    "job_description": "Build and run the fleet API.\n\n- Python\n- PostgreSQL",
    "notes": "Talked to Sam at the meetup.",
    "priority": "high",
    "applied_on": "2026-10-01",
    "deadline": "2026-12-15",
    "tags": ["python", "robotics"],
    "salary_period": "month",
    "employment_type": "full_time",
    "posted_on": "2026-09-20",
}

# Optional fields and the value that clears them.
CLEARABLE = [
    "job_url",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "source",
    "job_description",
    "notes",
    "applied_on",
    "deadline",
    "salary_period",
    "employment_type",
    "posted_on",
]

# Set by the server, so never compared with what was sent.
SERVER_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "next_deliverable",
    "archived_at",
    "stage_entered_at",
    "board_position",
    "next_step",
}


def user_fields(application: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in application.items() if name not in SERVER_FIELDS}


def read_application(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.client.get(f"/api/applications/{application_id}")
    assert response.status_code == 200, response.text
    application: dict[str, Any] = response.json()
    return application


def stage_events(user: ApiUser, application_id: int) -> list[dict[str, Any]]:
    response = user.client.get(f"/api/applications/{application_id}/events")
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["items"]
    return events


def list_applications(user: ApiUser, **params: Any) -> dict[str, Any]:
    response = user.client.get("/api/applications", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def companies(page: dict[str, Any]) -> list[str]:
    return [application["company"] for application in page["items"]]


def field_errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"]["code"] == "validation_error"
    fields: dict[str, str] = body["error"]["fields"]
    return fields
