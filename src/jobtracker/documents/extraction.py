"""What an uploaded file really is, decided from its bytes, and the text that can be read in it."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from itertools import groupby

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from jobtracker.documents.models import MediaType

log = logging.getLogger(__name__)

ACCEPTED = "PDF, Word (.docx), plain text (.txt) and Markdown (.md)"
MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 500
# A .docx is a ZIP: a few MB can inflate to gigabytes of XML, which python-docx would parse whole.
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown")

# Starts of files that are valid UTF-8 but are not text a person wrote: refused, not stored as text.
_MARKUP_STARTS = {
    "<!doctype html": "a web page (HTML)",
    "<html": "a web page (HTML)",
    "<head": "a web page (HTML)",
    "<body": "a web page (HTML)",
    "<script": "a web page (HTML)",
    "<iframe": "a web page (HTML)",
    "<style": "a web page (HTML)",
    "<title": "a web page (HTML)",
    "<svg": "an SVG image",
    "<?xml": "an XML file",
    "{\\rtf": "a Rich Text (RTF) file",
}
_BINARY_STARTS = {
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"\xd0\xcf\x11\xe0": "an old-style Office file (.doc); save it as .docx or PDF",
}


class NotAccepted(ValueError):
    """The bytes are none of the accepted kinds; `what` says what they look like instead."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class Extraction:
    text: str
    note: str | None = None


def identify(content: bytes, filename: str) -> MediaType:
    """The media type of these bytes; the name only tells Markdown from plain text."""
    if content.startswith(b"%PDF-"):
        return MediaType.PDF
    if content.startswith(b"PK\x03\x04"):
        if _is_docx(content):
            return MediaType.DOCX
        raise NotAccepted("a ZIP archive that is not a Word (.docx) document")
    for signature, what in _BINARY_STARTS.items():
        if content.startswith(signature):
            raise NotAccepted(what)
    if b"\x00" in content:
        raise NotAccepted("binary data")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise NotAccepted("binary data, or text that is not UTF-8") from None
    opening = text.lstrip("\ufeff \t\r\n")[:20].lower()
    for markup, what in _MARKUP_STARTS.items():
        if opening.startswith(markup):
            raise NotAccepted(what)
    if filename.lower().endswith(MARKDOWN_SUFFIXES):
        return MediaType.MARKDOWN
    return MediaType.TEXT


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return {"[Content_Types].xml", "word/document.xml"} <= names


def extract_text(content: bytes, media_type: MediaType) -> Extraction:
    """The file's text, capped; when it cannot be read, empty text and a note saying why."""
    if media_type in (MediaType.TEXT, MediaType.MARKDOWN):
        extraction = Extraction(content.decode("utf-8-sig"))
    elif media_type is MediaType.PDF:
        extraction = _pdf_text(content)
    else:
        extraction = _docx_text(content)
    return _capped(extraction)


def _pdf_text(content: bytes) -> Extraction:
    try:
        reader = PdfReader(BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            return Extraction("", "The PDF is protected by a password, so its text was not read.")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        page_count = len(reader.pages)
    except (FileNotDecryptedError, DependencyError):
        return Extraction("", "The PDF is encrypted, so its text was not read.")
    except Exception as error:
        # Parsers fail in many ways on untrusted bytes; the file is kept whatever the reason.
        log.info("PDF text extraction failed: %s", type(error).__name__)
        return Extraction("", "The PDF could not be read (it may be damaged), so it has no text.")
    text = "\n\n".join(page.strip() for page in pages).strip()
    if not text:
        return Extraction("", "No text was found in this PDF; it may be a scan of paper pages.")
    if page_count > MAX_PDF_PAGES:
        return Extraction(text, f"Only the text of the first {MAX_PDF_PAGES} pages was read.")
    return Extraction(text)


def _docx_text(content: bytes) -> Extraction:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            inflated = sum(entry.file_size for entry in archive.infolist())
        if inflated > MAX_DOCX_XML_BYTES:
            return Extraction("", "The Word document is too large inside to read its text.")
        document = docx.Document(BytesIO(content))
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    except Exception as error:  # any parser failure on untrusted bytes
        log.info("DOCX text extraction failed: %s", type(error).__name__)
        return Extraction("", "The Word document could not be read (it may be damaged).")
    text = "\n".join(lines).strip()
    if not text:
        return Extraction("", "No text was found in this Word document.")
    return Extraction(text)


def _block_lines(block: Paragraph | Table) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.text
        return
    for row in block.rows:
        # Merged cells repeat once per grid column; show each cell's text once.
        cells = [text for text, _ in groupby(cell.text.strip() for cell in row.cells)]
        yield " | ".join(text for text in cells if text)


def _capped(extraction: Extraction) -> Extraction:
    # PostgreSQL text cannot hold NUL, and lone surrogates cannot be encoded for the driver.
    text = extraction.text.replace("\x00", "")
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    if len(text) <= MAX_TEXT_CHARS:
        return Extraction(text, extraction.note)
    note = f"Only the first {MAX_TEXT_CHARS:,} characters of text were kept."
    return Extraction(text[:MAX_TEXT_CHARS], extraction.note or note)
