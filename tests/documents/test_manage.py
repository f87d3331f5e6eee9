"""Listing, searching, renaming, linking to applications and deleting documents."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.documents.builders import (
    DOCX,
    PDF,
    filenames,
    make_docx,
    make_pdf,
    read_document,
    upload_one,
)
from tests.factories import DEFAULT_PASSWORD, ApiUser


def linked_ids(document: dict[str, Any]) -> list[int]:
    return [application["id"] for application in document["applications"]]


def test_the_list_shows_newest_first_without_the_text(alice: ApiUser) -> None:
    upload_one(alice, "old.txt", b"old")
    upload_one(alice, "new.txt", b"new")

    page = alice.client.get("/api/documents").json()

    assert filenames(page) == ["new.txt", "old.txt"]
    assert page["total"] == 2
    assert "extracted_text" not in page["items"][0]


def test_the_list_is_paginated(alice: ApiUser) -> None:
    for number in range(3):
        upload_one(alice, f"file{number}.txt", f"text {number}".encode())

    page = alice.client.get("/api/documents", params={"limit": 2, "offset": 2}).json()

    assert filenames(page) == ["file0.txt"]
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 2)


def test_search_finds_words_inside_pdf_and_docx_files(alice: ApiUser) -> None:
    resume = upload_one(alice, "resume.pdf", make_pdf("Kubernetes operator experience"), PDF)
    letter = upload_one(alice, "letter.docx", make_docx("I love kubernetes."), DOCX)
    upload_one(alice, "other.txt", b"Nothing relevant")
    read_document(alice, resume["id"])
    read_document(alice, letter["id"])

    page = alice.client.get("/api/documents", params={"q": "KUBERNETES"}).json()

    assert sorted(filenames(page)) == ["letter.docx", "resume.pdf"]


def test_search_matches_file_names(alice: ApiUser) -> None:
    upload_one(alice, "Acme cover letter.txt", b"Dear team")
    upload_one(alice, "resume.txt", b"Jane")

    page = alice.client.get("/api/documents", params={"q": "acme"}).json()

    assert filenames(page) == ["Acme cover letter.txt"]


def test_search_treats_wildcards_as_plain_characters(alice: ApiUser) -> None:
    upload_one(alice, "a.txt", b"100% remote")
    upload_one(alice, "b.txt", b"100 remote")

    page = alice.client.get("/api/documents", params={"q": "100%"}).json()

    assert filenames(page) == ["a.txt"]


def test_the_list_filters_by_media_type(alice: ApiUser) -> None:
    upload_one(alice, "resume.pdf", make_pdf("Resume"), PDF)
    upload_one(alice, "notes.md", b"# Notes")
    upload_one(alice, "plain.txt", b"plain")

    page = alice.client.get(
        "/api/documents", params={"media_type": ["application/pdf", "text/markdown"]}
    ).json()

    assert sorted(filenames(page)) == ["notes.md", "resume.pdf"]


def test_an_unknown_media_type_filter_is_a_field_error(alice: ApiUser) -> None:
    response = alice.client.get("/api/documents", params={"media_type": "image/png"})

    assert response.status_code == 422
    assert "query.media_type.0" in response.json()["error"]["fields"]


def test_the_list_filters_by_application(alice: ApiUser) -> None:
    application = alice.create_application()
    upload_one(alice, "sent.txt", b"sent", application_id=application["id"])
    upload_one(alice, "library.txt", b"library")

    page = alice.client.get("/api/documents", params={"application_id": application["id"]}).json()

    assert filenames(page) == ["sent.txt"]


def test_an_applications_documents_are_listed_on_it(alice: ApiUser) -> None:
    application = alice.create_application()
    upload_one(alice, "resume.pdf", make_pdf("Resume"), PDF, application_id=application["id"])
    upload_one(alice, "elsewhere.txt", b"other")

    page = alice.client.get(f"/api/applications/{application['id']}/documents").json()

    assert filenames(page) == ["resume.pdf"]
    assert page["total"] == 1


def test_reading_a_document_gives_its_text(alice: ApiUser) -> None:
    document = upload_one(alice, "notes.md", b"# Interview prep\n")

    detail = read_document(alice, document["id"])

    assert detail["extracted_text"] == "# Interview prep\n"
    assert detail["filename"] == "notes.md"


def test_renaming_changes_only_the_display_name(alice: ApiUser) -> None:
    document = upload_one(alice, "resume.pdf", make_pdf("Resume"), PDF)

    response = alice.client.patch(
        f"/api/documents/{document['id']}", json={"filename": "  Résumé \u2013 Acme.pdf "}
    )

    assert response.status_code == 200
    assert response.json()["filename"] == "Résumé \u2013 Acme.pdf"
    assert response.json()["sha256"] == document["sha256"]
    assert read_document(alice, document["id"])["filename"] == "Résumé \u2013 Acme.pdf"


@pytest.mark.parametrize(
    "filename",
    ["../secret.pdf", "folder/resume.pdf", "C:\\resume.pdf", "bad\nname.pdf", "", "..", "a" * 256],
)
def test_renaming_refuses_unsafe_names(alice: ApiUser, filename: str) -> None:
    document = upload_one(alice, "resume.pdf", make_pdf("Resume"), PDF)

    response = alice.client.patch(f"/api/documents/{document['id']}", json={"filename": filename})

    assert response.status_code == 422
    assert "filename" in response.json()["error"]["fields"]
    assert read_document(alice, document["id"])["filename"] == "resume.pdf"


@pytest.mark.parametrize(
    "body", [{"filename": None}, {"application_ids": None}, {"owner_id": 2}, {"sha256": "0" * 64}]
)
def test_patch_refuses_nulls_and_fields_that_are_not_the_users(
    alice: ApiUser, body: dict[str, Any]
) -> None:
    document = upload_one(alice, "resume.txt", b"Resume")

    response = alice.client.patch(f"/api/documents/{document['id']}", json=body)

    assert response.status_code == 422


def test_attaching_links_a_document_to_applications(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    document = upload_one(alice, "resume.txt", b"Resume")

    response = alice.client.patch(
        f"/api/documents/{document['id']}", json={"application_ids": [globex["id"], acme["id"]]}
    )

    assert response.status_code == 200
    assert linked_ids(response.json()) == sorted([acme["id"], globex["id"]])
    acme_page = alice.client.get(f"/api/applications/{acme['id']}/documents").json()
    assert filenames(acme_page) == ["resume.txt"]


def test_detaching_removes_only_the_links_left_out(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    document = upload_one(alice, "resume.txt", b"Resume", application_id=acme["id"])
    alice.client.patch(
        f"/api/documents/{document['id']}", json={"application_ids": [acme["id"], globex["id"]]}
    )

    response = alice.client.patch(
        f"/api/documents/{document['id']}", json={"application_ids": [globex["id"]]}
    )

    assert linked_ids(response.json()) == [globex["id"]]
    assert alice.client.get(f"/api/applications/{acme['id']}/documents").json()["total"] == 0


def test_attaching_to_a_missing_application_changes_nothing(alice: ApiUser) -> None:
    acme = alice.create_application()
    document = upload_one(alice, "resume.txt", b"Resume", application_id=acme["id"])

    response = alice.client.patch(
        f"/api/documents/{document['id']}", json={"application_ids": [999_999]}
    )

    assert response.status_code == 404
    assert linked_ids(read_document(alice, document["id"])) == [acme["id"]]


def test_deleting_a_document_removes_it(alice: ApiUser) -> None:
    application = alice.create_application()
    document = upload_one(alice, "resume.txt", b"Resume", application_id=application["id"])

    response = alice.client.delete(f"/api/documents/{document['id']}")

    assert response.status_code == 204
    assert alice.client.get(f"/api/documents/{document['id']}").status_code == 404
    assert alice.client.get(f"/api/documents/{document['id']}/content").status_code == 404
    assert alice.client.get(f"/api/applications/{application['id']}/documents").json()["total"] == 0


def test_deleting_an_application_keeps_the_document_but_drops_the_link(alice: ApiUser) -> None:
    acme = alice.create_application(company="Acme")
    globex = alice.create_application(company="Globex")
    document = upload_one(alice, "resume.txt", b"Resume", application_id=acme["id"])
    alice.client.patch(
        f"/api/documents/{document['id']}", json={"application_ids": [acme["id"], globex["id"]]}
    )

    assert alice.client.delete(f"/api/applications/{acme['id']}").status_code == 204

    assert linked_ids(read_document(alice, document["id"])) == [globex["id"]]


def test_deleting_the_account_deletes_its_documents(
    app: FastAPI, alice: ApiUser, bob: ApiUser
) -> None:
    content = make_pdf("Resume")
    upload_one(alice, "resume.pdf", content, PDF, application_id=alice.create_application()["id"])
    upload_one(bob, "resume.pdf", content, PDF)

    response = alice.client.request("DELETE", "/api/me", json={"password": DEFAULT_PASSWORD})

    assert response.status_code == 204
    # Nothing in the API can see a deleted user's rows, so look at the tables themselves.
    with app.state.engine.connect() as connection:
        owners = connection.execute(text("SELECT owner_id FROM documents")).scalars().all()
        links = connection.execute(text("SELECT COUNT(*) FROM document_links")).scalar()
    assert owners == [bob.id]
    assert links == 0
    assert bob.client.get("/api/documents").json()["total"] == 1
