"""Restoring a backup into an empty account: the whole document checked, then one transaction."""

from __future__ import annotations

import hashlib
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from jobtracker.applications import board
from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.applications.service import RestoredApplication, StageChange
from jobtracker.assistant import service as assistant_service
from jobtracker.assistant.service import RestoredMessage
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.contacts import service as contacts_service
from jobtracker.contacts.schemas import ContactCreate
from jobtracker.contacts.service import RestoredContact
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.schemas import DeliverableCreate
from jobtracker.deliverables.service import RestoredDeliverable
from jobtracker.documents import service as documents_service
from jobtracker.documents import uploads as document_uploads
from jobtracker.documents.service import RestoredDocument
from jobtracker.errors import Conflict, InvalidInput
from jobtracker.insight import goals
from jobtracker.instance import usage
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.schemas import InterviewCreate
from jobtracker.interviews.service import RestoredInterview
from jobtracker.nudges import service as nudges_service
from jobtracker.portability import versions_and_sent
from jobtracker.portability.schemas import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    READABLE_VERSIONS,
    Backup,
    BackupApplication,
    BackupPreferences,
    RestoreResult,
)
from jobtracker.portability.uploads import read_json
from jobtracker.validation_messages import plain_message
from jobtracker.writing import service as writing_service
from jobtracker.writing.schemas import WritingCreate
from jobtracker.writing.service import RestoredWriting

MAX_LISTED_PROBLEMS = 50
Fields = TypeVar("Fields", bound=BaseModel)


def read_backup(content: bytes) -> Backup:
    """The backup in these bytes, every part of it checked; 422 naming each problem's path."""
    document = read_json(content)
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InvalidInput(
            "This file is not a Job Tracker backup.",
            fields={"format": f'must be "{BACKUP_FORMAT}"'},
        )
    _check_version(document.get("version"))
    unstorable = _nul_character_problems(document)
    if unstorable:
        raise _refusal(unstorable)
    try:
        backup = Backup.model_validate(document)
    except ValidationError as error:
        problems = {_path(problem["loc"]): plain_message(problem) for problem in error.errors()}
        raise _refusal(problems) from None
    problems = (
        _reference_problems(backup)
        | versions_and_sent.reference_problems(
            backup, {application.ref for application in backup.applications}
        )
        | _document_problems(backup)
    )
    if problems:
        raise _refusal(problems)
    return backup


def _check_version(version: object) -> None:
    if version in READABLE_VERSIONS and not isinstance(version, bool):
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > BACKUP_VERSION:
        message = (
            f"This backup was made by a newer Job Tracker (format version {version}); this "
            f"instance reads version {BACKUP_VERSION}. Upgrade it, then restore again."
        )
    else:
        message = f"This backup has an unknown format version ({version!r})."
    raise InvalidInput(message, fields={"version": f"must be {BACKUP_VERSION}"})


NUL_CHARACTER = "has a NUL character, which cannot be stored; remove it and restore again"


