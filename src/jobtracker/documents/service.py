"""Documents: owner-scoped reads, lists, edits, links and restores, and text for the AI (new
files come in through `uploads`)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ScalarSelect, Select, delete, func, insert, select
from sqlalchemy.orm import Session, undefer

from jobtracker.applications import service as applications_service
from jobtracker.db import contains_text, page_of, utcnow
from jobtracker.documents import extraction, versions
from jobtracker.documents.models import (
    Document,
    DocumentKind,
    MediaType,
    TextStatus,
    document_links,
)
from jobtracker.documents.schemas import (
    DocumentDetail,
    DocumentOut,
    DocumentUpdate,
    clean_filename,
)
from jobtracker.errors import InvalidInput, NotFound
from jobtracker.instance import usage

PREVIEWABLE = frozenset({MediaType.PDF, MediaType.TEXT, MediaType.MARKDOWN})


@dataclass(frozen=True)
class DocumentFilters:
    application_id: int | None = None
    text: str | None = None
    media_types: Sequence[MediaType] = ()
    kind: DocumentKind | None = None


def get_document(session: Session, owner_id: int, document_id: int) -> Document:
    document = session.scalar(
        select(Document).where(Document.id == document_id, Document.owner_id == owner_id)
    )
    if document is None:
        raise NotFound(f"Document {document_id} was not found.")
    return document


def get_document_with_content(
    session: Session, owner_id: int, document_id: int, *, for_preview: bool = False
) -> Document:
    """The document with its bytes; a preview is only for what a browser shows safely."""
    document = session.scalar(
        select(Document)
        .options(undefer(Document.content))
        .where(Document.id == document_id, Document.owner_id == owner_id)
    )
    if document is None:
        raise NotFound(f"Document {document_id} was not found.")
    if for_preview and document.media_type not in PREVIEWABLE:
        raise InvalidInput(
            "Word documents cannot be shown in the browser. Download the file instead; "
            "its text is in the document's details.",
            fields={"inline": "only PDF, plain text and Markdown can be previewed"},
        )
    return document


# Text that counts against the storage quota, beside the files' bytes.
STORED_TEXT = (Document.extracted_text,)


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes the owner's documents take, files (each once) and their text, for the quota."""
    return usage.bytes_stored(Document.owner_id == owner_id, *STORED_TEXT, also=Document.size_bytes)


def any_pending(documents: Sequence[Document]) -> bool:
    """Whether some of these still wait for their text (a reader that died may have left them)."""
    return any(document.text_status is TextStatus.PENDING for document in documents)


def _filtered(owner_id: int, filters: DocumentFilters) -> Select[Document]:
    query = select(Document).where(Document.owner_id == owner_id)
    if filters.application_id is not None:
        query = query.where(
            Document.id.in_(
                select(document_links.c.document_id).where(
                    document_links.c.application_id == filters.application_id
                )
            )
        )
    if filters.media_types:
        query = query.where(Document.media_type.in_(filters.media_types))
    if filters.kind is not None:
        query = query.where(Document.kind == filters.kind)
    if filters.text and filters.text.strip():
        text = filters.text.strip()
        query = query.where(contains_text(text, Document.filename, Document.extracted_text))
    return query


def list_documents(
    session: Session, owner_id: int, filters: DocumentFilters, *, limit: int, offset: int
) -> tuple[list[Document], int]:
    if filters.application_id is not None:
        applications_service.get_application(session, owner_id, filters.application_id)
    query = _filtered(owner_id, filters)
    ordering = (Document.created_at.desc(), Document.id.desc())
    return page_of(session, query, ordering, limit=limit, offset=offset)


def update_document(
    session: Session, owner_id: int, document_id: int, changes: DocumentUpdate
) -> Document:
    document = get_document(session, owner_id, document_id)
    if changes.filename is not None:
        document.filename = changes.filename
    if changes.application_ids is not None:
        wanted = applications_service.require_owned(session, owner_id, changes.application_ids)
        _replace_links(session, owner_id, document.id, wanted)
    if "version_of" in changes.model_fields_set:
        if changes.version_of is None:
            versions.leave(session, owner_id, document)
        else:
            earlier = versions.target_of(session, owner_id, changes.version_of)
            versions.join(session, owner_id, document, earlier)
    if changes.kind is not None:
        versions.set_kind(session, owner_id, document, changes.kind)
    document.updated_at = utcnow()
    session.commit()
    return document


def _replace_links(
    session: Session, owner_id: int, document_id: int, application_ids: Sequence[int]
) -> None:
    # Links to applications in the trash are left as they are, for when they are restored.
    current = set(
        session.scalars(
            select(document_links.c.application_id).where(
                document_links.c.document_id == document_id,
                document_links.c.application_id.not_in(applications_service.trashed_ids(owner_id)),
            )
        )
    )
    wanted = set(application_ids)
    if current - wanted:
        session.execute(
            delete(document_links).where(
                document_links.c.document_id == document_id,
                document_links.c.application_id.in_(current - wanted),
            )
        )
    if wanted - current:
        session.execute(
            insert(document_links),
            [
                {"document_id": document_id, "application_id": application_id}
                for application_id in sorted(wanted - current)
            ],
        )


def delete_document(session: Session, owner_id: int, document_id: int) -> None:
    document = get_document(session, owner_id, document_id)
    # Its later versions stay together, under the next one; what was sent keeps its name.
    versions.leave(session, owner_id, document)
    # A statement, not session.delete(): the database drops the links by its cascade.
    session.execute(delete(Document).where(Document.id == document.id))
    session.commit()


