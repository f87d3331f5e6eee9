"""Another user's documents and applications answer 404 on every route, bytes included."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from jobtracker.documents import service
from tests.documents.builders import PDF, make_pdf, read_document, upload, upload_one
from tests.factories import ApiUser

# (method, path, JSON body); {document} and {application} are alice's ids.
ROUTES_WITH_AN_ID: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/documents/{document}", None),
    ("GET", "/api/documents/{document}/content", None),
    ("GET", "/api/documents/{document}/content?inline=1", None),
    ("PATCH", "/api/documents/{document}", {"filename": "renamed by bob.pdf"}),
    ("PATCH", "/api/documents/{document}", {"application_ids": []}),
    ("PATCH", "/api/documents/{document}", {"kind": "other"}),
    ("PATCH", "/api/documents/{document}", {"version_of": None}),
    ("DELETE", "/api/documents/{document}", None),
    ("GET", "/api/applications/{application}/documents", None),
    ("GET", "/api/documents?application_id={application}", None),
]


def alices_view(alice: ApiUser, document_id: int) -> tuple[list[dict[str, Any]], bytes]:
    items: list[dict[str, Any]] = alice.client.get("/api/documents").json()["items"]
    content = alice.client.get(f"/api/documents/{document_id}/content").content
    return items, content


@pytest.fixture
def alices_document(alice: ApiUser) -> dict[str, Any]:
    application = alice.create_application(company="Acme")
    uploaded = upload_one(
        alice, "resume.pdf", make_pdf("Resume of Alice"), PDF, application_id=application["id"]
    )
    return read_document(alice, uploaded["id"])


@pytest.mark.parametrize(("method", "path", "body"), ROUTES_WITH_AN_ID)
def test_other_users_get_404_and_change_nothing(
    alice: ApiUser,
    bob: ApiUser,
    alices_document: dict[str, Any],
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    before = alices_view(alice, alices_document["id"])
    url = path.format(
        document=alices_document["id"], application=alices_document["applications"][0]["id"]
    )

    response = bob.client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert alices_view(alice, alices_document["id"]) == before


def test_uploading_to_another_users_application_is_404_and_stores_nothing(
    alice: ApiUser, bob: ApiUser, alices_document: dict[str, Any]
) -> None:
    application_id = alices_document["applications"][0]["id"]

    response = upload(bob, ("planted.pdf", make_pdf("Bob"), PDF), application_id=application_id)

    assert response.status_code == 404
    assert bob.client.get("/api/documents").json()["total"] == 0
    assert alice.client.get(f"/api/applications/{application_id}/documents").json()["total"] == 1


def test_linking_an_own_document_to_another_users_application_is_404(
    alice: ApiUser, bob: ApiUser, alices_document: dict[str, Any]
) -> None:
    application_id = alices_document["applications"][0]["id"]
    bobs_document = upload_one(bob, "bob.txt", b"Bob's notes")

    response = bob.client.patch(
        f"/api/documents/{bobs_document['id']}", json={"application_ids": [application_id]}
    )

    assert response.status_code == 404
    assert bob.client.get(f"/api/documents/{bobs_document['id']}").json()["applications"] == []
    assert alice.client.get(f"/api/applications/{application_id}/documents").json()["total"] == 1


def test_foreign_and_missing_ids_get_the_same_answer(
    bob: ApiUser, alices_document: dict[str, Any]
) -> None:
    foreign = bob.client.get(f"/api/documents/{alices_document['id']}/content")
    missing = bob.client.get(f"/api/documents/{alices_document['id'] + 1000}/content")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["error"]["code"] == missing.json()["error"]["code"]


def test_search_never_finds_another_users_documents(
    bob: ApiUser, alices_document: dict[str, Any]
) -> None:
    page = bob.client.get("/api/documents", params={"q": "resume"}).json()

    assert page["total"] == 0


def test_the_assistant_reads_only_the_owners_documents_of_that_application(
    app: FastAPI, alice: ApiUser, bob: ApiUser, alices_document: dict[str, Any]
) -> None:
    application_id = alices_document["applications"][0]["id"]
    upload_one(alice, "library only.txt", b"Not linked")

    with app.state.session_factory() as session:
        alices = service.documents_for_application(session, alice.id, application_id)
        bobs = service.documents_for_application(session, bob.id, application_id)

    assert alices == [("resume.pdf", "Resume of Alice")]
    assert bobs == []
