"""Request and response shapes for applications and their stage history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from jobtracker.applications.stages import EmploymentType, Priority, SalaryPeriod, Stage, WorkMode
from jobtracker.common import Day, LongText, RequiredShortText, ShortText, Tags

MAX_SALARY = 1_000_000_000
SALARY_RANGE_PROBLEM = "must not be less than salary_min"


def _http_url(url: str) -> str:
    url = url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return url


def _currency(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError("must be a three-letter ISO 4217 code, like EUR or USD")
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
            raise ValueError("cannot be cleared")
        return value


class NextDeliverable(BaseModel):
    id: int
    title: str
    due_at: datetime | None
    overdue: bool


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
    next_deliverable: NextDeliverable | None = Field(
        default=None, description="The earliest-due deliverable that is not done yet"
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
