"""Builders for fit tests: resumes uploaded as a user would, and the fit asked for."""

from __future__ import annotations

from typing import Any

from httpx2 import Response  # what the TestClient answers with

from tests.factories import ApiUser

POSTING = """Backend Engineer

Requirements
- Python
- PostgreSQL
- Kubernetes

Nice to have
- Terraform
"""


def upload_resume(
    user: ApiUser,
    filename: str,
    text: str,
    *,
    application_id: int | None = None,
    kind: str = "resume",
    content_type: str = "text/plain",
    content: bytes | None = None,
) -> dict[str, Any]:
    data = {"kind": kind}
    if application_id is not None:
        data["application_id"] = str(application_id)
    response = user.client.post(
        "/api/documents",
        files=[("files", (filename, content or text.encode(), content_type))],
        data=data,
    )
    assert response.status_code == 201, response.text
    [document] = response.json()
    return dict(document)


def ask_fit(user: ApiUser, application_id: int, document_id: int | None = None) -> Response:
    params = {} if document_id is None else {"document_id": document_id}
    return user.client.get(f"/api/applications/{application_id}/fit", params=params)


def fit_of(user: ApiUser, application_id: int, document_id: int | None = None) -> dict[str, Any]:
    response = ask_fit(user, application_id, document_id)
    assert response.status_code == 200, response.text
    return dict(response.json())


def record_sent_resume(user: ApiUser, application_id: int, document_id: int) -> None:
    response = user.client.patch(
        f"/api/applications/{application_id}/sent-documents", json={"resume_id": document_id}
    )
    assert response.status_code == 200, response.text