def _nul_character_problems(value: object, location: tuple[int | str, ...] = ()) -> dict[str, str]:
    """Every text in the document holding a NUL character, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return {_path(location): NUL_CHARACTER} if "\x00" in value else {}
    problems: dict[str, str] = {}
    if isinstance(value, dict):
        for key, child in value.items():
            if "\x00" in key:
                problems[_path((*location, key))] = NUL_CHARACTER
            problems |= _nul_character_problems(child, (*location, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            problems |= _nul_character_problems(child, (*location, index))
    return problems


def _path(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "file"


def _refusal(problems: dict[str, str]) -> InvalidInput:
    first_path, first_problem = next(iter(problems.items()))
    listed = dict(list(problems.items())[:MAX_LISTED_PROBLEMS])
    return InvalidInput(
        f"The backup has {len(problems)} problem(s), so nothing was restored. "
        f"The first: {first_path}: {first_problem.rstrip('.')}.",
        fields=listed,
    )


def _reference_problems(backup: Backup) -> dict[str, str]:
    problems: dict[str, str] = {}
    first_use: dict[str, int] = {}
    for index, application in enumerate(backup.applications):
        if application.ref in first_use:
            problems[f"applications.{index}.ref"] = (
                f"is also the ref of applications.{first_use[application.ref]}"
            )
        first_use.setdefault(application.ref, index)

    def check(path: str, refs: list[str]) -> None:
        for position, ref in enumerate(refs):
            if ref not in first_use:
                problems[f"{path}.{position}"] = (
                    f"no application in this backup has the ref {ref!r}"
                )
            elif ref in refs[:position]:
                problems[f"{path}.{position}"] = f"repeats {ref!r}"

    for index, writing in enumerate(backup.writing):
        check(f"writing.{index}.applications", writing.applications)
    for index, document in enumerate(backup.documents):
        check(f"documents.{index}.applications", document.applications)
    for index, message in enumerate(backup.assistant_messages):
        if message.application not in first_use:
            problems[f"assistant_messages.{index}.application"] = (
                f"no application in this backup has the ref {message.application!r}"
            )
    return problems


def _document_problems(backup: Backup) -> dict[str, str]:
    problems: dict[str, str] = {}
    first_copy: dict[str, int] = {}
    for index, document in enumerate(backup.documents):
        path = f"documents.{index}"
        content = document.content_base64
        if hashlib.sha256(content).hexdigest() != document.sha256:
            problems[f"{path}.sha256"] = "does not match the content: the file may be damaged"
        elif document.sha256 in first_copy:
            problems[f"{path}.sha256"] = (
                f"is the same file as documents.{first_copy[document.sha256]}"
            )
        first_copy.setdefault(document.sha256, index)
        if document.size_bytes != len(content):
            problems[f"{path}.size_bytes"] = f"is {document.size_bytes}, the content {len(content)}"
        if not content:
            problems[f"{path}.content_base64"] = "is empty"
            continue
        media_type = document_uploads.accepted_media_type(content, document.filename)
        if media_type is None:
            problems[f"{path}.content_base64"] = "is not a PDF, DOCX, plain text or Markdown file"
        elif media_type != document.media_type:
            problems[f"{path}.media_type"] = f"is {document.media_type}, the content {media_type}"
    return problems


def restore_from_bytes(
    session: Session, settings: Settings, owner: User, content: bytes
) -> RestoreResult:
    return restore_backup(session, settings, owner, read_backup(content))


def restore_backup(
    session: Session, settings: Settings, owner: User, backup: Backup, *, within_quotas: bool = True
) -> RestoreResult:
    """Everything in the backup, added to the owner's empty account in one transaction.

    `within_quotas=False` is for the operator's command line: quotas protect an instance
    from its users, not from the person who runs it.
    """
    # Held until commit, so two restores at once cannot both find the account empty.
    usage.lock_owner(session, owner.id)
    _require_empty(session, owner.id)
    if within_quotas:
        applications_service.reserve_room(session, settings, owner.id, len(backup.applications))
        usage.reserve_storage(
            session, settings, owner.id, incoming_bytes(backup), what="This backup"
        )
    ids = applications_service.restore_applications(
        session, owner.id, [_application(application) for application in backup.applications]
    )
    application_ids = {
        application.ref: new_id
        for application, new_id in zip(backup.applications, ids, strict=True)
    }
    _restore_the_rest(session, owner.id, backup, application_ids)
    if backup.preferences is not None:
        _restore_preferences(session, owner, backup.preferences)
    session.commit()
    return RestoreResult(
        applications=len(backup.applications),
        deliverables=sum(len(application.deliverables) for application in backup.applications),
        contacts=sum(len(application.contacts) for application in backup.applications),
        interviews=sum(len(application.interviews) for application in backup.applications),
        writing=len(backup.writing),
        documents=len(backup.documents),
        assistant_messages=len(backup.assistant_messages),
    )


def _restore_preferences(session: Session, owner: User, preferences: BackupPreferences) -> None:
    if preferences.time_zone is not None:
        owner.time_zone = preferences.time_zone
    if preferences.board_layout is not None:
        board.set_board_layout(owner, preferences.board_layout)
    if preferences.nudge_rules is not None:
        nudges_service.set_rules(
            session, owner.id, preferences.nudge_rules.model_dump(exclude_unset=True)
        )
    if preferences.weekly_goals is not None:
        goals.set_targets(session, owner.id, goals.Targets(**preferences.weekly_goals.model_dump()))


def incoming_bytes(backup: Backup) -> int:
    """What the backup will store, counted as the storage quota counts it."""
    files = sum(
        len(document.content_base64) + usage.record_bytes(document, documents_service.STORED_TEXT)
        for document in backup.documents
    )
    applications = sum(
        usage.record_bytes(application, applications_service.STORED_TEXT)
        + sum(
            usage.record_bytes(deliverable, deliverables_service.STORED_TEXT)
            for deliverable in application.deliverables
        )
        + sum(
            usage.record_bytes(contact, contacts_service.STORED_TEXT)
            for contact in application.contacts
        )
        + sum(
            usage.record_bytes(interview, interviews_service.STORED_TEXT)
            for interview in application.interviews
        )
        for application in backup.applications
    )
    writing = sum(
        usage.record_bytes(writing, writing_service.STORED_TEXT) for writing in backup.writing
    )
    messages = sum(
        usage.record_bytes(message, assistant_service.STORED_TEXT)
        for message in backup.assistant_messages
    )
    return files + applications + writing + messages


def _require_empty(session: Session, owner_id: int) -> None:
    counts = {
        "applications": applications_service.count_applications(session, owner_id),
        "pieces of writing": writing_service.count_writing(session, owner_id),
        "documents": documents_service.count_documents(session, owner_id),
    }
    held = [f"{count} {what}" for what, count in counts.items() if count]
    if held:
        raise Conflict(
            "A backup can only be restored into an empty account, and this one has "
            f"{', '.join(held)}. Restore it into a new account, or delete those first."
        )


def _fields(model: type[Fields], record: BaseModel) -> Fields:
    # The record was validated as a subclass of `model`; take just the fields `model` has.
    return model.model_construct(**{name: getattr(record, name) for name in model.model_fields})


def _application(application: BackupApplication) -> RestoredApplication:
    return RestoredApplication(
        fields=_fields(ApplicationCreate, application),
        created_at=application.created_at,
        updated_at=application.updated_at,
        archived_at=application.archived_at,
        history=[
            StageChange(from_stage=event.from_stage, to_stage=event.to_stage, at=event.at)
            for event in application.stage_events
        ],
    )


def _restore_interviews(
    session: Session, owner_id: int, backup: Backup, application_ids: dict[str, int]
) -> None:
    """Interviews, their people found by position among their application's restored contacts."""
    session.flush()  # gives the restored contacts their ids, in the order they were added
    contacts = contacts_service.by_application(session, owner_id, list(application_ids.values()))
    interviews_service.restore_interviews(
        session,
        owner_id,
        [
            RestoredInterview(
                application_id=application_ids[application.ref],
                fields=InterviewCreate.model_construct(
                    **{
                        name: getattr(interview, name)
                        for name in InterviewCreate.model_fields
                        if name != "contact_ids"
                    }
                ),
                contact_ids=[
                    contacts[application_ids[application.ref]][position].id
                    for position in interview.contacts
                ],
                created_at=interview.created_at,
                updated_at=interview.updated_at,
            )
            for application in backup.applications
            for interview in application.interviews
        ],
    )


