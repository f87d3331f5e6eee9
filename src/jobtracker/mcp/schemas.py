"""What the MCP tools take and answer: typed, compact records sized for a model's context."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from jobtracker.applications.stages import EmploymentType, Priority, SalaryPeriod, Stage, WorkMode
from jobtracker.common import MAX_ID
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.interviews.models import InterviewKind, InterviewOutcome
from jobtracker.writing.models import WritingKind

# A result never holds more than this many items of one list, nor this much text in all.
MAX_ITEMS = 50
MAX_RESULT_CHARS = 50_000

ApplicationId = Annotated[
    int, Field(ge=1, le=MAX_ID, description="An application's id, from search_applications")
]
DeliverableId = Annotated[
    int, Field(ge=1, le=MAX_ID, description="A deliverable's id, from get_application")
]
NoteId = Annotated[int, Field(ge=1, le=MAX_ID, description="A note's id, from get_application")]
DocumentId = Annotated[
    int, Field(ge=1, le=MAX_ID, description="A document's id, from get_application")
]


class ApplicationBrief(BaseModel):
    """An application as a search lists it."""

    id: int
    company: str
    role: str
    stage: Stage
    location: str | None
    work_mode: WorkMode | None
    priority: Priority
    applied_on: date | None
    deadline: date | None
    tags: list[str]
    archived: bool
    updated_at: datetime


class ApplicationPage(BaseModel):
    items: list[ApplicationBrief]
    total: int = Field(description="How many applications match, over all pages")
    offset: int
    next_offset: int | None = Field(
        description="Pass this as offset for the next page; null when this is the last"
    )


class ApplicationRecord(BaseModel):
    """One application's own fields; long texts may end with a truncation marker."""

    id: int
    company: str
    role: str
    stage: Stage
    priority: Priority
    job_url: str | None
    location: str | None
    work_mode: WorkMode | None
    employment_type: EmploymentType | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    salary_period: SalaryPeriod | None = Field(description="null means per year")
    source: str | None
    applied_on: date | None
    deadline: date | None
    posted_on: date | None
    tags: list[str]
    archived: bool
    created_at: datetime
    updated_at: datetime
    job_description: str | None
    notes: str | None


class DeliverableRecord(BaseModel):
    id: int
    application_id: int
    title: str
    kind: DeliverableKind
    state: DeliverableState
    due_at: datetime | None
    done_at: datetime | None
    overdue: bool = Field(description="Due in the past and not done")
    content: str | None


class ContactRecord(BaseModel):
    id: int
    application_id: int
    name: str
    role: str | None
    email: str | None
    phone: str | None
    notes: str | None


class NoteRecord(BaseModel):
    """A note or other piece of writing, and the applications it is linked to."""

    id: int
    title: str
    kind: WritingKind
    tags: list[str]
    body: str
    application_ids: list[int]
    updated_at: datetime


class DocumentRecord(BaseModel):
    """A document's name and links; its text is read with read_document_text."""

    id: int
    filename: str
    media_type: str
    size_bytes: int
    application_ids: list[int]


class InterviewRecord(BaseModel):
    id: int
    application_id: int
    company: str
    role: str
    kind: InterviewKind
    starts_at: datetime = Field(description="In UTC")
    local_start: str = Field(description="The wall-clock start in time_zone")
    time_zone: str
    duration_minutes: int
    location: str | None
    meeting_url: str | None
    people: list[str] = Field(description="Names of the contacts meeting the user")
    outcome: InterviewOutcome | None
    prep_notes: str | None


class ApplicationDetail(BaseModel):
    application: ApplicationRecord
    deliverables: list[DeliverableRecord]
    contacts: list[ContactRecord]
    notes: list[NoteRecord] = Field(description="Writing linked to the application")
    documents: list[DocumentRecord] = Field(description="Documents linked to it, by name")
    interviews: list[InterviewRecord]
    truncated: bool = Field(
        description="Some text or some items were left out to keep the answer small"
    )


class UpcomingDeliverable(BaseModel):
    id: int
    application_id: int
    company: str
    role: str
    title: str
    kind: DeliverableKind
    state: DeliverableState
    due_at: datetime | None
    overdue: bool


class UpcomingDeadline(BaseModel):
    application_id: int
    company: str
    role: str
    stage: Stage
    deadline: date


class Upcoming(BaseModel):
    days: int
    today: date = Field(description="Today in the user's time zone")
    deliverables: list[UpcomingDeliverable] = Field(
        description="Not done, due within the days or already overdue, soonest first"
    )
    deadlines: list[UpcomingDeadline] = Field(
        description="Deadlines to apply by, of applications not sent yet, soonest first"
    )
    interviews: list[InterviewRecord] = Field(description="Starting within the days")
    truncated: bool = Field(description=f"A list had more than {MAX_ITEMS} entries")


class StageCount(BaseModel):
    stage: Stage
    count: int


class RateFigure(BaseModel):
    value: float | None = Field(description="From 0 to 1; null when nothing to divide by")
    numerator: int
    denominator: int


class Dashboard(BaseModel):
    """The dashboard's headline figures, over all of the user's applications."""

    applications: int
    active: int = Field(description="Not in a final stage")
    applied_last_30_days: int
    offers: int
    response_rate: RateFigure
    interview_rate: RateFigure
    offer_rate: RateFigure
    median_days_to_first_response: float | None
    deliverables_due_this_week: int
    deliverables_overdue: int
    interviews_this_week: int
    stages: list[StageCount]


class TagCount(BaseModel):
    name: str
    applications: int


class TagList(BaseModel):
    tags: list[TagCount] = Field(description="Tags on the user's applications, most used first")
    truncated: bool


class DocumentText(BaseModel):
    id: int
    filename: str
    text_status: str = Field(description="ready, pending (still being read) or unreadable")
    characters: int = Field(description="Length of the whole extracted text")
    offset: int
    text: str
    truncated: bool = Field(description="More text follows: call again with next_offset")
    next_offset: int | None


class DeletedApplication(BaseModel):
    id: int
    company: str
    role: str
    message: str
