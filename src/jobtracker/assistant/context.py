"""What the assistant knows about an application, gathered through the other domains' services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.stages import Priority, Stage, WorkMode
from jobtracker.contacts import service as contacts_service
from jobtracker.db import utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.deliverables.service import DeliverableFilters
from jobtracker.documents import service as documents_service
from jobtracker.writing import service as writing_service
from jobtracker.writing.models import WritingKind
from jobtracker.writing.service import WritingFilters

# Enough for any real application; the prompt's character budget trims further.
MAX_DELIVERABLES = 100
MAX_CONTACTS = 50
MAX_WRITING = 50


@dataclass(frozen=True)
class DeliverableFacts:
    title: str
    kind: DeliverableKind
    state: DeliverableState
    due_at: datetime | None
    content: str | None


@dataclass(frozen=True)
class ContactFacts:
    # No email or phone: the assistant needs to know who people are, not how to reach them.
    name: str
    role: str | None
    notes: str | None


@dataclass(frozen=True)
class WritingFacts:
    title: str
    kind: WritingKind
    body: str


@dataclass(frozen=True)
class DocumentFacts:
    filename: str
    text: str


@dataclass(frozen=True)
class ApplicationContext:
    company: str
    role: str
    stage: Stage
    now: datetime
    location: str | None = None
    work_mode: WorkMode | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    source: str | None = None
    job_url: str | None = None
    priority: Priority = Priority.MEDIUM
    applied_on: date | None = None
    deadline: date | None = None
    tags: list[str] = field(default_factory=list)
    job_description: str | None = None
    notes: str | None = None
    deliverables: list[DeliverableFacts] = field(default_factory=list)
    contacts: list[ContactFacts] = field(default_factory=list)
    writing: list[WritingFacts] = field(default_factory=list)
    documents: list[DocumentFacts] = field(default_factory=list)


def build_context(session: Session, owner_id: int, application_id: int) -> ApplicationContext:
    """The owner's application with everything attached to it; a foreign id answers 404."""
    application = applications_service.get_application(session, owner_id, application_id)
    deliverables, _ = deliverables_service.list_deliverables(
        session,
        owner_id,
        DeliverableFilters(application_id=application_id),
        limit=MAX_DELIVERABLES,
        offset=0,
    )
    contacts, _ = contacts_service.list_contacts(
        session, owner_id, application_id, limit=MAX_CONTACTS, offset=0
    )
    writings, _ = writing_service.list_writing(
        session,
        owner_id,
        WritingFilters(application_id=application_id),
        limit=MAX_WRITING,
        offset=0,
    )
    documents = documents_service.documents_for_application(session, owner_id, application_id)
    return ApplicationContext(
        company=application.company,
        role=application.role,
        stage=application.stage,
        now=utcnow(),
        location=application.location,
        work_mode=application.work_mode,
        salary_min=application.salary_min,
        salary_max=application.salary_max,
        salary_currency=application.salary_currency,
        source=application.source,
        job_url=application.job_url,
        priority=application.priority,
        applied_on=application.applied_on,
        deadline=application.deadline,
        tags=list(application.tags),
        job_description=application.job_description,
        notes=application.notes,
        deliverables=[
            DeliverableFacts(
                title=deliverable.title,
                kind=deliverable.kind,
                state=deliverable.state,
                due_at=deliverable.due_at,
                content=deliverable.content,
            )
            for deliverable in deliverables
        ],
        contacts=[
            ContactFacts(name=contact.name, role=contact.role, notes=contact.notes)
            for contact in contacts
        ],
        writing=[
            WritingFacts(title=writing.title, kind=writing.kind, body=writing.body)
            for writing in writings
        ],
        documents=[DocumentFacts(filename=name, text=text) for name, text in documents],
    )
