"""What an uploaded file really is, decided from its bytes; its text, read by a bounded child."""

from __future__ import annotations

import json
import logging
import signal
import struct
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from io import BytesIO

from jobtracker.documents.media_types import MediaType
from jobtracker.documents.reading import MAX_DOCX_MEMBERS, Extraction, read_text, unreadable

log = logging.getLogger(__name__)

ACCEPTED = "PDF, Word (.docx), plain text (.txt) and Markdown (.md)"
MARKDOWN_SUFFIXES = (".md", ".markdown")
TOO_COSTLY = "The file takes too much work to read, so its text was not read."
COULD_NOT_READ = "The file could not be read (it may be damaged), so it has no text."
# A Word file's ZIP directory is a few KB; the end record gives its size before it is parsed.
MAX_ZIP_DIRECTORY_BYTES = 256 * 1024
_ZIP_END_SIZE = 22

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
class Budget:
    """What reading one file's text may cost the child: CPU seconds, address space, wall time."""

    cpu_seconds: int = 5
    memory_bytes: int = 512 * 1024 * 1024
    # Reached only when the niced child is starved of CPU or stuck waiting.
    wall_seconds: float = 120


BUDGET = Budget()


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
    if not _small_zip_directory(content):
        raise NotAccepted("a ZIP archive with too many parts to be a Word (.docx) document")
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return {"[Content_Types].xml", "word/document.xml"} <= names


def _small_zip_directory(content: bytes) -> bool:
    """Whether the ZIP's directory is small enough to parse here, judged from its end record.

    zipfile builds an object per entry of the directory, however many the record claims, so
    the directory's size in bytes is what is bounded (a Word file's is a few KB).
    """
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - _ZIP_END_SIZE - 0xFFFF))
    if end < 0 or end + _ZIP_END_SIZE > len(content):
        return True  # not a ZIP zipfile can open: refused as such below
    entries, directory_bytes = struct.unpack_from("<HI", content, end + 10)
    return bool(entries <= MAX_DOCX_MEMBERS and directory_bytes <= MAX_ZIP_DIRECTORY_BYTES)


def read_later(media_type: MediaType) -> bool:
    """Whether reading this kind of file is costly enough to be done later, in the child."""
    return media_type in (MediaType.PDF, MediaType.DOCX)


def extract_text(content: bytes, media_type: MediaType, budget: Budget = BUDGET) -> Extraction:
    """The file's text; PDF and Word files are read in a child process within `budget`."""
    if not read_later(media_type):
        return read_text(content, media_type)
    command = [
        sys.executable,
        "-I",  # isolated: no PYTHON* variables, no user site, no current directory on the path
        "-m",
        "jobtracker.documents.extract_worker",
        media_type.value,
        str(budget.cpu_seconds),
        str(budget.memory_bytes),
    ]
    try:
        # An empty environment: the child reading untrusted bytes never sees a secret.
        finished = subprocess.run(  # noqa: S603 - a fixed command, the file goes to stdin
            command,
            input=content,
            capture_output=True,
            timeout=budget.wall_seconds,
            env={},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return unreadable(TOO_COSTLY)
    if finished.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return unreadable(TOO_COSTLY)
    try:
        answer = json.loads(finished.stdout)
        return Extraction(str(answer["text"]), answer["note"], bool(answer["readable"]))
    except (ValueError, KeyError, TypeError):
        log.warning("Text reading child failed with exit status %s", finished.returncode)
        return unreadable(COULD_NOT_READ)
