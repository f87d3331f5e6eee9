"""Request and response shapes for deliverables."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from jobtracker.applications.schemas import ApplicationSummary
from jobtracker.common import LongText, RequiredShortText, UtcMoment
from jobtracker.deliverables.models import DeliverableKind, DeliverableState

__all__ = ["DeliverableCreate", "DeliverableOut", "DeliverableUpdate", "UtcMoment"]

DUE_AT_HELP = "ISO 8601 with a time zone, e.g. 2025-03-01T17:00:00+01:00; null for no due date"


class DeliverableCreate(BaseModel):
    """Fields a user may set; owner, ids, done_at and timestamps are the server's and refused."""

    model_config = ConfigDict(extra="forbid")

    title: RequiredShortText
    kind: DeliverableKind = DeliverableKind.OTHER
    state: DeliverableState = DeliverableState.NOT_STARTED
    due_at: UtcMoment | None = Field(default=None, description=DUE_AT_HELP)
    content: LongText | None = None


class DeliverableUpdate(BaseModel):
    """Only the fields sent are changed; send null to clear due_at or content."""

    model_config = ConfigDict(extra="forbid")

    title: RequiredShortText | None = None
    kind: DeliverableKind | None = None
    state: DeliverableState | None = None
    due_at: UtcMoment | None = Field(default=None, description=DUE_AT_HELP)
    content: LongText | None = None

    @field_validator("title", "kind", "state")
    @classmethod
    def _cannot_be_cleared(cls, value: object) -> object:
        # Runs only on values sent: leaving a field out is fine, sending null is not.
        if value is None:
            raise ValueError("cannot be cleared")
        return value


class DeliverableOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    application_id: int
    title: str
    kind: DeliverableKind
    state: DeliverableState
    due_at: datetime | None
    content: str | None
    done_at: datetime | None = Field(description="When it was last marked done; null unless done")
    overdue: bool = Field(description="Due in the past and not done")
    application: ApplicationSummary
    created_at: datetime
    updated_at: datetime
