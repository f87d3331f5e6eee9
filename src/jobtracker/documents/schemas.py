"""Request and response shapes for documents, and the rules for the names they are shown under."""

from __future__ import annotations

import posixpath
import unicodedata
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from jobtracker.applications.schemas import ApplicationSummary
from jobtracker.common import MAX_ID
from jobtracker.documents.models import DocumentKind, MediaType, TextStatus

MAX_FILENAME_LENGTH = 255
MAX_LINKS = 200
UNNAMED = "document"

# Bidirectional overrides can make "resume\u202efdp.exe" display as "resumeexe.pdf".
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" or character in _BIDI_CONTROLS


def clean_filename(raw: str) -> str:
    """A display name from whatever the client sent: its last path part, without control chars."""
    # Browsers send a double quote in a multipart file name as %22 (WHATWG HTML, form encoding).
    name = unicodedata.normalize("NFC", raw).replace("%22", '"').replace("\\", "/")
    name = posixpath.basename(name)
    name = "".join(character for character in name if not _is_control(character)).strip()
    if name in ("", ".", ".."):
        return UNNAMED
    if len(name) <= MAX_FILENAME_LENGTH:
        return name
    # Cut from the stem, so the extension that says what the file is survives.
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 20:
        return name[:MAX_FILENAME_LENGTH]
    return stem[: MAX_FILENAME_LENGTH - len(extension) - 1] + "." + extension


def _valid_new_filename(name: str) -> str:
    name = unicodedata.normalize("NFC", name).strip()
    if not name or name in (".", ".."):
        raise ValueError("must be a file name, like resume.pdf")
    if "/" in name or "\\" in name:
        raise ValueError("must not contain / or \\")
    if any(_is_control(character) for character in name):
        raise ValueError("must not contain control characters")
    return name


Filename = Annotated[
    str, Field(max_length=MAX_FILENAME_LENGTH), AfterValidator(_valid_new_filename)
]
ApplicationId = Annotated[int, Field(ge=1, le=MAX_ID)]
DocumentId = Annotated[int, Field(ge=1, le=MAX_ID)]


class DocumentOut(BaseModel):
    """A document's metadata; the bytes are at /api/documents/{id}/content."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str = Field(description="For display only; uploads keep just the last path part")
    media_type: MediaType
    size_bytes: int
    sha256: str = Field(description="Hex SHA-256 of the bytes; the same bytes are stored once")
    extraction_note: str | None = Field(
        description="Why no text (or not all of it) could be read, when that happened"
    )
    text_status: TextStatus = Field(
        description="`pending` while PDF and Word text is being read after the upload, then "
        "`ready`, or `unreadable` when it could not be read (`extraction_note` says why)"
    )
    previewable: bool = Field(description="Whether `?inline=1` on the content may show it")
    kind: DocumentKind = Field(description="Resume, cover letter or other; shared by its versions")
    family_id: int | None = Field(
        description="The id of the first version of this document (its own, when it is the "
        "first); null when it has no other versions"
    )
    version: int | None = Field(
        description="Its place among its versions by upload order (1 for the first); null when "
        "it has no other versions"
    )
    applications: list[ApplicationSummary] = Field(description="The applications it is sent to")
    created_at: datetime
    updated_at: datetime


class DocumentDetail(DocumentOut):
    extracted_text: str = Field(description="The text read from the file, for search and the AI")


class UploadedDocument(DocumentOut):
    created: bool = Field(
        description="False when the same bytes were already stored: that document is returned"
    )


class DocumentUpdate(BaseModel):
    """Only the fields sent change; `application_ids` replaces the whole set of links."""

    model_config = ConfigDict(extra="forbid")

    filename: Filename | None = None
    application_ids: list[ApplicationId] | None = Field(default=None, max_length=MAX_LINKS)
    kind: DocumentKind | None = Field(
        default=None, description="Set on the document and all its versions"
    )
    version_of: DocumentId | None = Field(
        default=None,
        description="Make it a version of that document of yours (joining its versions, "
        "numbered by upload order); null takes it out of its versions",
    )

    # Runs only on fields that were sent, so an explicit null is refused under its own name.
    @field_validator("filename", "application_ids", "kind")
    @classmethod
    def _fields_stay_set(cls, value: object) -> object:
        if value is None:
            raise ValueError("cannot be cleared")
        return value


class SentDocumentOut(BaseModel):
    """One document that went out with an application, as it was when chosen."""

    kind: DocumentKind
    document_id: int | None = Field(
        description="The document sent; null once it has been deleted (the name is kept)"
    )
    filename: str = Field(description="Its file name when it was chosen")
    version: int | None = Field(
        description="Its number among its versions today; null without other versions"
    )
    chosen_at: datetime


class SentDocuments(BaseModel):
    """The resume and cover letter an application went out with; null when none is recorded."""

    resume: SentDocumentOut | None
    cover_letter: SentDocumentOut | None


class SentDocumentsUpdate(BaseModel):
    """Only the fields sent change: a document's id to record it, null to record none."""

    model_config = ConfigDict(extra="forbid")

    resume_id: DocumentId | None = Field(default=None, description="A document of kind resume")
    cover_letter_id: DocumentId | None = Field(
        default=None, description="A document of kind cover letter"
    )
