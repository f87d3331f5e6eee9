"""The assistant's conversations, the daily limit, and what each question sends to the provider."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import ScalarSelect, delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.assistant import prompt
from jobtracker.assistant.context import build_context
from jobtracker.assistant.models import AssistantMessage, AssistantUsage, MessageRole, MessageStatus
from jobtracker.assistant.providers import configuration_problem, provider_for
from jobtracker.assistant.providers.base import ChatProvider, ChatRequest, Turn, Usage
from jobtracker.assistant.schemas import (
    MAX_ANSWER_LENGTH,
    AssistantInfo,
    Conversation,
    MessageOut,
    UsageToday,
)
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import AppError, Conflict, QuotaExceeded
from jobtracker.instance import usage as storage

log = logging.getLogger(__name__)

MAX_CONVERSATION_PAGE = 200
# The application's data may fill this share of AI_CONTEXT_CHARS; earlier turns get the rest.
CONTEXT_SHARE = 2 / 3
# Earlier messages read when building a request; the character budget usually stops sooner.
MAX_EARLIER_MESSAGES = 200
# What counts against the storage quota.
STORED_TEXT = (AssistantMessage.content, AssistantMessage.error)


class DailyLimitReached(AppError):
    status_code = 429
    code = "ai_daily_limit"


@dataclass(frozen=True)
class PendingAnswer:
    """A stored question, and everything needed to stream its answer."""

    owner_id: int
    application_id: int
    question: MessageOut
    provider: ChatProvider
    request: ChatRequest
    retry: bool
    settings: Settings


def assistant_info(settings: Settings) -> AssistantInfo:
    problem = configuration_problem(settings)
    model = provider_for(settings).model if problem is None else settings.ai_model or None
    return AssistantInfo(
        provider=settings.ai_provider.value, model=model, ready=problem is None, problem=problem
    )


def conversation(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    *,
    limit: int = MAX_CONVERSATION_PAGE,
    before: int | None = None,
) -> Conversation:
    """The latest `limit` messages (before message id `before`, when given), oldest first."""
    applications_service.get_application(session, owner_id, application_id)
    query = select(AssistantMessage).where(
        AssistantMessage.owner_id == owner_id, AssistantMessage.application_id == application_id
    )
    if before is not None:
        query = query.where(AssistantMessage.id < before)
    newest_first = list(
        session.scalars(query.order_by(AssistantMessage.id.desc()).limit(limit + 1))
    )
    messages = list(reversed(newest_first[:limit]))
    return Conversation(
        application_id=application_id,
        assistant=assistant_info(settings),
        messages=[MessageOut.model_validate(message) for message in messages],
        has_earlier=len(newest_first) > limit,
        can_retry=_unanswered_question(session, owner_id, application_id) is not None,
        usage=usage_today(session, settings, owner_id),
    )


def daily_message_limit(session: Session, settings: Settings, owner_id: int) -> int:
    """Messages (and AI requests) the owner may send a day, 0 for no limit: the admin's
    override for them, else the instance's."""
    owner = storage.owner_override(session, owner_id)
    override = owner.max_assistant_messages_per_day if owner is not None else None
    return settings.ai_daily_messages_per_user if override is None else override


def usage_today(session: Session, settings: Settings, owner_id: int) -> UsageToday:
    today = utcnow().date()
    usage = session.get(AssistantUsage, (owner_id, today))
    used = usage.messages if usage else 0
    limit = daily_message_limit(session, settings, owner_id) or None
    return UsageToday(
        messages=used,
        daily_limit=limit,
        remaining=max(limit - used, 0) if limit else None,
        resets_at=_next_midnight(today),
        input_tokens=usage.input_tokens if usage else 0,
        output_tokens=usage.output_tokens if usage else 0,
    )


def ask(
    session: Session, settings: Settings, owner_id: int, application_id: int, text: str
) -> PendingAnswer:
    """Store the user's question, counted against the daily limit, ready for its answer.

    Everything that can be refused (unknown application, provider not configured, limit
    reached) is refused here, before anything is stored or streamed.
    """
    applications_service.get_application(session, owner_id, application_id)
    provider = provider_for(settings)
    storage.reserve_storage(
        session, settings, owner_id, storage.text_bytes(text), what="This message"
    )
    _count_message(session, settings, owner_id)
    question = AssistantMessage(
        owner_id=owner_id,
        application_id=application_id,
        role=MessageRole.USER,
        content=text,
        provider=provider.name,
        status=MessageStatus.COMPLETE,
    )
    session.add(question)
    session.flush()
    return _pending(session, settings, provider, question, retry=False)


