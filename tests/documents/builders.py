"""Builders for document tests: real small PDF, DOCX and ZIP files, and uploads through the API."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

import docx
from httpx2 import Response  # what the TestClient answers with
from pypdf import PdfReader, PdfWriter

from tests.factories import ApiUser

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIB = 1024 * 1024

# (file name, bytes, the content type the client claims)
FileSpec = tuple[str, bytes, str]


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF showing these lines in Helvetica, written by hand with a correct xref."""
    shown = " T* ".join(f"({_pdf_string(line)}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(pdf)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_encrypted_pdf(password: str, *lines: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(*lines))))
    # RC4 needs no optional crypto library on either side.
    writer.encrypt(user_password=password, algorithm="RC4-128")
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def make_docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def make_zip(**members: str) -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return output.getvalue()


def upload(user: ApiUser, *files: FileSpec, application_id: int | None = None) -> Response:
    data = {} if application_id is None else {"application_id": str(application_id)}
    return user.client.post("/api/documents", files=[("files", spec) for spec in files], data=data)


def upload_one(
    user: ApiUser,
    filename: str,
    content: bytes,
    content_type: str = "application/octet-stream",
    *,
    application_id: int | None = None,
) -> dict[str, Any]:
    response = upload(user, (filename, content, content_type), application_id=application_id)
    assert response.status_code in (200, 201), response.text
    documents: list[dict[str, Any]] = response.json()
    assert len(documents) == 1
    return documents[0]


def read_document(user: ApiUser, document_id: int) -> dict[str, Any]:
    response = user.client.get(f"/api/documents/{document_id}")
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def filenames(page: dict[str, Any]) -> list[str]:
    return [item["filename"] for item in page["items"]]


def multipart_body(filename: str, content: bytes, boundary: str = "test-boundary") -> bytes:
    """A multipart/form-data body with one `files` part, for requests built by hand."""
    return (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