def documents_for_application(
    session: Session, owner_id: int, application_id: int
) -> list[tuple[str, str]]:
    """(filename, extracted text) of the owner's documents linked to that application, oldest first.

    For the AI assistant; another user's application simply has none.
    """
    rows = session.execute(
        select(Document.filename, Document.extracted_text)
        .join(document_links, document_links.c.document_id == Document.id)
        .where(Document.owner_id == owner_id, document_links.c.application_id == application_id)
        .order_by(Document.created_at, Document.id)
    )
    return [(row.filename, row.extracted_text) for row in rows]


def present(session: Session, owner_id: int, documents: Sequence[Document]) -> list[DocumentOut]:
    """Documents as the API shows them, each with the applications it is linked to."""
    links: dict[int, list[int]] = defaultdict(list)
    if documents:
        rows = session.execute(
            select(document_links.c.document_id, document_links.c.application_id)
            .where(document_links.c.document_id.in_({document.id for document in documents}))
            .order_by(document_links.c.application_id)
        )
        for document_id, application_id in rows:
            links[document_id].append(application_id)
    summaries = applications_service.summaries(
        session, owner_id, [app_id for ids in links.values() for app_id in ids]
    )
    numbered = versions.versions_of(session, owner_id, documents)
    return [
        DocumentOut(
            id=document.id,
            filename=document.filename,
            media_type=document.media_type,
            size_bytes=document.size_bytes,
            sha256=document.sha256,
            extraction_note=document.extraction_note,
            text_status=document.text_status,
            previewable=document.media_type in PREVIEWABLE,
            kind=document.kind,
            family_id=numbered[document.id].family_id if document.id in numbered else None,
            version=numbered[document.id].number if document.id in numbered else None,
            applications=[summaries[link] for link in links[document.id] if link in summaries],
            created_at=document.created_at,
            updated_at=document.updated_at,
        )
        for document in documents
    ]


def present_detail(session: Session, owner_id: int, document: Document) -> DocumentDetail:
    shown = present(session, owner_id, [document])[0]
    return DocumentDetail(**shown.model_dump(), extracted_text=document.extracted_text)


def count_documents(session: Session, owner_id: int) -> int:
    query = select(func.count()).select_from(Document).where(Document.owner_id == owner_id)
    return session.scalar(query) or 0


def iter_with_content(
    session: Session, owner_id: int, *, batch_size: int = 10
) -> Iterator[list[Document]]:
    """All of the owner's documents with their bytes and text, oldest first, a few at a time.

    Small batches, streamed from the database: each document may be megabytes.
    """
    query = (
        select(Document)
        .options(undefer(Document.content), undefer(Document.extracted_text))
        .where(Document.owner_id == owner_id)
        .order_by(Document.created_at, Document.id)
        .execution_options(yield_per=batch_size)
    )
    for batch in session.scalars(query).partitions():
        yield list(batch)


def linked_application_ids(
    session: Session, owner_id: int, document_ids: Sequence[int]
) -> dict[int, list[int]]:
    """The applications each of these documents of the owner's is linked to, ascending."""
    links: dict[int, list[int]] = defaultdict(list)
    if not document_ids:
        return links
    rows = session.execute(
        select(document_links.c.document_id, document_links.c.application_id)
        .join(Document, Document.id == document_links.c.document_id)
        .where(Document.owner_id == owner_id, document_links.c.document_id.in_(set(document_ids)))
        .order_by(document_links.c.document_id, document_links.c.application_id)
    )
    for document_id, application_id in rows:
        links[document_id].append(application_id)
    return links


@dataclass(frozen=True)
class RestoredDocument:
    """A document as a backup holds it; `application_ids` are the restored applications'."""

    filename: str
    media_type: MediaType
    content: bytes
    extracted_text: str
    extraction_note: str | None
    application_ids: Sequence[int]
    created_at: datetime
    updated_at: datetime
    # None in backups made before kinds: guessed from the name, as the migration did.
    kind: DocumentKind | None = None


def _restored_text_status(restored: RestoredDocument) -> TextStatus:
    # A backup taken while a PDF or Word file was still being read holds no text for it:
    # restored as pending, the text reader reads it the next time it looks.
    unread = (
        extraction.read_later(restored.media_type)
        and not restored.extracted_text
        and restored.extraction_note is None
    )
    return TextStatus.PENDING if unread else TextStatus.READY


def restore_documents(
    session: Session, owner_id: int, documents: Sequence[RestoredDocument]
) -> list[int]:
    """Add them exactly as they were, text and links included, and answer their new ids in the
    order given (versions are grouped with `versions.restore_family`); the caller commits.

    The storage quota is the caller's to check (`usage.reserve_storage`): an operator's restore
    is not held to it.
    """
    applications_service.require_owned(
        session, owner_id, [app_id for restored in documents for app_id in restored.application_ids]
    )
    ids = []
    for restored in documents:
        filename = clean_filename(restored.filename)
        document = Document(
            owner_id=owner_id,
            filename=filename,
            kind=restored.kind or versions.guess_kind(filename),
            media_type=restored.media_type,
            size_bytes=len(restored.content),
            sha256=hashlib.sha256(restored.content).hexdigest(),
            content=restored.content,
            extracted_text=restored.extracted_text,
            extraction_note=restored.extraction_note,
            text_status=_restored_text_status(restored),
            created_at=restored.created_at,
            updated_at=restored.updated_at,
        )
        session.add(document)
        # One at a time: a batch of large files would all sit in the flush at once.
        session.flush()
        for application_id in sorted(set(restored.application_ids)):
            session.execute(
                insert(document_links).values(
                    document_id=document.id, application_id=application_id
                )
            )
        ids.append(document.id)
        session.expunge(document)
    return ids
