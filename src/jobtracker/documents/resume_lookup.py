"""The resume to measure an application's posting against, read for the fit score."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session, undefer

from jobtracker.documents.models import (
    Document,
    DocumentKind,
    SentDocument,
    TextStatus,
    document_links,
)
from jobtracker.errors import NotFound

MAX_RESUME_CHOICES = 50


class ResumeChoice(StrEnum):
    """Why this resume: named in the request, sent with the application, linked to it, or the
    user's most recent resume."""

    CHOSEN = "chosen"
    SENT = "sent"
    LINKED = "linked"
    LATEST = "latest"


@dataclass(frozen=True)
class ResumeText:
    id: int
    filename: str
    text: str
    text_status: TextStatus
    extraction_note: str | None
    chosen_because: ResumeChoice


@dataclass(frozen=True)
class ResumeSummary:
    id: int
    filename: str


def default_resume(session: Session, owner_id: int, application_id: int) -> ResumeText | None:
    """The resume recorded as sent with the application, else the newest resume linked to it,
    else the owner's newest resume; None when the owner has no resume. One statement."""
    sent = select(SentDocument.document_id).where(
        SentDocument.application_id == application_id,
        SentDocument.owner_id == owner_id,
        SentDocument.kind == DocumentKind.RESUME,
        SentDocument.document_id.is_not(None),
    )
    linked = select(document_links.c.document_id).where(
        document_links.c.application_id == application_id
    )
    preference = case(
        (Document.id.in_(sent), 0),
        (Document.id.in_(linked), 1),
        else_=2,
    )
    row = session.execute(
        select(Document, preference)
        .options(undefer(Document.extracted_text))
        .where(
            Document.owner_id == owner_id,
            # What was sent stays the answer even if its kind was changed since.
            or_(Document.kind == DocumentKind.RESUME, Document.id.in_(sent)),
        )
        .order_by(preference, Document.created_at.desc(), Document.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    document, rank = row
    because = (ResumeChoice.SENT, ResumeChoice.LINKED, ResumeChoice.LATEST)[rank]
    return _text_of(document, because)


def chosen_resume(session: Session, owner_id: int, document_id: int) -> ResumeText:
    """Any of the owner's documents, named by the user; another user's answers 404."""
    document = session.scalar(
        select(Document)
        .options(undefer(Document.extracted_text))
        .where(Document.id == document_id, Document.owner_id == owner_id)
    )
    if document is None:
        raise NotFound(f"Document {document_id} was not found.")
    return _text_of(document, ResumeChoice.CHOSEN)


def recent_resumes(session: Session, owner_id: int) -> list[ResumeSummary]:
    """The owner's resumes to choose from, newest first, at most MAX_RESUME_CHOICES."""
    rows = session.execute(
        select(Document.id, Document.filename)
        .where(Document.owner_id == owner_id, Document.kind == DocumentKind.RESUME)
        .order_by(Document.created_at.desc(), Document.id.desc())
        .limit(MAX_RESUME_CHOICES)
    )
    return [ResumeSummary(row.id, row.filename) for row in rows]


def _text_of(document: Document, because: ResumeChoice) -> ResumeText:
    return ResumeText(
        id=document.id,
        filename=document.filename,
        text=document.extracted_text or "",
        text_status=document.text_status,
        extraction_note=document.extraction_note,
        chosen_because=because,
    )
