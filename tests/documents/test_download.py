"""Downloading and previewing: the identical bytes, with headers a browser cannot misuse."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.documents.builders import DOCX, PDF, make_docx, make_pdf, upload_one
from tests.factories import ApiUser


def test_download_gives_back_the_identical_bytes_as_an_attachment(alice: ApiUser) -> None:
    content = make_pdf("Jane Doe", "Resume")
    document = upload_one(alice, "resume.pdf", content, PDF)

    response = alice.client.get(f"/api/documents/{document['id']}/content")

    assert response.status_code == 200
    assert response.content == content
    assert response.headers["content-type"] == PDF
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"resume.pdf\"; filename*=UTF-8''resume.pdf"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-length"] == str(len(content))
    assert "no-store" in response.headers["cache-control"]


def test_a_docx_downloads_with_its_word_type(alice: ApiUser) -> None:
    content = make_docx("Cover letter")
    document = upload_one(alice, "letter.docx", content, DOCX)

    response = alice.client.get(f"/api/documents/{document['id']}/content")

    assert response.content == content
    assert response.headers["content-type"] == DOCX


def test_text_downloads_as_utf8(alice: ApiUser) -> None:
    content = "Zoë\u2019s notes\n".encode()
    document = upload_one(alice, "notes.md", content)

    response = alice.client.get(f"/api/documents/{document['id']}/content")

    assert response.content == content
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"


def test_a_non_ascii_name_has_an_exact_utf8_form_and_an_ascii_fallback(alice: ApiUser) -> None:
    document = upload_one(alice, 'Résumé "final" 履歴書.pdf', make_pdf("Resume"), PDF)

    disposition = alice.client.get(f"/api/documents/{document['id']}/content").headers[
        "content-disposition"
    ]

    plain, extended = disposition.removeprefix("attachment; ").split("; ")
    assert plain == 'filename="Resume _final_ ___.pdf"'
    assert unquote(extended.removeprefix("filename*=UTF-8''")) == 'Résumé "final" 履歴書.pdf'
    assert disposition.isascii()


def test_a_name_that_hides_the_type_gets_the_real_extension(alice: ApiUser) -> None:
    document = upload_one(alice, "notes.txt", b"<b>not a page</b>")
    alice.client.patch(f"/api/documents/{document['id']}", json={"filename": "page.html"})

    disposition = alice.client.get(f"/api/documents/{document['id']}/content").headers[
        "content-disposition"
    ]

    assert 'filename="page.html.txt"' in disposition


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("resume.pdf", make_pdf("Resume"), PDF),
        ("notes.txt", b"plain notes", "text/plain; charset=utf-8"),
        # Browsers offer to save text/markdown instead of showing it.
        ("notes.md", b"# Notes", "text/plain; charset=utf-8"),
    ],
)
def test_pdf_and_text_preview_inline_in_a_sandbox(
    alice: ApiUser, filename: str, content: bytes, content_type: str
) -> None:
    document = upload_one(alice, filename, content)

    response = alice.client.get(f"/api/documents/{document['id']}/content", params={"inline": "1"})

    assert response.status_code == 200
    assert response.content == content
    assert response.headers["content-type"] == content_type
    assert response.headers["content-disposition"].startswith(f'inline; filename="{filename}"')
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_docx_cannot_be_previewed_inline(alice: ApiUser) -> None:
    document = upload_one(alice, "letter.docx", make_docx("Letter"), DOCX)

    response = alice.client.get(f"/api/documents/{document['id']}/content", params={"inline": "1"})

    assert response.status_code == 422
    assert "inline" in response.json()["error"]["fields"]


def test_a_missing_document_has_no_content(alice: ApiUser) -> None:
    response = alice.client.get("/api/documents/999999/content")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
