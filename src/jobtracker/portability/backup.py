"""The full backup of one account as a versioned JSON document, written a batch at a time.

Ids are replaced by references local to the document (`application-1`, …, in the order the
applications were created), so a backup restores into any account on any instance, and
restoring then exporting again gives the same document apart from `exported_at` and `user`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from jobtracker.applications import board
from jobtracker.applications import service as applications_service
from jobtracker.applications.models import Application, StageEvent
from jobtracker.applications.service import ApplicationFilters
from jobtracker.assistant import service as assistant_service
from jobtracker.auth.models import User
from jobtracker.contacts import service as contacts_service
from jobtracker.contacts.models import Contact
from jobtracker.db import read_in_one_transaction, utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import Deliverable
from jobtracker.documents import service as documents_service
from jobtracker.insight import goals
from jobtracker.insight.goals_schemas import WeeklyGoalsUpdate
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.models import Interview
from jobtracker.nudges import service as nudges_service
from jobtracker.nudges.schemas import NudgeRulesOut, NudgeRulesUpdate
from jobtracker.portability import versions_and_sent
from jobtracker.portability.schemas import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    BackupApplication,
    BackupContact,
    BackupDeliverable,
    BackupDocument,
    BackupInterview,
    BackupMessage,
    BackupPreferences,
    BackupStageEvent,
    BackupWriting,
)
from jobtracker.writing import service as writing_service

Record = TypeVar("Record", bound=BaseModel)

APPLICATION_BATCH = 200
DOCUMENT_BATCH = 2  # each may be as large as the upload limit
# Oldest first, so references follow creation order both here and after a restore.
IN_CREATION_ORDER = ApplicationFilters(sort="created_at")


def application_ref(position: int) -> str:
    return f"application-{position}"


def export_backup(session: Session, user: User) -> Iterator[bytes]:
    """The backup document of the user's account, as UTF-8 chunks."""
    # The whole account as of one moment, even while its owner works. On SQLite a later
    # batch may see a change made meanwhile; either way a reference to a row that is not in
    # the document is left out, so the document always restores.
    read_in_one_transaction(session, "REPEATABLE READ")
    refs: dict[int, str] = {}  # application id → its reference, filled as applications go by
    document_refs: dict[int, str] = {}  # the same for documents
    head = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": utcnow().isoformat(),
        "user": {"email": user.email, "display_name": user.display_name},
        "preferences": _preferences(session, user).model_dump(mode="json"),
    }
    fields = "".join(f"{json.dumps(key)}: {json.dumps(value)},\n" for key, value in head.items())
    yield ("{\n" + fields).encode()
    sections = [
        ("applications", _applications(session, user.id, refs)),
        ("writing", _writing(session, user.id, refs)),
        ("documents", _documents(session, user.id, refs, document_refs)),
        ("sent_documents", _sent_documents(session, user.id, refs, document_refs)),
        ("assistant_messages", _messages(session, user.id, refs)),
    ]
    for position, (name, batches) in enumerate(sections):
        last = position == len(sections) - 1
        yield from _section(name, batches, last=last)


def _preferences(session: Session, user: User) -> BackupPreferences:
    rules = NudgeRulesOut.model_validate(nudges_service.rules_for(session, user.id))
    return BackupPreferences(
        time_zone=user.time_zone,
        board_layout=board.layout_to_keep(user),
        nudge_rules=NudgeRulesUpdate(**rules.model_dump()),
        weekly_goals=WeeklyGoalsUpdate(**asdict(goals.targets(session, user.id))),
    )


def _section(name: str, batches: Iterator[list[str]], *, last: bool) -> Iterator[bytes]:
    yield f'"{name}": ['.encode()
    separator = "\n"
    for batch in batches:
        if batch:
            yield (separator + ",\n".join(batch)).encode()
            separator = ",\n"
    yield ("\n]\n}\n" if last else "\n],\n").encode()


def _json(record: BaseModel, first: dict[str, Any] | None = None) -> str:
    # `first` keys lead, so a reader sees what a record is before its fields.
    first = first or {}
    fields = record.model_dump(mode="json", exclude=set(first))
    return json.dumps({**first, **fields}, ensure_ascii=False)


def _construct(model: type[Record], source: object, **given: Any) -> Record:
    """The record with each field read from the row; no validation, so nothing is changed."""
    values = {name: getattr(source, name) for name in model.model_fields if name not in given}
    return model.model_construct(**values, **given)


