"""Which resume and cover letter went out with an application: recorded by default when it is
sent (the most recent of each kind linked to it), changed by the user, kept by file name after
the document itself is replaced or deleted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Insert, and_, delete, exists, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from jobtracker.applications import events
from jobtracker.applications import service as applications_service
from jobtracker.db import UTCDateTime, utcnow
from jobtracker.documents import versions
from jobtracker.documents.models import Document, DocumentKind, SentDocument, document_links
from jobtracker.documents.schemas import SentDocumentOut, SentDocuments, SentDocumentsUpdate
from jobtracker.errors import InvalidInput, NotFound

# The kinds an application records, and the update's field for each.
SENT_KINDS = (DocumentKind.RESUME, DocumentKind.COVER_LETTER)
_FIELDS = {DocumentKind.RESUME: "resume_id", DocumentKind.COVER_LETTER: "cover_letter_id"}
_LABELS = {DocumentKind.RESUME: "a resume", DocumentKind.COVER_LETTER: "a cover letter"}


@events.when_sent
def record_defaults(session: Session, owner_id: int, application_ids: Sequence[int]) -> None:
    """For each application just sent, record its most recent linked resume and cover letter,
    unless one of that kind is already recorded. One statement, whatever the number of them."""
    link, newer_link = document_links, document_links.alias("newer_link")
    newer = aliased(Document)
    chosen = (
        select(
            link.c.application_id,
            Document.kind,
            Document.owner_id,
            Document.id,
            Document.filename,
            literal(utcnow(), UTCDateTime()),
        )
        .join(Document, Document.id == link.c.document_id)
        .where(
            Document.owner_id == owner_id,
            link.c.application_id.in_(list(application_ids)),
            Document.kind.in_(SENT_KINDS),
            ~exists().where(
                SentDocument.application_id == link.c.application_id,
                SentDocument.kind == Document.kind,
            ),
            # The most recent of its kind among the application's documents.
            ~exists().where(
                newer_link.c.application_id == link.c.application_id,
                newer.id == newer_link.c.document_id,
                newer.kind == Document.kind,
                or_(
                    newer.created_at > Document.created_at,
                    and_(newer.created_at == Document.created_at, newer.id > Document.id),
                ),
            ),
        )
    )
    columns = ["application_id", "kind", "owner_id", "document_id", "filename", "chosen_at"]
    # Not flushed first: a board move writes its card once, stage and place together. A
    # concurrent move of the same application that recorded first wins (nothing is replaced).
    with session.no_autoflush:
        session.execute(_insert_new(session).from_select(columns, chosen))


def _insert_new(session: Session) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(SentDocument).on_conflict_do_nothing()
    return sqlite.insert(SentDocument).on_conflict_do_nothing()


def read_sent(session: Session, owner_id: int, application_id: int) -> SentDocuments:
    """What the owner's application went out with; another user's answers 404."""
    applications_service.require_owned(session, owner_id, [application_id])
    return sent_by_application(session, owner_id, [application_id]).get(
        application_id, SentDocuments(resume=None, cover_letter=None)
    )


def update_sent(
    session: Session, owner_id: int, application_id: int, changes: SentDocumentsUpdate
) -> SentDocuments:
    """Record the documents named (each the owner's, of the right kind) or none where null;
    a field left out is left as it was."""
    applications_service.require_owned(session, owner_id, [application_id])
    for kind in SENT_KINDS:
        field = _FIELDS[kind]
        if field not in changes.model_fields_set:
            continue
        document_id: int | None = getattr(changes, field)
        if document_id is None:
            session.execute(
                delete(SentDocument).where(
                    SentDocument.application_id == application_id, SentDocument.kind == kind
                )
            )
        else:
            document = _sendable(session, owner_id, kind, document_id, field)
            _record(session, owner_id, application_id, kind, document)
    session.commit()
    return read_sent(session, owner_id, application_id)


def _sendable(
    session: Session, owner_id: int, kind: DocumentKind, document_id: int, field: str
) -> Document:
    document = session.scalar(
        select(Document).where(Document.id == document_id, Document.owner_id == owner_id)
    )
    if document is None:
        raise NotFound(f"Document {document_id} was not found, so nothing was changed.")
    if document.kind is not kind:
        raise InvalidInput(
            f"“{document.filename}” is not marked as {_LABELS[kind]}. Mark it as one on the "
            "Documents page, or choose another document.",
            fields={field: f"choose {_LABELS[kind]}"},
        )
    return document


def _record(
    session: Session, owner_id: int, application_id: int, kind: DocumentKind, document: Document
) -> None:
    record = session.get(SentDocument, (application_id, kind))
    if record is None:
        record = SentDocument(application_id=application_id, kind=kind, owner_id=owner_id)
        session.add(record)
    record.document_id = document.id
    record.filename = document.filename
    record.chosen_at = utcnow()


def sent_by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, SentDocuments]:
    """What each of these applications of the owner's went out with (only those with any)."""
    if not application_ids:
        return {}
    records = list(
        session.scalars(
            select(SentDocument)
            .where(
                SentDocument.owner_id == owner_id,
                SentDocument.application_id.in_(list(application_ids)),
            )
            .order_by(SentDocument.application_id, SentDocument.kind)
        )
    )
    numbers = _version_numbers(session, owner_id, records)
    shown: dict[int, dict[DocumentKind, SentDocumentOut]] = defaultdict(dict)
    for record in records:
        shown[record.application_id][record.kind] = SentDocumentOut(
            kind=record.kind,
            document_id=record.document_id,
            filename=record.filename,
            version=numbers.get(record.document_id) if record.document_id else None,
            chosen_at=record.chosen_at,
        )
    return {
        application_id: SentDocuments(
            resume=by_kind.get(DocumentKind.RESUME),
            cover_letter=by_kind.get(DocumentKind.COVER_LETTER),
        )
        for application_id, by_kind in shown.items()
    }


def _version_numbers(
    session: Session, owner_id: int, records: Sequence[SentDocument]
) -> dict[int, int]:
    document_ids = {record.document_id for record in records if record.document_id is not None}
    if not document_ids:
        return {}
    documents = list(
        session.scalars(
            select(Document).where(Document.owner_id == owner_id, Document.id.in_(document_ids))
        )
    )
    found = versions.versions_of(session, owner_id, documents)
    return {document_id: version.number for document_id, version in found.items()}


# ---- Backups ----


@dataclass(frozen=True)
class KeptSentDocument:
    """A record as a backup holds it, with the application's and the document's ids."""

    application_id: int
    kind: DocumentKind
    document_id: int | None
    filename: str
    chosen_at: datetime


def all_sent(session: Session, owner_id: int) -> list[KeptSentDocument]:
    """Every record of the owner's, for the backup (two at most per application)."""
    return [
        KeptSentDocument(
            record.application_id,
            record.kind,
            record.document_id,
            record.filename,
            record.chosen_at,
        )
        for record in session.scalars(
            select(SentDocument)
            .where(SentDocument.owner_id == owner_id)
            .order_by(SentDocument.application_id, SentDocument.kind)
        )
    ]


def restore_sent(session: Session, owner_id: int, records: Sequence[KeptSentDocument]) -> None:
    """Add them as they were, ids already those of the restored rows; the caller commits."""
    applications_service.require_owned(
        session, owner_id, [record.application_id for record in records]
    )
    session.add_all(
        SentDocument(
            application_id=record.application_id,
            kind=record.kind,
            owner_id=owner_id,
            document_id=record.document_id,
            filename=record.filename,
            chosen_at=record.chosen_at,
        )
        for record in records
    )
