"""Helpers for the assistant's tests: a well-filled application, and reading streamed answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from httpx2 import Response  # what the TestClient answers with

from tests.factories import ApiUser


@dataclass(frozen=True)
class Event:
    name: str
    data: dict[str, Any]


def read_events(response: Response) -> list[Event]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = []
    for block in response.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in fields:
            events.append(Event(fields["event"], json.loads(fields["data"])))
    return events


def answer_text(events: list[Event]) -> str:
    return "".join(event.data["text"] for event in events if event.name == "delta")


def ask(user: ApiUser, application_id: int, message: str) -> list[Event]:
    response = user.client.post(
        f"/api/applications/{application_id}/assistant", json={"message": message}
    )
    return read_events(response)


def retry(user: ApiUser, application_id: int) -> list[Event]:
    return read_events(user.client.post(f"/api/applications/{application_id}/assistant/retry"))


def conversation(user: ApiUser, application_id: int, **params: Any) -> dict[str, Any]:
    response = user.client.get(f"/api/applications/{application_id}/assistant", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def well_filled_application(user: ApiUser, **fields: Any) -> dict[str, Any]:
    """An application with a job description, a deliverable, a contact, a note and a resume."""
    application = user.create_application(
        company="Northwind Logistics",
        role="Senior Backend Engineer",
        stage="interview",
        job_description="You will design event-driven microservices in Go and PostgreSQL.",
        **fields,
    )
    path = f"/api/applications/{application['id']}"
    created = [
        user.client.post(
            f"{path}/deliverables",
            json={"title": "Take-home: rate limiter", "kind": "coding_task"},
        ),
        user.client.post(f"{path}/contacts", json={"name": "Priya Raman", "role": "Recruiter"}),
        user.client.post(
            "/api/writing",
            json={
                "title": "Call with Priya",
                "body": "Second round is system design with the platform team.",
                "application_ids": [application["id"]],
            },
        ),
        user.client.post(
            "/api/documents",
            files={"files": ("resume.txt", b"Resume: eight years of Go at Contoso.", "text/plain")},
            data={"application_id": str(application["id"])},
        ),
    ]
    for response in created:
        assert response.status_code == 201, response.text
    return application
