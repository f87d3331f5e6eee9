"""Request and response shapes for the assistant, and the events of a streamed answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from jobtracker.assistant.models import MessageRole, MessageStatus

MAX_MESSAGE_LENGTH = 8_000
# An answer longer than this is kept cut short: a provider is not trusted to stop on its own.
MAX_ANSWER_LENGTH = 100_000

MessageText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_LENGTH)
]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: MessageText


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: MessageRole
    content: str
    status: MessageStatus
    error: str | None
    provider: str
    model: str | None
    input_tokens: int | None
    output_tokens: int | None
    created_at: datetime


class AssistantInfo(BaseModel):
    """The provider in use, and whether it can answer."""

    provider: str
    model: str | None
    ready: bool
    # When not ready: what the instance's admin has to configure, in words.
    problem: str | None


class UsageToday(BaseModel):
    """Messages sent to the assistant today (UTC) against the per-user daily limit."""

    messages: int
    daily_limit: int | None  # None: unlimited
    remaining: int | None
    resets_at: datetime
    input_tokens: int
    output_tokens: int


class Conversation(BaseModel):
    application_id: int
    assistant: AssistantInfo
    messages: list[MessageOut]  # oldest first
    # More messages before the first one here: ask again with before=<first id>.
    has_earlier: bool
    # The last message has no complete answer, so POST .../assistant/retry can send it again.
    can_retry: bool
    usage: UsageToday


class StartEvent(BaseModel):
    """`event: start`: the question is stored; the answer follows as `delta` events."""

    question: MessageOut
    provider: str
    model: str | None
    retry: bool


class DeltaEvent(BaseModel):
    """`event: delta`: the next piece of the answer's text."""

    text: str


class DoneEvent(BaseModel):
    """`event: done`: the answer is complete and stored."""

    answer: MessageOut | None


class ErrorEvent(BaseModel):
    """`event: error`: the provider failed; the question is kept, and so is any partial answer."""

    code: str
    message: str
    status: int
    answer: MessageOut | None