def retry(
    session: Session, settings: Settings, owner_id: int, application_id: int
) -> PendingAnswer:
    """Send the last question again, replacing its failed or stopped answer; it counts again."""
    applications_service.get_application(session, owner_id, application_id)
    provider = provider_for(settings)
    question = _unanswered_question(session, owner_id, application_id)
    if question is None:
        raise Conflict("The last message already has its answer; there is nothing to retry.")
    _count_message(session, settings, owner_id)
    # Only failed or stopped answers can follow the last question, or it would be answered.
    session.execute(
        delete(AssistantMessage).where(
            AssistantMessage.owner_id == owner_id,
            AssistantMessage.application_id == application_id,
            AssistantMessage.id > question.id,
        )
    )
    return _pending(session, settings, provider, question, retry=True)


def clear(session: Session, owner_id: int, application_id: int) -> None:
    applications_service.get_application(session, owner_id, application_id)
    session.execute(
        delete(AssistantMessage).where(
            AssistantMessage.owner_id == owner_id,
            AssistantMessage.application_id == application_id,
        )
    )
    session.commit()


def save_answer(
    session: Session,
    pending: PendingAnswer,
    *,
    content: str,
    status: MessageStatus,
    usage: Usage,
    error: str | None,
) -> MessageOut | None:
    """Store the answer however it ended; None when its application was deleted meanwhile."""
    if usage.input_tokens or usage.output_tokens:
        # Recorded first and apart: the tokens were spent even if the answer cannot be kept.
        storage.lock_owner(session, pending.owner_id)
        day = _usage_row(session, pending.owner_id, utcnow().date())
        day.input_tokens += usage.input_tokens or 0
        day.output_tokens += usage.output_tokens or 0
        session.commit()
    content = content[:MAX_ANSWER_LENGTH]
    try:
        storage.reserve_storage(
            session,
            pending.settings,
            pending.owner_id,
            storage.text_bytes(content, error),
            what="The answer",
        )
    except QuotaExceeded as full:
        # Already shown to the user; kept as a failed answer that says why, to retry later.
        content, status, error = "", MessageStatus.FAILED, full.message
    answer = AssistantMessage(
        owner_id=pending.owner_id,
        application_id=pending.application_id,
        role=MessageRole.ASSISTANT,
        content=content,
        provider=pending.provider.name,
        model=pending.provider.model,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        status=status,
        error=error,
    )
    session.add(answer)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    log.info(
        "assistant answer %s: provider=%s status=%s tokens=%s/%s",
        answer.id,
        answer.provider,
        answer.status.value,
        answer.input_tokens,
        answer.output_tokens,
    )
    return MessageOut.model_validate(answer)


def _pending(
    session: Session,
    settings: Settings,
    provider: ChatProvider,
    question: AssistantMessage,
    *,
    retry: bool,
) -> PendingAnswer:
    context = build_context(session, question.owner_id, question.application_id)
    data = prompt.render_context(context, int(settings.ai_context_chars * CONTEXT_SHARE))
    earlier = _earlier_turns(session, question, budget=settings.ai_context_chars - len(data))
    request = ChatRequest(
        system_prompt=prompt.system_prompt(data),
        turns=_alternating([*earlier, Turn(role="user", content=question.content)]),
        context=context,
    )
    # Committed only now: the question and its count are kept together, and the connection
    # goes back to the pool before the (long) answer starts streaming.
    session.commit()
    return PendingAnswer(
        owner_id=question.owner_id,
        application_id=question.application_id,
        question=MessageOut.model_validate(question),
        provider=provider,
        request=request,
        retry=retry,
        settings=settings,
    )


def _earlier_turns(session: Session, question: AssistantMessage, *, budget: int) -> list[Turn]:
    """The turns before the question, newest kept first, within `budget` characters."""
    newest_first = session.scalars(
        select(AssistantMessage)
        .where(
            AssistantMessage.owner_id == question.owner_id,
            AssistantMessage.application_id == question.application_id,
            AssistantMessage.id < question.id,
        )
        .order_by(AssistantMessage.id.desc())
        .limit(MAX_EARLIER_MESSAGES)
    )
    turns: list[Turn] = []
    used = 0
    for message in newest_first:
        # A failed answer is an error, not something the assistant said.
        if message.status == MessageStatus.FAILED or not message.content.strip():
            continue
        used += len(message.content)
        if used > budget:
            break
        role: Literal["user", "assistant"] = (
            "user" if message.role == MessageRole.USER else "assistant"
        )
        turns.append(Turn(role=role, content=message.content))
    return list(reversed(turns))


