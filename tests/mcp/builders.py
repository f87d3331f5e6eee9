"""One user's tracker, made through the API as they would make it, for the MCP tools to work on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.interviews.builders import create_contact, create_interview


@dataclass(frozen=True)
class Tracker:
    """The ids of what build_tracker made."""

    application: int  # Acme, with a deliverable, a contact, a note, a document, an interview
    other_application: int  # Globex, with nothing linked to it
    deliverable: int
    contact: int
    note: int
    document: int
    interview: int


def post(user: ApiUser, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = user.client.post(path, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def soon(days: int) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)


def build_tracker(user: ApiUser) -> Tracker:
    application = user.create_application(
        company="Acme",
        role="Platform Engineer",
        job_description="Run Kubernetes clusters for the payments team.",
        notes="Referred by Dana.",
        tags=["remote", "platform"],
        deadline=(date.today() + timedelta(days=3)).isoformat(),
    )["id"]
    other = user.create_application(company="Globex", role="SRE", stage="applied")["id"]
    deliverable = post(
        user,
        f"/api/applications/{application}/deliverables",
        {"title": "Cover letter", "kind": "cover_letter", "due_at": soon(2).isoformat()},
    )["id"]
    contact = create_contact(user, application, "Dana Scully")["id"]
    note = post(
        user,
        "/api/writing",
        {
            "title": "Why Acme",
            "body": "Their platform team ships daily.",
            "application_ids": [application],
        },
    )["id"]
    document = upload_one(
        user,
        "resume.txt",
        b"Jane Doe\nPlatform engineer, 8 years.",
        "text/plain",
        application_id=application,
    )["id"]
    interview = create_interview(
        user, application, starts_at=soon(1).isoformat(), contact_ids=[contact]
    )["id"]
    return Tracker(application, other, deliverable, contact, note, document, interview)


def read_application(user: ApiUser, application_id: int) -> dict[str, Any]:
    response = user.client.get(f"/api/applications/{application_id}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found
