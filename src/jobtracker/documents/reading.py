"""Reading the text of an uploaded file within fixed bounds; light enough for the reading child."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from xml.parsers import expat

from jobtracker.documents.media_types import MediaType

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 500
# Page content streams, decoded, summed over the pages read: the memory a PDF may cost.
MAX_PDF_DECODED_BYTES = 32 * 1024 * 1024
# A .docx is a ZIP: a few MB can inflate to gigabytes, so the bytes actually inflated are
# counted while reading, whatever sizes the archive declares.
MAX_DOCX_XML_BYTES = 16 * 1024 * 1024
MAX_DOCX_MEMBERS = 1_000
# Text XML compresses about tenfold; a thousandfold is a bomb. Small members may be anything.
MAX_COMPRESSION_RATIO = 200
RATIO_FREE_BYTES = 1024 * 1024
READ_CHUNK = 64 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"


@dataclass(frozen=True)
class Extraction:
    """The text read, and a note for the person when it is missing or partial.

    `readable` is False when the file could not be read at all (damaged, locked, too costly).
    """

    text: str
    note: str | None = None
    readable: bool = True


def unreadable(note: str) -> Extraction:
    return Extraction("", note, readable=False)


def read_text(content: bytes, media_type: MediaType) -> Extraction:
    """The file's text, capped; when it cannot be read, empty text and a note saying why."""
    if media_type in (MediaType.TEXT, MediaType.MARKDOWN):
        extraction = Extraction(content.decode("utf-8-sig"))
    elif media_type is MediaType.PDF:
        extraction = pdf_text(content)
    else:
        extraction = docx_text(content)
    return _capped(extraction)


def pdf_text(content: bytes) -> Extraction:
    # Imported here: the server hands PDFs to the reading child, so only the child needs pypdf.
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError

    pages: list[str] = []
    note: str | None = None
    try:
        # One stream may not inflate past the whole budget of the document.
        with apply_configuration(zlib_maximum_output_length=MAX_PDF_DECODED_BYTES):
            reader = PdfReader(BytesIO(content))
            if reader.is_encrypted and not reader.decrypt(""):
                return unreadable("The PDF is protected by a password, so its text was not read.")
            decoded = 0
            for number, page in enumerate(reader.pages, start=1):
                if number > MAX_PDF_PAGES:
                    note = f"Only the text of the first {MAX_PDF_PAGES} pages was read."
                    break
                contents = page.get_contents()
                decoded += len(contents.get_data()) if contents is not None else 0
                if decoded > MAX_PDF_DECODED_BYTES:
                    note = f"Only the text of the first {number - 1} pages was read."
                    break
                pages.append(page.extract_text() or "")
    except (FileNotDecryptedError, DependencyError):
        return unreadable("The PDF is encrypted, so its text was not read.")
    except MemoryError:
        raise
    except Exception as error:
        # Parsers fail in many ways on untrusted bytes; the file is kept whatever the reason.
        log.info("PDF text extraction failed: %s", type(error).__name__)
        return unreadable("The PDF could not be read (it may be damaged), so it has no text.")
    text = "\n\n".join(page.strip() for page in pages).strip()
    if not text:
        return Extraction("", "No text was found in this PDF; it may be a scan of paper pages.")
    return Extraction(text, note)


class _TooLargeInside(Exception):
    pass


class _EnoughText(Exception):
    pass


def docx_text(content: bytes) -> Extraction:
    """The paragraphs and table rows of word/document.xml, parsed as it inflates.

    Neither the archive nor the XML is held whole: memory stays at a chunk and the text.
    """
    collector = _DocxText(MAX_TEXT_CHARS)
    note: str | None = None
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            if len(archive.infolist()) > MAX_DOCX_MEMBERS:
                return unreadable("The Word document has too many parts inside to read its text.")
            entry = archive.getinfo("word/document.xml")
            parser = _xml_parser(collector)
            for chunk in inflated_chunks(archive, entry, MAX_DOCX_XML_BYTES):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _TooLargeInside:
        return unreadable("The Word document is too large inside to read its text.")
    except _EnoughText:
        note = f"Only the first {MAX_TEXT_CHARS:,} characters of text were kept."
    except MemoryError:
        raise
    except Exception as error:  # any parser failure on untrusted bytes
        log.info("DOCX text extraction failed: %s", type(error).__name__)
        return unreadable("The Word document could not be read (it may be damaged).")
    text = "\n".join(collector.lines).strip()
    if not text:
        return Extraction("", "No text was found in this Word document.")
    return Extraction(text, note)


