"""Request and response shapes for notes and reusable writing."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator

from jobtracker.common import MAX_ID, LongText, RequiredShortText, Tags
from jobtracker.writing.models import WritingKind

MAX_LINKS = 100
# Ids are 32-bit integers in both databases; anything larger cannot exist, and SQLite's
# driver fails on numbers past 64 bits instead of finding nothing.

# Strict, so `true` or "7" is refused rather than read as an application id.
ApplicationId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
ApplicationIds = Annotated[list[ApplicationId], Field(max_length=MAX_LINKS)]


class WritingFields(BaseModel):
    """Fields a user may set; owner, ids and timestamps are the server's and are refused."""

    model_config = ConfigDict(extra="forbid")


class WritingCreate(WritingFields):
    title: RequiredShortText
    kind: WritingKind = WritingKind.NOTE
    body: LongText = ""
    tags: Tags = []
    application_ids: ApplicationIds = Field(
        default=[], description="The owner's applications this writing is linked to"
    )


class WritingUpdate(WritingFields):
    """Only the fields sent are changed; tags and application_ids replace what was there."""

    title: RequiredShortText | None = None
    kind: WritingKind | None = None
    body: LongText | None = None
    tags: Tags | None = None
    application_ids: ApplicationIds | None = None

    # Runs only on fields that were sent, so an explicit null is refused under its own name.
    @field_validator("title", "kind", "body", "tags", "application_ids")
    @classmethod
    def _cannot_be_cleared(cls, value: object) -> object:
        if value is None:
            raise ValueError("cannot be cleared")
        return value


class WritingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    kind: WritingKind
    body: str
    tags: list[str]
    application_ids: list[int] = Field(
        default=[], description="Linked applications, in ascending id order"
    )
    created_at: datetime
    updated_at: datetime
