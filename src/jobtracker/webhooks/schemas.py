"""Request and response shapes for webhooks and their delivery log."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from jobtracker.common import Page
from jobtracker.webhooks.models import WebhookEvent
from jobtracker.webhooks.targets import MAX_URL_LENGTH

MAX_DESCRIPTION = 200
_NOT_IN_TEXT = {"Cc", "Zl", "Zp"}


class SubscribableEvent(StrEnum):
    """The events a webhook may be sent (ping is only ever sent by "Send test")."""

    APPLICATION_CREATED = WebhookEvent.APPLICATION_CREATED.value
    APPLICATION_STAGE_CHANGED = WebhookEvent.APPLICATION_STAGE_CHANGED.value
    DELIVERABLE_DUE = WebhookEvent.DELIVERABLE_DUE.value
    INTERVIEW_SCHEDULED = WebhookEvent.INTERVIEW_SCHEDULED.value


def _chosen(events: list[SubscribableEvent]) -> list[SubscribableEvent]:
    if not events:
        raise PydanticCustomError("no_events", "Choose at least one event to send.")
    # In a stable order, once each, whatever order they were ticked in.
    return [event for event in SubscribableEvent if event in events]


def _one_line(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if any(unicodedata.category(character) in _NOT_IN_TEXT for character in text):
        raise PydanticCustomError(
            "control_characters", "Use one line, without line breaks or control characters."
        )
    return text or None


Events = Annotated[
    list[SubscribableEvent], Field(max_length=len(SubscribableEvent) * 2), AfterValidator(_chosen)
]
TargetUrl = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_URL_LENGTH,
        description="Where events are POSTed: https:// (http:// only to a host the admin allowed)",
    ),
]
Description = Annotated[str | None, Field(max_length=MAX_DESCRIPTION), AfterValidator(_one_line)]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: TargetUrl
    events: Events = Field(description="The events to send")
    description: Description = Field(default=None, description="What the webhook is for")
    enabled: bool = True


class WebhookUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    url: TargetUrl | None = None
    events: Events | None = None
    description: Description = None
    enabled: bool | None = None

    @field_validator("url", "events", "enabled")
    @classmethod
    def _cannot_be_cleared(cls, value: object) -> object:
        # Runs only on values sent: leaving a field out is fine, sending null is not.
        if value is None:
            raise PydanticCustomError("required", "This can't be cleared; leave it out instead.")
        return value


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[SubscribableEvent]
    description: str | None
    enabled: bool
    secret_hint: str = Field(description="The secret's last characters, to tell it apart")
    created_at: datetime
    updated_at: datetime


class WebhookWithSecret(WebhookOut):
    secret: str = Field(description="The signing secret: shown this once, never again")


class WebhookList(Page[WebhookOut]):
    max_webhooks: int = Field(description="How many webhooks one account may have")


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    delivery_id: int
    event: WebhookEvent
    attempted_at: datetime
    status_code: int | None = Field(description="The receiver's HTTP status; null: no answer")
    error: str | None
    duration_ms: int
    delivered: bool


class TestResult(BaseModel):
    delivered: bool
    status_code: int | None
    error: str | None
    duration_ms: int
