"""Request and response shapes for applications and their stage history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from jobtracker.applications.stages import Priority, Stage, WorkMode
from jobtracker.common import LongText, RequiredShortText, ShortText, Tags

MAX_SALARY = 1_000_000_000


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
Salary = Annotated[int, Field(ge=0, le=MAX_SALARY)]


class ApplicationFields(BaseModel):
    """Fields a user may set; owner, ids and timestamps are the server's and are refused."""

    model_config = ConfigDict(extra="forbid")

    job_url: JobUrl | None = None
    location: ShortText | None = None
    work_mode: WorkMode | None = None
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency | None = None
    source: ShortText | None = None
    job_description: LongText | None = None
    notes: LongText | None = None
    applied_on: date | None = None
    deadline: date | None = None

    @model_validator(mode="after")
    def _salary_range(self) -> Self:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValueError("salary_min must not be greater than salary_max")
        return self


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

    @model_validator(mode="after")
    def _required_fields_stay_set(self) -> Self:
        for name in ("company", "role", "stage", "priority", "tags"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared")
        return self


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
    source: str | None
    job_description: str | None
    notes: str | None
    priority: Priority
    applied_on: date | None
    deadline: date | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    next_deliverable: NextDeliverable | None = Field(
        default=None, description="The earliest-due deliverable that is not done yet"
    )


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
