"""What the assistant knows about an application, gathered through the other domains' services."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.stages import Priority, Stage, WorkMode
from jobtracker.auth import service as auth_service
from jobtracker.contacts import service as contacts_service
from jobtracker.db import utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.deliverables.service import DeliverableFilters
from jobtracker.documents import service as documents_service
from jobtracker.insight import fit_service
from jobtracker.insight.fit_schemas import FitOut, FitState
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.models import InterviewKind, InterviewOutcome
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
class InterviewFacts:
    kind: InterviewKind
    starts_at: datetime
    ends_at: datetime
    time_zone: str  # the zone it was arranged in
    location: str | None
    meeting_url: str | None
    with_whom: list[str]
    prep_notes: str | None
    outcome: InterviewOutcome | None
    debrief: str | None


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
class FitSkillFacts:
    skill: str
    section: str  # where the posting asks for it: required, nice or other
    through: str | None  # the narrower skill the resume names, when it shows this one


@dataclass(frozen=True)
class FitFacts:
    """The offline fit of the posting with the default resume, so the assistant already knows."""

    ready: bool
    message: str | None  # why there is no score, when there is none
    resume_filename: str | None = None
    resume_chosen_because: str | None = None
    score: int | None = None
    explanation: str | None = None
    matched: list[FitSkillFacts] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    missing_nice: list[str] = field(default_factory=list)
    missing_other: list[str] = field(default_factory=list)
    keywords_missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ApplicationContext:
    company: str
    role: str
    stage: Stage
    now: datetime
    # The user's IANA zone: "today", "tomorrow" and every time shown are theirs.
    time_zone: str = "UTC"
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
    interviews: list[InterviewFacts] = field(default_factory=list)  # earliest first
    fit: FitFacts | None = None

    @property
    def next_interview(self) -> InterviewFacts | None:
        return next((item for item in self.interviews if item.ends_at > self.now), None)

    @property
    def earlier_interviews(self) -> list[InterviewFacts]:
        return [item for item in self.interviews if item.ends_at <= self.now]


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
    interviews = interviews_service.by_application(session, owner_id, [application_id])[
        application_id
    ]
    people = interviews_service.contact_names(session, owner_id, interviews)
    fit = fit_facts(fit_service.fit_for_application(session, owner_id, application_id))
    return ApplicationContext(
        company=application.company,
        role=application.role,
        stage=application.stage,
        now=utcnow(),
        time_zone=auth_service.time_zone_of(session, owner_id),
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
        interviews=[
            InterviewFacts(
                kind=interview.kind,
                starts_at=interview.starts_at,
                ends_at=interviews_service.ends_at(interview),
                time_zone=interview.time_zone,
                location=interview.location,
                meeting_url=interview.meeting_url,
                with_whom=people.get(interview.id, []),
                prep_notes=interview.prep_notes,
                outcome=interview.outcome,
                debrief=interview.debrief,
            )
            for interview in interviews
        ],
        fit=fit,
    )


def fit_facts(fit: FitOut) -> FitFacts:
    resume = fit.resume
    facts = FitFacts(
        ready=fit.state is FitState.READY,
        message=fit.message,
        resume_filename=resume.filename if resume else None,
        resume_chosen_because=resume.chosen_because.value if resume else None,
    )
    if fit.analysis is None:
        return facts
    analysis = fit.analysis
    return replace(
        facts,
        score=analysis.score,
        explanation=analysis.explanation,
        matched=[
            FitSkillFacts(item.skill, item.section.value, item.through) for item in analysis.matched
        ],
        missing_required=[item.skill for item in analysis.missing_required],
        missing_nice=[item.skill for item in analysis.missing_nice],
        missing_other=[item.skill for item in analysis.missing_other],
        keywords_missing=analysis.keywords_missing,
    )