def _applications(session: Session, owner_id: int, refs: dict[int, str]) -> Iterator[list[str]]:
    batches = applications_service.iter_applications(
        session, owner_id, IN_CREATION_ORDER, batch_size=APPLICATION_BATCH
    )
    for batch in batches:
        ids = [application.id for application in batch]
        history = applications_service.stage_events_by_application(session, owner_id, ids)
        deliverables = deliverables_service.by_application(session, owner_id, ids)
        contacts = contacts_service.by_application(session, owner_id, ids)
        interviews = interviews_service.by_application(session, owner_id, ids)
        people = interviews_service.linked_contact_ids(
            session, [interview for group in interviews.values() for interview in group]
        )
        records = []
        for application in batch:
            refs[application.id] = application_ref(len(refs) + 1)
            record = _application_record(
                application,
                history.get(application.id, []),
                deliverables.get(application.id, []),
                contacts.get(application.id, []),
                [
                    _interview_record(interview, contacts.get(application.id, []), people)
                    for interview in interviews.get(application.id, [])
                ],
            )
            records.append(_json(record, {"ref": refs[application.id]}))
        yield records


def _application_record(
    application: Application,
    history: list[StageEvent],
    deliverables: list[Deliverable],
    contacts: list[Contact],
    interviews: list[BackupInterview],
) -> BackupApplication:
    return _construct(
        BackupApplication,
        application,
        ref=None,  # written first by _json
        stage_events=[_construct(BackupStageEvent, event) for event in history],
        deliverables=[_construct(BackupDeliverable, deliverable) for deliverable in deliverables],
        contacts=[_construct(BackupContact, contact) for contact in contacts],
        interviews=interviews,
    )


def _interview_record(
    interview: Interview, contacts: list[Contact], people: dict[int, list[int]]
) -> BackupInterview:
    # People by their position in the application's contacts, which a restore keeps.
    positions = {contact.id: position for position, contact in enumerate(contacts)}
    return _construct(
        BackupInterview,
        interview,
        contacts=[positions[id_] for id_ in people.get(interview.id, []) if id_ in positions],
    )


def _writing(session: Session, owner_id: int, refs: dict[int, str]) -> Iterator[list[str]]:
    for batch in writing_service.iter_writing(session, owner_id):
        links = writing_service.linked_application_ids(
            session, owner_id, [writing.id for writing in batch]
        )
        yield [
            _json(
                _construct(
                    BackupWriting,
                    writing,
                    applications=_refs(refs, links.get(writing.id, [])),
                )
            )
            for writing in batch
        ]


def _documents(
    session: Session, owner_id: int, refs: dict[int, str], document_refs: dict[int, str]
) -> Iterator[list[str]]:
    for batch in documents_service.iter_with_content(session, owner_id, batch_size=DOCUMENT_BATCH):
        links = documents_service.linked_application_ids(
            session, owner_id, [document.id for document in batch]
        )
        for document in batch:
            document_refs[document.id] = versions_and_sent.document_ref(len(document_refs) + 1)
        yield [
            _json(
                _construct(
                    BackupDocument,
                    document,
                    content_base64=document.content,
                    applications=_refs(refs, links.get(document.id, [])),
                    ref=document_refs[document.id],
                    family=versions_and_sent.family_ref(document, document_refs),
                ),
                first={"ref": document_refs[document.id]},
            )
            for document in batch
        ]
        # Their bytes are written out; let the session forget them before the next batch.
        for document in batch:
            session.expunge(document)


def _sent_documents(
    session: Session, owner_id: int, refs: dict[int, str], document_refs: dict[int, str]
) -> Iterator[list[str]]:
    for batch in versions_and_sent.sent_section(session, owner_id, refs, document_refs):
        yield [_json(record) for record in batch]


def _messages(session: Session, owner_id: int, refs: dict[int, str]) -> Iterator[list[str]]:
    for batch in assistant_service.iter_messages(session, owner_id):
        yield [
            _json(_construct(BackupMessage, message, application=refs[message.application_id]))
            for message in batch
            if message.application_id in refs
        ]


def _refs(refs: dict[int, str], application_ids: list[int]) -> list[str]:
    # In reference order, which a restore keeps, rather than by id, which it may not.
    known = [refs[app_id] for app_id in application_ids if app_id in refs]
    return sorted(known, key=lambda ref: int(ref.rpartition("-")[2]))