def inflated_chunks(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int
) -> Iterator[bytes]:
    """The member's bytes in chunks, stopping once more than `limit` have really inflated.

    The declared sizes are not trusted: the count is of the bytes the decompressor gave.
    """
    allowed = min(limit, max(RATIO_FREE_BYTES, entry.compress_size * MAX_COMPRESSION_RATIO))
    inflated = 0
    with archive.open(entry) as member:
        while chunk := member.read(READ_CHUNK):
            inflated += len(chunk)
            if inflated > allowed:
                raise _TooLargeInside
            yield chunk


def _xml_parser(collector: _DocxText) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    # A Word document has no DTD; refusing one rules out entity expansion bombs.
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.characters
    parser.buffer_text = True
    return parser


def _refuse_doctype(*_: object) -> None:
    raise ValueError("a DTD in a Word document")


class _DocxText:
    """Lines of text from WordprocessingML events: paragraphs, and table rows as `a | b`."""

    def __init__(self, max_chars: int) -> None:
        self.lines: list[str] = []
        self._max_chars = max_chars
        self._chars = 0
        self._paragraphs: list[list[str]] = []
        # Per open table: the cells of the current row, and the paragraphs of the current cell.
        self._rows: list[list[str]] = []
        self._cells: list[list[str]] = []
        self._runs = 0
        self._in_text = 0
        self._in_fallback = 0

    def start(self, name: str, _attributes: dict[str, str]) -> None:
        if name == _FALLBACK:
            self._in_fallback += 1  # the same content again, for older readers
        if self._in_fallback or not name.startswith(_W):
            return
        tag = name[len(_W) :]
        if tag == "p":
            self._paragraphs.append([])
        elif tag == "r":
            self._runs += 1
        elif tag == "t":
            self._in_text += 1
        elif tag in ("tab", "br", "cr") and self._runs and self._paragraphs:
            self._paragraphs[-1].append("\t" if tag == "tab" else "\n")
        elif tag == "tr":
            self._rows.append([])
        elif tag == "tc":
            self._cells.append([])

    def end(self, name: str) -> None:
        if name == _FALLBACK:
            self._in_fallback -= 1
            return
        if self._in_fallback or not name.startswith(_W):
            return
        tag = name[len(_W) :]
        if tag == "p" and self._paragraphs:
            self._emit("".join(self._paragraphs.pop()))
        elif tag == "r":
            self._runs -= 1
        elif tag == "t":
            self._in_text -= 1
        elif tag == "tc" and self._cells and self._rows:
            self._rows[-1].append("\n".join(self._cells.pop()).strip())
        elif tag == "tr" and self._rows:
            cells = self._rows.pop()
            # Horizontally merged cells are one cell here; vertically merged ones are empty.
            self._emit(" | ".join(cell for cell in cells if cell))

    def characters(self, data: str) -> None:
        if self._in_text and self._paragraphs and not self._in_fallback:
            self._chars += len(data)
            if self._chars > self._max_chars:
                raise _EnoughText
            self._paragraphs[-1].append(data)

    def _emit(self, line: str) -> None:
        # Inside a cell (each open row has at most one open cell), lines belong to the cell.
        if self._cells and len(self._cells) == len(self._rows):
            self._cells[-1].append(line)
            return
        self._chars += 1  # its line break: a million empty paragraphs cost memory too
        if self._chars > self._max_chars:
            raise _EnoughText
        self.lines.append(line)


def _capped(extraction: Extraction) -> Extraction:
    # PostgreSQL text cannot hold NUL, and lone surrogates cannot be encoded for the driver.
    text = extraction.text.replace("\x00", "")
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    if len(text) <= MAX_TEXT_CHARS:
        return Extraction(text, extraction.note, extraction.readable)
    note = f"Only the first {MAX_TEXT_CHARS:,} characters of text were kept."
    return Extraction(text[:MAX_TEXT_CHARS], extraction.note or note, extraction.readable)
