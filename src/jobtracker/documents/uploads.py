"""Uploads: each file checked (size, kind), kept once per owner under the storage quota, placed
as a new document or a new version, linked to an application, and its text read or queued."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.documents import extraction, service, versions
from jobtracker.documents.models import (
    Document,
    DocumentKind,
    MediaType,
    TextStatus,
    document_links,
)
from jobtracker.documents.reading import Extraction
from jobtracker.documents.schemas import UploadedDocument, clean_filename
from jobtracker.errors import AppError, InvalidInput
from jobtracker.instance import usage

MIB = 1024 * 1024


class ContentTooLarge(AppError):
    status_code = 413
    code = "too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


@dataclass(frozen=True)
class Upload:
    """One file as the client sent it: the name it gave and the bytes."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class UploadTarget:
    """Where new files go: linked to an application, as new versions of a document, of a kind
    (when none is given: the family's, or guessed from the file's name)."""

    application_id: int | None = None
    version_of: int | None = None
    kind: DocumentKind | None = None


@dataclass(frozen=True)
class StoredUpload:
    document: Document
    created: bool


@dataclass
class _Checked:
    filename: str
    content: bytes
    media_type: MediaType
    sha256: str


def max_upload_bytes(settings: Settings) -> int:
    return settings.max_upload_mb * MIB


def too_large_message(settings: Settings, what: str) -> str:
    return (
        f"{what} is larger than this instance's upload limit of {settings.max_upload_mb} MB. "
        "Upload a smaller file, or ask the admin to raise MAX_UPLOAD_MB."
    )


def store_uploads(
    session: Session,
    settings: Settings,
    owner: User,
    uploads: Sequence[Upload],
    target: UploadTarget = UploadTarget(),
) -> list[StoredUpload]:
    """Keep each file once per owner (the same bytes give back the existing document).

    All or nothing: one refused file stores none of the batch, so it can be fixed and resent.
    """
    application_id = target.application_id
    if application_id is not None:
        applications_service.require_owned(session, owner.id, [application_id])
    earlier = (
        versions.target_of(session, owner.id, target.version_of)
        if target.version_of is not None
        else None
    )
    checked = [_check(upload, settings) for upload in uploads]
    # Plain text is read before the lock is taken; PDF and Word files are read after the
    # upload answers, by the app's text reader (documents.background).
    known = _existing_hashes(session, owner.id, [upload.sha256 for upload in checked])
    texts = {
        upload.sha256: extraction.extract_text(upload.content, upload.media_type)
        for upload in checked
        if upload.sha256 not in known and not extraction.read_later(upload.media_type)
    }
    # Held until commit, so concurrent uploads by one user count the quota one at a time.
    usage.lock_owner(session, owner.id)
    stored: dict[str, Document] = {
        document.sha256: document
        for document in session.scalars(
            select(Document).where(
                Document.owner_id == owner.id,
                Document.sha256.in_({upload.sha256 for upload in checked}),
            )
        )
    }
    new = {upload.sha256: upload for upload in checked if upload.sha256 not in stored}
    adding = sum(
        len(upload.content) + usage.text_bytes(texts[sha].text if sha in texts else None)
        for sha, upload in new.items()
    )
    usage.reserve_storage(session, settings, owner.id, adding, what="These files")
    results: list[StoredUpload] = []
    for upload in checked:
        created = upload.sha256 not in stored
        if created:
            stored[upload.sha256] = _add_document(session, owner.id, upload, texts)
            _place_new(session, owner.id, stored[upload.sha256], earlier, target.kind)
        document = stored[upload.sha256]
        if application_id is not None:
            _link(session, document.id, application_id)
        results.append(StoredUpload(document, created))
    session.commit()
    return results


def _place_new(
    session: Session,
    owner_id: int,
    document: Document,
    earlier: Document | None,
    kind: DocumentKind | None,
) -> None:
    # Files already stored keep their place: the same bytes are not a new version.
    if earlier is None:
        document.kind = kind or versions.guess_kind(document.filename)
        return
    versions.join(session, owner_id, document, earlier)
    if kind is not None:
        versions.set_kind(session, owner_id, document, kind)


def texts_to_read(stored: Sequence[StoredUpload]) -> list[int]:
    """Ids of the new documents whose text the text reader is to read."""
    return [
        upload.document.id
        for upload in stored
        if upload.created and upload.document.text_status is TextStatus.PENDING
    ]


def _check(upload: Upload, settings: Settings) -> _Checked:
    filename = clean_filename(upload.filename)
    if len(upload.content) > max_upload_bytes(settings):
        raise ContentTooLarge(too_large_message(settings, f"“{filename}”"))
    if not upload.content:
        raise InvalidInput(
            f"“{filename}” is empty. Choose the file again; it may not have saved.",
            fields={"files": "an empty file cannot be stored"},
        )
    try:
        media_type = extraction.identify(upload.content, filename)
    except extraction.NotAccepted as refusal:
        raise UnsupportedMediaType(
            f"“{filename}” looks like {refusal.what}, which is not accepted. "
            f"Accepted: {extraction.ACCEPTED}.",
            fields={"files": f"accepted: {extraction.ACCEPTED}"},
        ) from None
    sha256 = hashlib.sha256(upload.content).hexdigest()
    return _Checked(filename, upload.content, media_type, sha256)


def _existing_hashes(session: Session, owner_id: int, hashes: Sequence[str]) -> set[str]:
    query = select(Document.sha256).where(
        Document.owner_id == owner_id, Document.sha256.in_(set(hashes))
    )
    return set(session.scalars(query))


def _add_document(
    session: Session, owner_id: int, upload: _Checked, texts: dict[str, Extraction]
) -> Document:
    if extraction.read_later(upload.media_type):
        text, status = Extraction(""), TextStatus.PENDING
    else:
        # Bytes another request stored between the first look and the lock have no text yet.
        text = texts.get(upload.sha256) or extraction.extract_text(
            upload.content, upload.media_type
        )
        status = TextStatus.READY
    document = Document(
        owner_id=owner_id,
        filename=upload.filename,
        media_type=upload.media_type,
        size_bytes=len(upload.content),
        sha256=upload.sha256,
        content=upload.content,
        extracted_text=text.text,
        extraction_note=text.note,
        text_status=status,
    )
    session.add(document)
    session.flush()
    return document


def _link(session: Session, document_id: int, application_id: int) -> None:
    linked = session.scalar(
        select(func.count())
        .select_from(document_links)
        .where(
            document_links.c.document_id == document_id,
            document_links.c.application_id == application_id,
        )
    )
    if not linked:
        session.execute(
            insert(document_links).values(document_id=document_id, application_id=application_id)
        )


def present_uploads(
    session: Session, owner_id: int, uploads: Sequence[StoredUpload]
) -> list[UploadedDocument]:
    shown = service.present(session, owner_id, [upload.document for upload in uploads])
    return [
        UploadedDocument(**document.model_dump(), created=upload.created)
        for document, upload in zip(shown, uploads, strict=True)
    ]


def accepted_media_type(content: bytes, filename: str) -> MediaType | None:
    """What the bytes are, when they are a kind of file documents accept; None otherwise."""
    try:
        return extraction.identify(content, filename)
    except extraction.NotAccepted:
        return None
