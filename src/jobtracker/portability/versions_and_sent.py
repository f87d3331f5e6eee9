"""Documents' own references in a backup: which documents are versions of which, and the
resume and cover letter each application was sent with. Kept apart from backup.py and
restore.py, which hold the rest of the account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy.orm import Session

from jobtracker.documents import sent, versions
from jobtracker.documents.models import Document
from jobtracker.documents.sent import KeptSentDocument
from jobtracker.portability.schemas import Backup, BackupSentDocument


def document_ref(position: int) -> str:
    return f"document-{position}"


def family_ref(document: Document, document_refs: dict[int, str]) -> str | None:
    """The ref of the document's first version, already written: documents are written oldest
    first, and a family's first version is its oldest."""
    if document.family_id is None:
        return None
    return document_refs.get(document.family_id)


def sent_section(
    session: Session, owner_id: int, refs: dict[int, str], document_refs: dict[int, str]
) -> Iterator[list[BackupSentDocument]]:
    """Every record of an application in the backup (the trash is not backed up)."""
    yield [
        BackupSentDocument(
            application=refs[record.application_id],
            kind=record.kind,
            document=document_refs.get(record.document_id) if record.document_id else None,
            filename=record.filename,
            chosen_at=record.chosen_at,
        )
        for record in sent.all_sent(session, owner_id)
        if record.application_id in refs
    ]


def reference_problems(backup: Backup, application_refs: set[str]) -> dict[str, str]:
    problems: dict[str, str] = {}
    holders: dict[str, list[int]] = defaultdict(list)
    for index, document in enumerate(backup.documents):
        if document.ref is not None:
            holders[document.ref].append(index)

    def check(path: str, ref: str) -> None:
        # A ref two documents share is a problem only where something names it.
        if ref not in holders:
            problems[path] = f"no document in this backup has the ref {ref!r}"
        elif len(holders[ref]) > 1:
            first, second = holders[ref][:2]
            problems[path] = f"{ref!r} is the ref of both documents.{first} and documents.{second}"

    for index, document in enumerate(backup.documents):
        if document.family is not None:
            check(f"documents.{index}.family", document.family)
    chosen: set[tuple[str, str]] = set()
    for index, record in enumerate(backup.sent_documents):
        path = f"sent_documents.{index}"
        if record.application not in application_refs:
            problems[f"{path}.application"] = (
                f"no application in this backup has the ref {record.application!r}"
            )
        if record.document is not None:
            check(f"{path}.document", record.document)
        if (record.application, record.kind) in chosen:
            problems[f"{path}.kind"] = f"a {record.kind} is already recorded for that application"
        chosen.add((record.application, record.kind))
    return problems


def restore_versions_and_sent(
    session: Session,
    owner_id: int,
    backup: Backup,
    application_ids: dict[str, int],
    document_ids: Sequence[int],
) -> None:
    """After the documents are restored (`document_ids` in the backup's order); the caller
    commits."""
    by_ref = {
        document.ref: new_id
        for document, new_id in zip(backup.documents, document_ids, strict=True)
        if document.ref is not None
    }
    families: dict[str, list[int]] = defaultdict(list)
    for document, new_id in zip(backup.documents, document_ids, strict=True):
        if document.family is not None:
            families[document.family].append(new_id)
    for first, later in families.items():
        versions.restore_family(session, owner_id, [by_ref[first], *later])
    sent.restore_sent(
        session,
        owner_id,
        [
            KeptSentDocument(
                application_id=application_ids[record.application],
                kind=record.kind,
                document_id=by_ref[record.document] if record.document else None,
                filename=record.filename,
                chosen_at=record.chosen_at,
            )
            for record in backup.sent_documents
        ],
    )