def _restore_the_rest(
    session: Session, owner_id: int, backup: Backup, application_ids: dict[str, int]
) -> None:
    deliverables_service.restore_deliverables(
        session,
        owner_id,
        [
            RestoredDeliverable(
                application_id=application_ids[application.ref],
                fields=_fields(DeliverableCreate, deliverable),
                done_at=deliverable.done_at,
                created_at=deliverable.created_at,
                updated_at=deliverable.updated_at,
            )
            for application in backup.applications
            for deliverable in application.deliverables
        ],
    )
    contacts_service.restore_contacts(
        session,
        owner_id,
        [
            RestoredContact(
                application_id=application_ids[application.ref],
                fields=_fields(ContactCreate, contact),
                created_at=contact.created_at,
                updated_at=contact.updated_at,
            )
            for application in backup.applications
            for contact in application.contacts
        ],
    )
    _restore_interviews(session, owner_id, backup, application_ids)
    writing_service.restore_writing(
        session,
        owner_id,
        [
            RestoredWriting(
                fields=WritingCreate.model_construct(
                    title=writing.title,
                    kind=writing.kind,
                    body=writing.body,
                    tags=writing.tags,
                    application_ids=[application_ids[ref] for ref in writing.applications],
                ),
                created_at=writing.created_at,
                updated_at=writing.updated_at,
            )
            for writing in backup.writing
        ],
    )
    document_ids = documents_service.restore_documents(
        session,
        owner_id,
        [
            RestoredDocument(
                filename=document.filename,
                media_type=document.media_type,
                content=document.content_base64,
                extracted_text=document.extracted_text,
                extraction_note=document.extraction_note,
                application_ids=[application_ids[ref] for ref in document.applications],
                created_at=document.created_at,
                updated_at=document.updated_at,
                kind=document.kind,
            )
            for document in backup.documents
        ],
    )
    versions_and_sent.restore_versions_and_sent(
        session, owner_id, backup, application_ids, document_ids
    )
    assistant_service.restore_messages(
        session,
        owner_id,
        [
            RestoredMessage(
                application_id=application_ids[message.application],
                role=message.role,
                content=message.content,
                status=message.status,
                error=message.error,
                provider=message.provider,
                model=message.model,
                input_tokens=message.input_tokens,
                output_tokens=message.output_tokens,
                created_at=message.created_at,
            )
            for message in backup.assistant_messages
        ],
    )
