"""Builders for document tests: real small PDF, DOCX and ZIP files, and uploads through the API."""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from io import BytesIO
from typing import Any

import docx
from httpx2 import Response  # what the TestClient answers with
from pypdf import PdfReader, PdfWriter

from tests.factories import ApiUser

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIB = 1024 * 1024
# Generous: a child process reads each PDF or Word file, one at a time, at low priority.
TEXT_WAIT_SECONDS = 60

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
    return _pdf_of(objects)


def make_costly_pdf(pages: int = 20) -> bytes:
    """A few KB of PDF whose pages all draw one compressed stream of a MiB of text operators.

    Reading its text costs about a minute of CPU (pypdf parses the stream once per page).
    """
    operators = b"BT /F1 12 Tf (a) Tj ET\n" * (MIB // 23)
    stream = zlib.compress(operators, 9)
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    kids = b" ".join(b"%d 0 R" % (3 + page) for page in range(pages))
    contents = 3 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        *[
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
            b"/Contents %d 0 R >>" % (font, contents)
        ]
        * pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    return _pdf_of(objects)


def make_roomy_pdf(mib: int) -> bytes:
    """A one-page PDF of a few KB showing one word, whose content stream inflates to `mib` MiB."""
    operators = b"BT /F1 12 Tf (roomy) Tj ET\n" + b" " * (mib * MIB)
    stream = zlib.compress(operators, 9)
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
        b"/Contents 4 0 R >>" % font,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    return _pdf_of(objects)


def _pdf_of(objects: list[bytes]) -> bytes:
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
    """The document's details once its text is read (PDF and Word text is read after upload)."""
    deadline = time.monotonic() + TEXT_WAIT_SECONDS
    while True:
        response = user.client.get(f"/api/documents/{document_id}")
        assert response.status_code == 200, response.text
        document: dict[str, Any] = response.json()
        if document["text_status"] != "pending":
            return document
        assert time.monotonic() < deadline, f"text still pending after {TEXT_WAIT_SECONDS} s"
        time.sleep(0.05)


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


_WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx_bomb(inflated_mib: int, *, declared_mib: int) -> bytes:
    """A real .docx of about 2 KB per inflated MiB, whose word/document.xml header declares
    `declared_mib` MiB while its deflate stream inflates to `inflated_mib` MiB of valid XML.

    Each MiB of filler is one deflate block sequence after a full flush (no back references),
    repeated: the bomb is built in milliseconds, never compressed for real.
    """
    head = f'<w:document xmlns:w="{_WORD_NAMESPACE}"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
    # Spaces between elements: valid XML that a parser skips quickly, so tests stay fast.
    filler = b" " * MIB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_blocks = compressor.compress(head.encode()) + compressor.flush(zlib.Z_FULL_FLUSH)
    filler_blocks = compressor.compress(filler) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail_blocks = compressor.compress(b"</w:body></w:document>") + compressor.flush()
    stream = head_blocks + filler_blocks * inflated_mib + tail_blocks
    # A valid member for any reader that trusts the header: the CRC of the declared part.
    declared = declared_mib * MIB
    crc = zlib.crc32(head.encode())
    for _ in range((declared - len(head)) // len(filler)):
        crc = zlib.crc32(filler, crc)
    remainder = (declared - len(head)) % len(filler)
    crc = zlib.crc32(filler[:remainder], crc)
    with zipfile.ZipFile(BytesIO(make_docx("Hello"))) as real:
        members = [
            (entry.filename, _deflated(real.read(entry)))
            for entry in real.infolist()
            if entry.filename != "word/document.xml"
        ]
    return _zip_by_hand([*members, ("word/document.xml", (stream, crc, declared))])


def _deflated(content: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return (
        compressor.compress(content) + compressor.flush(),
        zlib.crc32(content),
        len(content),
    )


def _zip_by_hand(members: list[tuple[str, tuple[bytes, int, int]]]) -> bytes:
    """A ZIP of deflated members with exactly the CRC and sizes given, true or not."""
    archive = bytearray()
    directory = bytearray()
    for name, (stream, crc, size) in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(stream), size, len(encoded), 0)
        directory += (
            struct.pack("<IH", 0x02014B50, 20)
            + fields
            + struct.pack("<HHHII", 0, 0, 0, 0, len(archive))
            + encoded
        )
        archive += struct.pack("<I", 0x04034B50) + fields + encoded + stream
    end = struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        len(members),
        len(members),
        len(directory),
        len(archive),
        0,
    )
    return bytes(archive + directory + end)
