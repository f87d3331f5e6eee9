"""Request and response shapes for applications and their stage history."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from jobtracker.applications.stages import EmploymentType, Priority, SalaryPeriod, Stage, WorkMode
from jobtracker.common import MAX_ID, Day, LongText, RequiredShortText, ShortText, Tag, Tags

MAX_SALARY = 1_000_000_000
# Shown under the "Salary max" input: it says what to do, in the form's own words.
SALARY_RANGE_PROBLEM = "Make this at least the minimum salary."


def _http_url(url: str) -> str:
    url = url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValueError("Enter a web address starting with http:// or https://.")
    return url


def _currency(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError("Use a three-letter currency code, like EUR or USD.")
    return code


JobUrl = Annotated[str, Field(max_length=2000), AfterValidator(_http_url)]
Currency = Annotated[str, Field(max_length=3), AfterValidator(_currency)]
# Strict, so `true` or "70000" is refused instead of quietly becoming a number.
Salary = Annotated[int, Field(ge=0, le=MAX_SALARY, strict=True)]


class ApplicationFields(BaseModel):
    """Fields a user may set; owner, ids and timestamps are the server's and are refused."""

    model_config = ConfigDict(extra="forbid")

    job_url: JobUrl | None = None
    location: ShortText | None = None
    work_mode: WorkMode | None = None
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency | None = None
    salary_period: SalaryPeriod | None = Field(
        default=None, description="What the salary is paid per; none means per year"
    )
    employment_type: EmploymentType | None = None
    source: ShortText | None = None
    job_description: LongText | None = None
    notes: LongText | None = None
    applied_on: Day | None = None
    deadline: Day | None = None
    posted_on: Day | None = Field(default=None, description="The day the posting went up")

    @field_validator("salary_max")
    @classmethod
    def _salary_range(cls, salary_max: int | None, info: ValidationInfo) -> int | None:
        # A field validator, not a model one, so the error names a field; salary_min is
        # declared first, so it is already in info.data when it was valid.
        salary_min = info.data.get("salary_min")
        if salary_min is not None and salary_max is not None and salary_min > salary_max:
            raise ValueError(SALARY_RANGE_PROBLEM)
        return salary_max


class ApplicationCreate(ApplicationFields):
    company: RequiredShortText
    role: RequiredShortText
    stage: Stage = Stage.WISHLIST
    priority: Priority = Priority.MEDIUM
    tags: Tags = []


class ApplicationUpdate(ApplicationFields):
    """Only the fields sent are changed; send null to clear an optional one."""

    company: RequiredShortText | None = None
    role: RequiredShortText | None = None
    stage: Stage | None = None
    priority: Priority | None = None
    tags: Tags | None = None

    # Runs only on fields that were sent, so an explicit null is refused under its own name.
    @field_validator("company", "role", "stage", "priority", "tags")
    @classmethod
    def _required_fields_stay_set(cls, value: object) -> object:
        if value is None:
            raise ValueError("This is required; it can't be left empty.")
        return value


class NextDeliverable(BaseModel):
    id: int
    title: str
    due_at: datetime | None
    overdue: bool


class NextStep(BaseModel):
    """What an application asks of its owner next, for the board's card."""

    kind: Literal["deliverable", "deadline", "interview"] = Field(
        description="A deliverable, the deadline to apply by, or an interview (board cards only)"
    )
    title: str
    deliverable_id: int | None = Field(description="The deliverable's id, when it is one")
    interview_id: int | None = Field(default=None, description="The interview's id, for one")
    due_at: datetime | None = Field(
        description="A deliverable's due time, if it has one, or an interview's start"
    )
    due_on: date | None = Field(description="The deadline's day, for a deadline")


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    company: str
    role: str
    stage: Stage
    job_url: str | None
    location: str | None
    work_mode: WorkMode | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    salary_period: SalaryPeriod | None = Field(description="None means per year")
    employment_type: EmploymentType | None
    source: str | None
    job_description: str | None
    notes: str | None
    priority: Priority
    applied_on: date | None
    deadline: date | None
    posted_on: date | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None = Field(
        default=None, description="When it was archived: off the board, still in analytics"
    )
    next_deliverable: NextDeliverable | None = Field(
        default=None, description="The earliest-due deliverable that is not done yet"
    )
    stage_entered_at: datetime | None = Field(
        default=None, description="When it entered its current stage"
    )
    board_position: float | None = Field(
        default=None, description="Its place in its board column; null: the default order"
    )
    next_step: NextStep | None = Field(
        default=None,
        description="The sooner of its next deliverable and, before it is sent, its deadline",
    )


class ApplicationSummary(BaseModel):
    """Enough of an application to label something that belongs to it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    company: str
    role: str
    stage: Stage


class StageEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    application_id: int
    from_stage: Stage | None
    to_stage: Stage
    at: datetime


class TagCount(BaseModel):
    name: str
    count: int


class ArchivedFilter(StrEnum):
    """Which applications a list holds, by whether they are archived."""

    EXCLUDE = "exclude"
    INCLUDE = "include"
    ONLY = "only"


class TrashedApplication(BaseModel):
    """An application in the trash: restorable until it is purged."""

    id: int
    company: str
    role: str
    stage: Stage
    deleted_at: datetime
    purge_at: datetime = Field(description="When it is deleted for good")
    days_left: int = Field(description="Whole days until it is deleted for good (0: today)")


class EmptiedTrash(BaseModel):
    deleted: int = Field(description="How many applications were deleted for good")


# A bulk action names its applications; this many at most, so one request stays cheap.
MAX_BULK_IDS = 500


class BulkAction(StrEnum):
    MOVE = "move"
    ADD_TAG = "add_tag"
    REMOVE_TAG = "remove_tag"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"
    DELETE = "delete"
    RESTORE = "restore"


class BulkRequest(BaseModel):
    """One action on several of the caller's applications, all of them or none."""

    model_config = ConfigDict(extra="forbid")

    ids: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_ID)]],
        Field(min_length=1, max_length=MAX_BULK_IDS),
    ]
    action: BulkAction
    stage: Stage | None = Field(default=None, description="For move: the stage to move to")
    tag: Tag | None = Field(default=None, description="For add_tag and remove_tag")

    @field_validator("tag")
    @classmethod
    def _lower_case(cls, tag: str | None) -> str | None:
        return None if tag is None else tag.lower()


class BulkResult(BaseModel):
    action: BulkAction
    changed: int = Field(description="How many applications this changed (others already were)")
