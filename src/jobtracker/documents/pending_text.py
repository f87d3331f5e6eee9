"""Documents whose text is still to be read: finding them, claiming one, saving what was read.

These run for the server, not for a person: they go by document id across owners, and
nothing they return leaves the process. Several app processes may share one database, so a
document is claimed with one conditional UPDATE; a claim older than CLAIM_SECONDS is from a
process that died mid-way, and the document is read again (at most MAX_ATTEMPTS times).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, CursorResult, or_, select, update
from sqlalchemy.orm import Session

from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.documents.extraction import BUDGET, TOO_COSTLY
from jobtracker.documents.media_types import MediaType
from jobtracker.documents.models import Document, TextStatus
from jobtracker.documents.reading import Extraction, unreadable
from jobtracker.errors import QuotaExceeded
from jobtracker.instance import usage

# Longer than a child may run, so a live reader's claim never expires under it.
CLAIM_SECONDS = BUDGET.wall_seconds * 2 + 30
MAX_ATTEMPTS = 3
SWEEP_BATCH = 50
OVER_STORAGE = (
    "The text was not kept: it would pass your storage limit (MAX_STORAGE_MB_PER_USER). "
    "Free some space, then delete this document and upload it again."
)


@dataclass(frozen=True)
class ClaimedDocument:
    id: int
    media_type: MediaType
    content: bytes
    claimed_at: datetime


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    expired = now - timedelta(seconds=CLAIM_SECONDS)
    return or_(Document.extraction_claimed_at.is_(None), Document.extraction_claimed_at < expired)


def documents_to_read(session: Session) -> list[int]:
    """Ids of pending documents nobody is reading; those tried too often become unreadable."""
    now = utcnow()
    session.execute(
        update(Document)
        .where(
            Document.text_status == TextStatus.PENDING,
            Document.extraction_attempts >= MAX_ATTEMPTS,
            _unclaimed(now),
        )
        .values(
            text_status=TextStatus.UNREADABLE,
            extraction_note=TOO_COSTLY,
            extraction_claimed_at=None,
            updated_at=Document.updated_at,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    query = (
        select(Document.id)
        .where(Document.text_status == TextStatus.PENDING, _unclaimed(now))
        .order_by(Document.id)
        .limit(SWEEP_BATCH)
    )
    return list(session.scalars(query))


def claim(session: Session, document_id: int) -> ClaimedDocument | None:
    """The document's bytes, if this process is now the one to read it; None if another is."""
    now = utcnow()
    result = session.execute(
        update(Document)
        .where(
            Document.id == document_id,
            Document.text_status == TextStatus.PENDING,
            Document.extraction_attempts < MAX_ATTEMPTS,
            _unclaimed(now),
        )
        .values(
            extraction_claimed_at=now,
            extraction_attempts=Document.extraction_attempts + 1,
            updated_at=Document.updated_at,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        return None
    row = session.execute(
        select(Document.media_type, Document.content).where(Document.id == document_id)
    ).one_or_none()
    if row is None:  # deleted in between
        return None
    return ClaimedDocument(document_id, row.media_type, row.content, now)


def save(
    session: Session, settings: Settings, claimed: ClaimedDocument, extraction: Extraction
) -> None:
    """Store what was read, unless the claim was lost meanwhile (then the newer reader saves).

    The text counts against its owner's storage quota like any other: past it, none is kept.
    """
    owner_id = session.scalar(select(Document.owner_id).where(Document.id == claimed.id))
    if owner_id is None:  # deleted meanwhile
        return
    try:
        adding = usage.text_bytes(extraction.text)
        usage.reserve_storage(session, settings, owner_id, adding, what="This document's text")
    except QuotaExceeded:
        extraction = unreadable(OVER_STORAGE)
    session.execute(
        update(Document)
        .where(
            Document.id == claimed.id,
            Document.text_status == TextStatus.PENDING,
            Document.extraction_claimed_at == claimed.claimed_at,
        )
        .values(
            extracted_text=extraction.text,
            extraction_note=extraction.note,
            text_status=TextStatus.READY if extraction.readable else TextStatus.UNREADABLE,
            extraction_claimed_at=None,
            # Reading the text is not an edit by the person.
            updated_at=Document.updated_at,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