def _alternating(turns: Sequence[Turn]) -> list[Turn]:
    """User first, then strictly alternating, as some chat templates require."""
    merged: list[Turn] = []
    for turn in turns:
        if not merged and turn.role == "assistant":
            continue
        if merged and merged[-1].role == turn.role:
            merged[-1] = Turn(role=turn.role, content=f"{merged[-1].content}\n\n{turn.content}")
        else:
            merged.append(turn)
    return merged


def _unanswered_question(
    session: Session, owner_id: int, application_id: int
) -> AssistantMessage | None:
    """The conversation's last question, when no complete answer follows it."""
    question = session.scalar(
        select(AssistantMessage)
        .where(
            AssistantMessage.owner_id == owner_id,
            AssistantMessage.application_id == application_id,
            AssistantMessage.role == MessageRole.USER,
        )
        .order_by(AssistantMessage.id.desc())
        .limit(1)
    )
    if question is None:
        return None
    answered = session.scalar(
        select(
            exists().where(
                AssistantMessage.owner_id == owner_id,
                AssistantMessage.application_id == application_id,
                AssistantMessage.id > question.id,
                AssistantMessage.status == MessageStatus.COMPLETE,
            )
        )
    )
    return None if answered else question


def count_ai_request(session: Session, settings: Settings, owner_id: int) -> None:
    """Count a request another feature makes to the model for the user (capture's AI fill)
    against the same daily limit as messages; DailyLimitReached (429) past it."""
    _count_message(session, settings, owner_id)


def _count_message(session: Session, settings: Settings, owner_id: int) -> None:
    """Count one message against today's limit, or refuse it with 429."""
    # Held until commit, so concurrent messages by one user are counted one at a time,
    # whichever app process serves them.
    storage.lock_owner(session, owner_id)
    today = utcnow().date()
    usage = _usage_row(session, owner_id, today)
    limit = daily_message_limit(session, settings, owner_id)
    if limit and usage.messages >= limit:
        raise DailyLimitReached(
            f"You have sent this instance's daily limit of {limit} messages to the assistant. "
            f"It resets at midnight UTC ({_time_until(_next_midnight(today))} from now); "
            "the admin can raise AI_DAILY_MESSAGES_PER_USER."
        )
    usage.messages += 1


def _usage_row(session: Session, owner_id: int, day: date) -> AssistantUsage:
    usage = session.get(AssistantUsage, (owner_id, day))
    if usage is None:
        usage = AssistantUsage(
            owner_id=owner_id, day=day, messages=0, input_tokens=0, output_tokens=0
        )
        session.add(usage)
    return usage


def _next_midnight(today: date) -> datetime:
    return datetime.combine(today + timedelta(days=1), time(), tzinfo=UTC)


def _time_until(moment: datetime) -> str:
    minutes = max(int((moment - utcnow()).total_seconds() // 60), 1)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of the owner's conversations with the assistant, for the storage quota."""
    return storage.bytes_stored(AssistantMessage.owner_id == owner_id, *STORED_TEXT)


def iter_messages(
    session: Session, owner_id: int, *, batch_size: int = 500
) -> Iterator[list[AssistantMessage]]:
    """Every message of the owner's conversations, in the order they were written, in batches."""
    query = (
        select(AssistantMessage)
        .where(AssistantMessage.owner_id == owner_id)
        .order_by(AssistantMessage.id)
        .execution_options(yield_per=batch_size)
    )
    for batch in session.scalars(query).partitions():
        yield list(batch)


@dataclass(frozen=True)
class RestoredMessage:
    """A message as a backup holds it, for an application restored with the new id."""

    application_id: int
    role: MessageRole
    content: str
    status: MessageStatus
    error: str | None
    provider: str
    model: str | None
    input_tokens: int | None
    output_tokens: int | None
    created_at: datetime


def restore_messages(session: Session, owner_id: int, messages: Sequence[RestoredMessage]) -> None:
    """Add them exactly as they were, in order; the caller commits.

    The day's usage counters are not touched: restored messages were counted where they
    were written.
    """
    applications_service.require_owned(
        session, owner_id, [message.application_id for message in messages]
    )
    session.add_all(
        AssistantMessage(
            owner_id=owner_id,
            application_id=restored.application_id,
            role=restored.role,
            content=restored.content,
            status=restored.status,
            error=restored.error,
            provider=restored.provider,
            model=restored.model,
            input_tokens=restored.input_tokens,
            output_tokens=restored.output_tokens,
            created_at=restored.created_at,
        )
        for restored in messages
    )
