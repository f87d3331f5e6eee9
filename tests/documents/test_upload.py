"""Uploading each accepted kind of file: its type read from the bytes, and its text read."""

from __future__ import annotations

import hashlib

import pytest

from tests.documents.builders import (
    DOCX,
    PDF,
    make_docx,
    make_encrypted_pdf,
    make_pdf,
    read_document,
    upload,
    upload_one,
)
from tests.factories import ApiUser


def test_pdf_is_stored_with_its_text(alice: ApiUser) -> None:
    content = make_pdf("Jane Doe", "Senior Python Engineer")

    response = upload(alice, ("resume.pdf", content, PDF))

    assert response.status_code == 201
    [document] = response.json()
    assert document["filename"] == "resume.pdf"
    assert document["media_type"] == PDF
    assert document["size_bytes"] == len(content)
    assert document["sha256"] == hashlib.sha256(content).hexdigest()
    assert document["created"] is True
    assert document["previewable"] is True
    read = read_document(alice, document["id"])
    assert read["text_status"] == "ready"
    assert read["extraction_note"] is None
    assert read["extracted_text"] == "Jane Doe\nSenior Python Engineer"


def test_docx_is_stored_with_its_paragraphs_and_tables(alice: ApiUser) -> None:
    content = make_docx(
        "Dear hiring manager,", "I build reliable systems.", table=[["Skill", "Years"], ["Go", "5"]]
    )

    document = upload_one(alice, "cover letter.docx", content, DOCX)

    assert document["media_type"] == DOCX
    assert document["previewable"] is False
    assert read_document(alice, document["id"])["extracted_text"] == (
        "Dear hiring manager,\nI build reliable systems.\nSkill | Years\nGo | 5"
    )


def test_plain_text_is_stored_as_text(alice: ApiUser) -> None:
    content = "Références: Zoë Müller — 📞 on request\n".encode()

    document = upload_one(alice, "references.txt", content, "text/plain")

    assert document["media_type"] == "text/plain"
    assert read_document(alice, document["id"])["extracted_text"] == content.decode()


def test_markdown_is_told_from_text_by_its_name(alice: ApiUser) -> None:
    document = upload_one(alice, "answers.md", b"# Why us\n\nBecause *reasons*.\n", "text/plain")

    assert document["media_type"] == "text/markdown"
    assert document["previewable"] is True


def test_the_type_the_client_claims_is_ignored(alice: ApiUser) -> None:
    document = upload_one(alice, "notes.txt", b"just text", "application/pdf")

    assert document["media_type"] == "text/plain"


def test_a_pdf_named_txt_is_still_a_pdf(alice: ApiUser) -> None:
    document = upload_one(alice, "resume.txt", make_pdf("Jane"), "text/plain")

    assert document["media_type"] == PDF


def test_several_files_upload_in_one_request(alice: ApiUser) -> None:
    response = upload(
        alice,
        ("resume.pdf", make_pdf("Resume"), PDF),
        ("letter.docx", make_docx("Letter"), DOCX),
        ("notes.md", b"# Notes", "text/markdown"),
    )

    assert response.status_code == 201
    assert [document["filename"] for document in response.json()] == [
        "resume.pdf",
        "letter.docx",
        "notes.md",
    ]
    assert alice.client.get("/api/documents").json()["total"] == 3


def test_a_password_protected_pdf_is_kept_with_a_note(alice: ApiUser) -> None:
    content = make_encrypted_pdf("hunter2", "Confidential")

    document = upload_one(alice, "locked.pdf", content, PDF)

    assert document["media_type"] == PDF
    read = read_document(alice, document["id"])
    assert read["text_status"] == "unreadable"
    assert "password" in read["extraction_note"]
    assert read["extracted_text"] == ""
    assert alice.client.get(f"/api/documents/{document['id']}/content").content == content


def test_a_damaged_pdf_is_kept_with_a_note(alice: ApiUser) -> None:
    content = b"%PDF-1.7\n1 0 obj << /Type /Catalog broken beyond repair"

    document = upload_one(alice, "damaged.pdf", content, PDF)

    read = read_document(alice, document["id"])
    assert read["text_status"] == "unreadable"
    assert "could not be read" in read["extraction_note"]
    assert alice.client.get(f"/api/documents/{document['id']}/content").content == content


def test_a_pdf_without_text_says_it_may_be_a_scan(alice: ApiUser) -> None:
    document = upload_one(alice, "scan.pdf", make_pdf(), PDF)

    read = read_document(alice, document["id"])
    assert read["text_status"] == "ready"
    assert "scan" in read["extraction_note"]


@pytest.mark.parametrize(
    ("sent_name", "stored_name"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("/absolute/path/resume.txt", "resume.txt"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("esc\x1bape\x7f.txt", "escape.txt"),
        ("..", "document"),
    ],
)
def test_file_names_keep_only_a_safe_last_part(
    alice: ApiUser, sent_name: str, stored_name: str
) -> None:
    document = upload_one(alice, sent_name, b"root:x:0:0:root:/root:/bin/bash\n", "text/plain")

    assert document["filename"] == stored_name
    assert document["media_type"] == "text/plain"


def test_a_very_long_file_name_is_cut_keeping_its_extension(alice: ApiUser) -> None:
    document = upload_one(alice, "a" * 400 + ".pdf", make_pdf("Long"), PDF)

    assert len(document["filename"]) == 255
    assert document["filename"].endswith("aaa.pdf")


def test_uploading_to_an_application_links_the_document(alice: ApiUser) -> None:
    application = alice.create_application(company="Acme", role="Engineer")

    document = upload_one(
        alice, "resume.pdf", make_pdf("Resume"), PDF, application_id=application["id"]
    )

    assert [(linked["id"], linked["company"]) for linked in document["applications"]] == [
        (application["id"], "Acme")
    ]


def test_uploading_to_a_missing_application_stores_nothing(alice: ApiUser) -> None:
    response = upload(alice, ("resume.pdf", make_pdf("Resume"), PDF), application_id=999_999)

    assert response.status_code == 404
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_a_non_numeric_application_id_is_a_field_error(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/documents",
        files=[("files", ("a.txt", b"text", "text/plain"))],
        data={"application_id": "acme"},
    )

    assert response.status_code == 422
    assert "application_id" in response.json()["error"]["fields"]


def test_an_upload_without_files_is_a_field_error(alice: ApiUser) -> None:
    response = alice.client.post("/api/documents", data={"application_id": "1"})

    assert response.status_code == 422
    assert "files" in response.json()["error"]["fields"]


def test_uploading_needs_a_signed_in_user(alice: ApiUser) -> None:
    alice.client.headers.pop("Authorization")

    response = upload(alice, ("a.txt", b"text", "text/plain"))

    assert response.status_code == 401
