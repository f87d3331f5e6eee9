"""Document kinds and versions: Resume v1, v2, v3 are one family, numbered by upload order.

A family is kept as every later version holding the id of the first (`family_id`), the first
holding null. Whatever changes a family (a document joins or leaves it, or is deleted), the
family is grouped again under its oldest member, so the numbers always follow upload order and
the rest stay together when the first one goes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from jobtracker.documents.models import Document, DocumentKind
from jobtracker.errors import InvalidInput, NotFound

# The same guesses migration 0015 made for documents uploaded before kinds existed.
_COVER_LETTER_NAME = re.compile(r"cover", re.IGNORECASE)
_RESUME_NAME = re.compile(r"resume|résumé|cv", re.IGNORECASE)


@dataclass(frozen=True)
class Version:
    family_id: int
    number: int


def guess_kind(filename: str) -> DocumentKind:
    """What a file named like this most likely is; the user can change it."""
    if _COVER_LETTER_NAME.search(filename):
        return DocumentKind.COVER_LETTER
    if _RESUME_NAME.search(filename):
        return DocumentKind.RESUME
    return DocumentKind.OTHER


def family_of(document: Document) -> int:
    """The id its family goes by: the first version's (its own when it is the first)."""
    return document.family_id or document.id


def versions_of(
    session: Session, owner_id: int, documents: Sequence[Document]
) -> dict[int, Version]:
    """Each of these documents' family and number, for those that have other versions."""
    families = {family_of(document) for document in documents}
    if not families:
        return {}
    members: dict[int, list[int]] = defaultdict(list)
    rows = session.execute(
        select(Document.id, func.coalesce(Document.family_id, Document.id).label("family"))
        .where(
            Document.owner_id == owner_id,
            or_(Document.id.in_(families), Document.family_id.in_(families)),
        )
        .order_by(Document.created_at, Document.id)
    )
    for row in rows:
        members[row.family].append(row.id)
    return {
        document_id: Version(family_id=family, number=position)
        for family, ids in members.items()
        if len(ids) > 1
        for position, document_id in enumerate(ids, start=1)
    }


def target_of(session: Session, owner_id: int, document_id: int) -> Document:
    """The document another is to become a version of; another user's is not found."""
    target = session.scalar(
        select(Document).where(Document.id == document_id, Document.owner_id == owner_id)
    )
    if target is None:
        raise NotFound(f"Document {document_id} was not found, so nothing was changed.")
    return target


def join(session: Session, owner_id: int, document: Document, target: Document) -> None:
    """Make `document` a version of `target`'s family, taking on the family's kind."""
    if target.id == document.id:
        raise InvalidInput(
            "A document cannot be a new version of itself. Choose another document.",
            fields={"version_of": "choose another document"},
        )
    family = family_of(target)
    if family_of(document) == family:
        return
    leave(session, owner_id, document)
    member_ids = list(
        session.scalars(
            select(Document.id).where(
                Document.owner_id == owner_id,
                or_(Document.id == family, Document.family_id == family),
            )
        )
    )
    _regroup(session, owner_id, [*member_ids, document.id])
    document.kind = target.kind


def leave(session: Session, owner_id: int, document: Document) -> None:
    """Take `document` out of its family; the others stay together, grouped under the oldest."""
    if document.family_id is not None:
        document.family_id = None
        return
    # The first version leaving (or being deleted): the next one becomes the first.
    later = list(session.scalars(select(Document.id).where(Document.family_id == document.id)))
    if later:
        _regroup(session, owner_id, later)


def set_kind(session: Session, owner_id: int, document: Document, kind: DocumentKind) -> None:
    """A kind is the family's: Resume v1 and v2 are both resumes."""
    family = family_of(document)
    session.execute(
        update(Document)
        .where(
            Document.owner_id == owner_id,
            or_(Document.id == family, Document.family_id == family),
        )
        .values(kind=kind)
    )
    document.kind = kind


def restore_family(session: Session, owner_id: int, member_ids: Sequence[int]) -> None:
    """Make these restored documents of the owner's one family, under the oldest."""
    _regroup(session, owner_id, member_ids)


def _regroup(session: Session, owner_id: int, member_ids: Sequence[int]) -> None:
    """Make these documents one family under the oldest of them (one alone has none)."""
    ordered = list(
        session.scalars(
            select(Document.id)
            .where(Document.owner_id == owner_id, Document.id.in_(set(member_ids)))
            .order_by(Document.created_at, Document.id)
        )
    )
    if not ordered:
        return
    first = ordered[0]
    session.execute(
        update(Document)
        .where(Document.owner_id == owner_id, Document.id.in_(ordered))
        # Being renumbered is not an edit of the document: its updated_at stays.
        .values(
            family_id=case((Document.id == first, None), else_=first),
            updated_at=Document.updated_at,
        )
        .execution_options(synchronize_session="fetch")
    )
