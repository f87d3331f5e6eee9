"""What the write tools do, through the domain services (their quotas and owner scoping), and
the changed record each one answers."""

from __future__ import annotations

from typing import Any

from jobtracker.applications import service as applications_service
from jobtracker.applications.duplicates import DuplicateFinder
from jobtracker.applications.schemas import ApplicationCreate, ApplicationUpdate
from jobtracker.capture import service as capture_service
from jobtracker.capture.schemas import CaptureRequest
from jobtracker.contacts import service as contacts_service
from jobtracker.contacts.schemas import ContactCreate
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import DeliverableState
from jobtracker.deliverables.schemas import DeliverableCreate, DeliverableUpdate
from jobtracker.documents import service as documents_service
from jobtracker.documents.schemas import DocumentUpdate
from jobtracker.errors import Conflict, InvalidInput
from jobtracker.mcp import records
from jobtracker.mcp.schemas import (
    ApplicationRecord,
    ContactRecord,
    DeletedApplication,
    DeliverableRecord,
    DocumentRecord,
    NoteRecord,
)
from jobtracker.mcp.service import Call, TextBudget
from jobtracker.writing import service as writing_service
from jobtracker.writing.schemas import WritingCreate, WritingUpdate

NOTHING_TO_CREATE_FROM = (
    "Give the company and role, or the posting's url or pasted text to read them from."
)
NOTHING_FOUND = (
    "No company or job title could be read from the posting. Give company and role yourself."
)
LONG_TEXT_CHARS = 100_000


def _application(call: Call, application_id: int) -> ApplicationRecord:
    shown = applications_service.read_application(call.session, call.user.id, application_id)
    return records.application_record(shown, TextBudget())


def _from_posting(call: Call, url: str | None, text: str | None) -> dict[str, Any]:
    """The fields capture reads from the posting's link (fetched) or its pasted text."""
    backend = call.backend
    capture_service.check_rate(backend.capture_limiter, call.user.id)
    found = capture_service.capture(
        call.session,
        call.settings,
        call.user.id,
        CaptureRequest(url=url, text=text),
        fetch_page=backend.fetch_page,
        policy=backend.fetch_policy,
        filler=backend.filler,
    )
    fields = {
        name: entry["value"]
        for name, entry in found.posting.as_dict().items()
        if name != "board" and entry is not None
    }
    if isinstance(fields.get("job_description"), str):
        fields["job_description"] = fields["job_description"][:LONG_TEXT_CHARS]
    return fields


def create_application(
    call: Call,
    given: dict[str, Any],
    *,
    url: str | None,
    text: str | None,
    allow_duplicate: bool,
) -> ApplicationRecord:
    """Create it from the fields given, filling the rest from the posting when there is one."""
    fields = {name: value for name, value in given.items() if value is not None}
    if url is not None or text is not None:
        fields = _from_posting(call, url, text) | fields
        if "company" not in fields or "role" not in fields:
            raise InvalidInput(NOTHING_FOUND)
    elif "company" not in fields or "role" not in fields:
        raise InvalidInput(NOTHING_TO_CREATE_FROM)
    data = ApplicationCreate.model_validate(fields)
    if not allow_duplicate:
        finder = DuplicateFinder.for_owner(call.session, call.user.id)
        tracked = finder.find(job_url=data.job_url, company=data.company, role=data.role)
        if tracked is not None:
            raise Conflict(
                f"This posting is already tracked as application {tracked.id} ({tracked.company}, "
                f"{tracked.role}, {tracked.stage.value}). Update that one, or call again with "
                "allow_duplicate true to add it anyway."
            )
    created = applications_service.create_application(call.session, call.settings, call.user, data)
    return _application(call, created.id)


def update_application(
    call: Call, application_id: int, changes: dict[str, Any], clear: list[str]
) -> ApplicationRecord:
    """Change the fields given; those named in `clear` are emptied."""
    values = {name: value for name, value in changes.items() if value is not None}
    values |= dict.fromkeys(clear)
    if not values:
        raise InvalidInput("Give at least one field to change, or name one to clear.")
    update = ApplicationUpdate.model_validate(values)
    applications_service.update_application(
        call.session, call.settings, call.user.id, application_id, update
    )
    return _application(call, application_id)


def add_deliverable(call: Call, application_id: int, data: DeliverableCreate) -> DeliverableRecord:
    deliverable = deliverables_service.create_deliverable(
        call.session, call.settings, call.user.id, application_id, data
    )
    return records.deliverable_record(deliverable, TextBudget())


def complete_deliverable(call: Call, deliverable_id: int) -> DeliverableRecord:
    deliverable = deliverables_service.update_deliverable(
        call.session,
        call.settings,
        call.user.id,
        deliverable_id,
        DeliverableUpdate(state=DeliverableState.DONE),
    )
    return records.deliverable_record(deliverable, TextBudget())


def _note(call: Call, note_id: int) -> NoteRecord:
    note = writing_service.get_writing(call.session, call.user.id, note_id)
    [shown] = writing_service.present(call.session, call.user.id, [note])
    return records.note_record(shown, TextBudget())


def add_note(call: Call, data: WritingCreate) -> NoteRecord:
    note = writing_service.create_writing(call.session, call.settings, call.user.id, data)
    return _note(call, note.id)


def add_contact(call: Call, application_id: int, data: ContactCreate) -> ContactRecord:
    contact = contacts_service.create_contact(
        call.session, call.settings, call.user.id, application_id, data
    )
    return records.contact_record(contact, TextBudget())


def link_note(call: Call, note_id: int, application_id: int) -> NoteRecord:
    """Link the note to one more application, keeping its other links."""
    owner_id = call.user.id
    writing_service.get_writing(call.session, owner_id, note_id)
    linked = writing_service.linked_application_ids(call.session, owner_id, [note_id])
    wanted = list(dict.fromkeys([*linked.get(note_id, []), application_id]))
    writing_service.update_writing(
        call.session,
        call.settings,
        owner_id,
        note_id,
        WritingUpdate.model_validate({"application_ids": wanted}),
    )
    return _note(call, note_id)


def link_document(call: Call, document_id: int, application_id: int) -> DocumentRecord:
    """Link the document to one more application, keeping its other links."""
    owner_id = call.user.id
    documents_service.get_document(call.session, owner_id, document_id)
    linked = documents_service.linked_application_ids(call.session, owner_id, [document_id])
    # Links to applications in the trash stay as they are (kept for a restore).
    live = applications_service.summaries(call.session, owner_id, linked.get(document_id, []))
    wanted = list(dict.fromkeys([*live, application_id]))
    document = documents_service.update_document(
        call.session,
        owner_id,
        document_id,
        DocumentUpdate.model_validate({"application_ids": wanted}),
    )
    [record] = records.document_records(call.session, owner_id, [document])
    return record


def delete_application(call: Call, application_id: int) -> DeletedApplication:
    """Move it to the trash, where it stays restorable for 30 days."""
    shown = applications_service.read_application(call.session, call.user.id, application_id)
    applications_service.delete_application(call.session, call.user.id, application_id)
    return DeletedApplication(
        id=shown.id,
        company=shown.company,
        role=shown.role,
        message="Moved to the Trash; it can be restored from there for 30 days.",
    )
