"""Files that are refused: wrong type, empty, too large (with and without Content-Length)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from jobtracker.config import Settings
from tests.documents.builders import (
    MIB,
    PDF,
    make_docx,
    make_pdf,
    make_zip,
    multipart_body,
    upload,
)
from tests.factories import ApiUser

ACCEPTED = "Accepted: PDF, Word (.docx), plain text (.txt) and Markdown (.md)."
CHUNK = 64 * 1024


@pytest.mark.parametrize(
    ("filename", "content", "looks_like"),
    [
        ("resume.pdf", b"<!DOCTYPE html>\n<html><body>Not a PDF</body></html>", "web page"),
        ("resume.pdf", b"  <html><script>alert(1)</script></html>", "web page"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image"),
        ("archive.zip", make_zip(**{"notes.txt": "hello"}), "ZIP"),
        (
            "sheet.docx",
            make_zip(**{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
            "ZIP",
        ),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, ".doc"),
        ("letter.txt", "Dear team".encode("utf-16"), "binary"),
        ("letter.txt", "Café crème".encode("latin-1"), "not UTF-8"),
        ("logo.md", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        ("letter.rtf", b"{\\rtf1\\ansi Dear team}", "RTF"),
    ],
)
def test_files_of_other_types_are_refused_naming_what_is_accepted(
    alice: ApiUser, filename: str, content: bytes, looks_like: str
) -> None:
    response = upload(alice, (filename, content, PDF))

    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert looks_like in error["message"]
    assert ACCEPTED in error["message"]
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_an_empty_file_is_refused_with_a_clear_message(alice: ApiUser) -> None:
    response = upload(alice, ("resume.pdf", b"", PDF))

    assert response.status_code == 422
    assert "empty" in response.json()["error"]["message"]
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_one_refused_file_stores_none_of_the_batch(alice: ApiUser) -> None:
    response = upload(
        alice,
        ("resume.pdf", make_pdf("Resume"), PDF),
        ("letter.docx", make_docx("Letter"), PDF),
        ("page.html", b"<html></html>", "text/html"),
    )

    assert response.status_code == 415
    assert "page.html" in response.json()["error"]["message"]
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_a_file_at_the_upload_limit_is_accepted(alice: ApiUser, settings: Settings) -> None:
    settings.max_upload_mb = 1

    response = upload(alice, ("big.txt", b"a" * MIB, "text/plain"))

    assert response.status_code == 201
    assert response.json()[0]["size_bytes"] == MIB


def test_a_file_one_byte_over_the_upload_limit_is_refused(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_upload_mb = 1

    response = upload(alice, ("big.txt", b"a" * (MIB + 1), "text/plain"))

    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "1 MB" in error["message"]
    assert "MAX_UPLOAD_MB" in error["message"]
    assert alice.client.get("/api/documents").json()["total"] == 0


def _send_streamed(
    app: FastAPI, user: ApiUser, chunks: int, *, declare_length: bool
) -> tuple[httpx.Response, int]:
    """POST a multipart body of `chunks` 64 KiB pieces to the ASGI app, which pulls them lazily.

    Answers the response and how many chunks the server read before answering.
    """
    boundary = "streamed-boundary"
    body = multipart_body("big.txt", b"a" * (chunks * CHUNK), boundary)
    pulled = 0

    async def stream() -> AsyncIterator[bytes]:
        nonlocal pulled
        for start in range(0, len(body), CHUNK):
            pulled += 1
            yield body[start : start + CHUNK]

    headers = {
        "Authorization": f"Bearer {user.token}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    if declare_length:
        headers["Content-Length"] = str(len(body))

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.post("/api/documents", headers=headers, content=stream())

    return asyncio.run(send()), pulled


def test_a_declared_length_over_the_limit_is_refused_before_reading_the_body(
    app: FastAPI, alice: ApiUser, settings: Settings
) -> None:
    settings.max_upload_mb = 1

    response, pulled = _send_streamed(app, alice, chunks=40, declare_length=True)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert pulled == 0
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_a_chunked_body_over_the_limit_is_cut_off_at_the_limit(
    app: FastAPI, alice: ApiUser, settings: Settings
) -> None:
    settings.max_upload_mb = 1

    response, pulled = _send_streamed(app, alice, chunks=40, declare_length=False)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    # 1 MiB is 16 chunks; the allowance for multipart headers adds one more.
    assert pulled <= MIB // CHUNK + 2
    assert alice.client.get("/api/documents").json()["total"] == 0


def test_a_chunked_body_within_the_limit_is_stored(
    app: FastAPI, alice: ApiUser, settings: Settings
) -> None:
    settings.max_upload_mb = 1

    response, _ = _send_streamed(app, alice, chunks=8, declare_length=False)

    assert response.status_code == 201
    assert response.json()[0]["size_bytes"] == 8 * CHUNK
