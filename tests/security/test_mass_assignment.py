"""Fields a user must not set (owner, role, ids, timestamps) are refused on every JSON write.

The table must name every write route whose body is JSON in the OpenAPI schema, so a new
route cannot slip past it; each is sent a valid body plus the forbidden fields and must
answer 422 naming them, with everything the user can see unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI

from tests.documents.builders import upload_one
from tests.factories import ApiUser

FORBIDDEN = {"owner_id": 999, "id": 999, "role": "admin", "created_at": "2020-01-01T00:00:00Z"}
WRITE_METHODS = {"post", "put", "patch", "delete"}
# Applications and contacts have a `role` of their own (a job title), the user's to set.
JOB_TITLE = "role"


@dataclass(frozen=True)
class World:
    """One of everything alice owns, by id."""

    application: int
    deliverable: int
    contact: int
    writing: int
    document: int
    interview: int


BACKUP = {
    "format": "jobtracker-backup",
    "version": 1,
    "exported_at": "2025-01-01T00:00:00Z",
    "user": {"email": "someone@example.com", "display_name": "Someone"},
}
# (method, path template) -> a body the route accepts.
VALID_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/admin/settings"): {"registration_open": True},
    ("POST", "/api/auth/register"): {"email": "new@example.com", "password": "long enough pw"},
    ("POST", "/api/auth/register/confirm"): {"token": "not a real token"},
    ("POST", "/api/auth/login"): {"email": "alice@example.com", "password": "long enough pw"},
    ("POST", "/api/auth/password"): {"current_password": "x", "new_password": "long enough pw"},
    ("POST", "/api/auth/login/2fa"): {"challenge": "not yet", "code": "123456"},
    ("POST", "/api/auth/2fa/enable"): {"code": "123456"},
    ("POST", "/api/auth/2fa/disable"): {"password": "whatever", "code": "123456"},
    ("POST", "/api/auth/2fa/recovery-codes"): {"code": "123456"},
    ("PATCH", "/api/me"): {"display_name": "Mallory"},
    ("DELETE", "/api/me"): {"password": "whatever"},
    ("POST", "/api/tokens"): {"name": "Script", "scope": "read"},
    ("POST", "/api/applications"): {"company": "Acme", "role": "Engineer"},
    ("PATCH", "/api/applications/{application_id}"): {"company": "Renamed"},
    ("POST", "/api/applications/bulk"): {"ids": [1], "action": "archive"},
    ("POST", "/api/applications/{application_id}/deliverables"): {"title": "Essay"},
    ("PATCH", "/api/deliverables/{deliverable_id}"): {"title": "Renamed"},
    ("POST", "/api/applications/{application_id}/interviews"): {
        "starts_at": "2030-05-06T10:00:00Z"
    },
    ("PATCH", "/api/interviews/{interview_id}"): {"debrief": "Went well"},
    ("POST", "/api/writing"): {"title": "Note"},
    ("PATCH", "/api/writing/{writing_id}"): {"title": "Renamed"},
    ("POST", "/api/applications/{application_id}/contacts"): {"name": "Grace"},
    ("PATCH", "/api/contacts/{contact_id}"): {"name": "Renamed"},
    ("PATCH", "/api/documents/{document_id}"): {"filename": "renamed.txt"},
    ("PATCH", "/api/applications/{application_id}/sent-documents"): {"cover_letter_id": None},
    ("POST", "/api/applications/{application_id}/assistant"): {"message": "Hello"},
    ("POST", "/api/import/backup"): BACKUP,
    ("POST", "/api/capture"): {"text": "Backend Engineer at Acme"},
    ("PATCH", "/api/notifications/{notification_id}"): {"dismissed": True},
    ("PATCH", "/api/notification-rules"): {"follow_up_days": 5},
    ("PATCH", "/api/me/digest"): {"hour": 9},
    ("POST", "/api/auth/forgot-password"): {"email": "alice@example.com"},
    ("POST", "/api/auth/reset-password"): {"token": "no", "new_password": "long enough pw"},
    ("POST", "/api/admin/set-password"): {"email": "a@example.com", "new_password": "long pw 12"},
    ("POST", "/api/board/cards/{application_id}/move"): {"stage": "applied"},
    ("PUT", "/api/board/layout"): {"stages": [{"stage": "offer", "label": "Offers"}]},
    ("PUT", "/api/goals"): {"applications_per_week": 5},
    ("POST", "/api/webhooks"): {"url": "https://hooks.example/x", "events": ["deliverable.due"]},
    ("PATCH", "/api/webhooks/{webhook_id}"): {"enabled": False},
    ("PATCH", "/api/admin/users/{user_id}"): {"disabled": False},
    ("POST", "/api/admin/users/{user_id}/password"): {"new_password": "a brand new passphrase 4"},
    ("DELETE", "/api/admin/users/{user_id}"): {"confirm_email": "nobody@example.com"},
    ("POST", "/api/groups"): {"name": "Cohort"},
    ("PATCH", "/api/groups/{group_id}"): {"name": "Renamed"},
    ("POST", "/api/groups/{group_id}/members"): {"email": "bob@example.com"},
    ("PATCH", "/api/groups/{group_id}/members/{user_id}"): {"group_role": "coach"},
    ("PATCH", "/api/shares/{group_id}"): {"board": True},
    ("POST", "/api/applications/{application_id}/comments"): {"body": "Hello"},
    ("POST", "/api/admin/invites"): {"max_uses": 2},
    ("POST", "/api/groups/{group_id}/invites"): {"max_uses": 2},
}


def body_fields(app: FastAPI, method: str, path: str) -> set[str]:
    schema = app.openapi()
    body = schema["paths"][path][method.lower()]["requestBody"]["content"]["application/json"]
    reference = body["schema"].get("$ref", "")
    if not reference:
        return set()
    return set(schema["components"]["schemas"][reference.split("/")[-1]]["properties"])


def json_write_routes(app: FastAPI) -> set[tuple[str, str]]:
    routes = set()
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method in WRITE_METHODS and "application/json" in content:
                routes.add((method.upper(), path))
    return routes


@pytest.fixture
def world(alice: ApiUser) -> World:
    application = alice.create_application()["id"]
    client = alice.client
    deliverable = client.post(
        f"/api/applications/{application}/deliverables", json={"title": "Essay"}
    ).json()["id"]
    contact = client.post(f"/api/applications/{application}/contacts", json={"name": "Ada"}).json()[
        "id"
    ]
    writing = client.post("/api/writing", json={"title": "Note"}).json()["id"]
    document = upload_one(alice, "notes.txt", b"my notes", "text/plain")["id"]
    interview = client.post(
        f"/api/applications/{application}/interviews", json={"starts_at": "2030-05-06T10:00:00Z"}
    ).json()["id"]
    return World(application, deliverable, contact, writing, document, interview)


def everything_alice_sees(alice: ApiUser, world: World) -> list[Any]:
    reads = [
        "/api/me",
        "/api/meta",
        "/api/admin/settings",
        "/api/applications",
        "/api/board/cards",
        "/api/board/layout",
        "/api/goals",
        "/api/webhooks",
        "/api/deliverables",
        "/api/writing",
        "/api/documents",
        f"/api/applications/{world.application}/contacts",
        f"/api/applications/{world.application}/interviews",
        f"/api/applications/{world.application}/assistant",
    ]
    return [alice.client.get(path).json() for path in reads]


def test_the_table_names_every_json_write_route(app: FastAPI) -> None:
    assert json_write_routes(app) == set(VALID_BODIES)


@pytest.mark.parametrize(
    ("method", "path"), sorted(VALID_BODIES), ids=[f"{m} {p}" for m, p in sorted(VALID_BODIES)]
)
def test_owner_role_ids_and_timestamps_are_refused(
    method: str, path: str, app: FastAPI, alice: ApiUser, world: World
) -> None:
    url = path.format(
        application_id=world.application,
        deliverable_id=world.deliverable,
        contact_id=world.contact,
        writing_id=world.writing,
        document_id=world.document,
        interview_id=world.interview,
        notification_id="follow_up:1:2026-01-01",
        # The body is refused before the webhook is looked up (one needs a reachable receiver).
        webhook_id=1,
        user_id=1,  # alice, whom the admin's routes would change
        group_id=1,  # the body is refused before the group is looked up
    )
    own_fields = body_fields(app, method, path)
    assert own_fields & set(FORBIDDEN) <= {JOB_TITLE}  # no owner, id or timestamp field at all
    refused = {name: value for name, value in FORBIDDEN.items() if name not in own_fields}
    before = everything_alice_sees(alice, world)

    response = alice.client.request(method, url, json={**VALID_BODIES[(method, path)], **refused})

    assert response.status_code == 422, response.text
    assert set(refused) <= set(response.json()["error"]["fields"])
    assert everything_alice_sees(alice, world) == before


def test_an_owner_sent_with_an_upload_is_ignored(alice: ApiUser, bob: ApiUser) -> None:
    response = alice.client.post(
        "/api/documents",
        files=[("files", ("cv.txt", b"my cv", "text/plain"))],
        data={"owner_id": str(bob.id)},
    )

    assert response.status_code == 201
    assert [item["filename"] for item in alice.client.get("/api/documents").json()["items"]] == [
        "cv.txt"
    ]
    assert bob.client.get("/api/documents").json()["items"] == []
