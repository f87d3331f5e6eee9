"""The records MCP tools answer, made from what the domain services return, text within budget."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationOut
from jobtracker.contacts.models import Contact
from jobtracker.db import utcnow
from jobtracker.deliverables.models import Deliverable
from jobtracker.deliverables.service import is_overdue
from jobtracker.documents.models import Document
from jobtracker.documents.service import linked_application_ids as document_links
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.models import Interview
from jobtracker.mcp.schemas import (
    ApplicationBrief,
    ApplicationRecord,
    ContactRecord,
    DeliverableRecord,
    DocumentRecord,
    InterviewRecord,
    NoteRecord,
)
from jobtracker.mcp.service import TextBudget
from jobtracker.writing.schemas import WritingOut

# The most of one long text an answer holds when it holds many (a detail's deliverables).
EXCERPT_CHARS = 2_000


def application_brief(application: ApplicationOut) -> ApplicationBrief:
    return ApplicationBrief(
        id=application.id,
        company=application.company,
        role=application.role,
        stage=application.stage,
        location=application.location,
        work_mode=application.work_mode,
        priority=application.priority,
        applied_on=application.applied_on,
        deadline=application.deadline,
        tags=application.tags,
        archived=application.archived_at is not None,
        updated_at=application.updated_at,
    )


def application_record(application: ApplicationOut, budget: TextBudget) -> ApplicationRecord:
    return ApplicationRecord(
        id=application.id,
        company=application.company,
        role=application.role,
        stage=application.stage,
        priority=application.priority,
        job_url=application.job_url,
        location=application.location,
        work_mode=application.work_mode,
        employment_type=application.employment_type,
        salary_min=application.salary_min,
        salary_max=application.salary_max,
        salary_currency=application.salary_currency,
        salary_period=application.salary_period,
        source=application.source,
        applied_on=application.applied_on,
        deadline=application.deadline,
        posted_on=application.posted_on,
        tags=application.tags,
        archived=application.archived_at is not None,
        created_at=application.created_at,
        updated_at=application.updated_at,
        # The notes are the user's own words: they come first when the budget is tight.
        notes=budget.take(application.notes),
        job_description=budget.take(application.job_description),
    )


def deliverable_record(
    deliverable: Deliverable, budget: TextBudget, *, excerpt: bool = False
) -> DeliverableRecord:

    return DeliverableRecord(
        id=deliverable.id,
        application_id=deliverable.application_id,
        title=deliverable.title,
        kind=deliverable.kind,
        state=deliverable.state,
        due_at=deliverable.due_at,
        done_at=deliverable.done_at,
        overdue=is_overdue(deliverable, utcnow()),
        content=budget.take(deliverable.content, EXCERPT_CHARS if excerpt else None),
    )


def contact_record(contact: Contact, budget: TextBudget) -> ContactRecord:
    return ContactRecord(
        id=contact.id,
        application_id=contact.application_id,
        name=contact.name,
        role=contact.role,
        email=contact.email,
        phone=contact.phone,
        notes=budget.take(contact.notes, EXCERPT_CHARS),
    )


def note_record(note: WritingOut, budget: TextBudget, *, excerpt: bool = False) -> NoteRecord:
    return NoteRecord(
        id=note.id,
        title=note.title,
        kind=note.kind,
        tags=note.tags,
        body=budget.take(note.body, EXCERPT_CHARS if excerpt else None) or "",
        application_ids=note.application_ids,
        updated_at=note.updated_at,
    )


def document_records(
    session: Session, owner_id: int, documents: Sequence[Document]
) -> list[DocumentRecord]:
    links = document_links(session, owner_id, [document.id for document in documents])
    # An application in the trash is hidden, and so is a link to it.
    live = applications_service.summaries(
        session, owner_id, [app_id for ids in links.values() for app_id in ids]
    )
    return [
        DocumentRecord(
            id=document.id,
            filename=document.filename,
            media_type=document.media_type.value,
            size_bytes=document.size_bytes,
            application_ids=[app_id for app_id in links.get(document.id, []) if app_id in live],
        )
        for document in documents
    ]


def interview_records(
    session: Session, owner_id: int, interviews: Sequence[Interview], budget: TextBudget
) -> list[InterviewRecord]:
    return [
        InterviewRecord(
            id=shown.id,
            application_id=shown.application_id,
            company=shown.application.company,
            role=shown.application.role,
            kind=shown.kind,
            starts_at=shown.starts_at,
            local_start=shown.local_start,
            time_zone=shown.time_zone,
            duration_minutes=shown.duration_minutes,
            location=shown.location,
            meeting_url=shown.meeting_url,
            people=[contact.name for contact in shown.contacts],
            outcome=shown.outcome,
            prep_notes=budget.take(shown.prep_notes, EXCERPT_CHARS),
        )
        for shown in interviews_service.present(session, owner_id, interviews)
    ]
