"""Routes for the assistant: an application's conversation, a streamed answer, retry, clear."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi.concurrency import run_in_threadpool

from jobtracker.assistant import service
from jobtracker.assistant.schemas import (
    Conversation,
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    Question,
    StartEvent,
)
from jobtracker.assistant.stream import EventStream, answer_stream
from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import MAX_ID, PathId
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api/applications", tags=["assistant"])

_ANSWER_STREAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "The answer as Server-Sent Events: `start` (the stored question), then `delta` "
            "events with the text as it is generated, then `done` (the stored answer, with "
            "tokens) or `error` (`code`, `message`, `status` 502/504/429, and the partial "
            "answer, stored as failed; the question is kept, and .../assistant/retry sends it "
            "again). Closing the connection stops the answer; what was written is stored as "
            "stopped. Refusals known before the answer starts come as JSON errors instead: "
            "404, 409 (retry with nothing to retry), 422, 429 (daily limit), 503 (the provider "
            "is not configured; the message names the setting)."
        ),
        "model": StartEvent | DeltaEvent | DoneEvent | ErrorEvent,
    }
}


@router.get("/{application_id}/assistant")
def read_conversation(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=service.MAX_CONVERSATION_PAGE)] = (
        service.MAX_CONVERSATION_PAGE
    ),
    before: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only messages before this id")
    ] = None,
) -> Conversation:
    return service.conversation(
        session, settings, user.id, application_id, limit=limit, before=before
    )


@router.post(
    "/{application_id}/assistant",
    status_code=status.HTTP_200_OK,
    response_class=EventStream,
    responses=_ANSWER_STREAM,
)
async def ask_assistant(
    application_id: PathId,
    body: Question,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> EventStream:
    pending = await run_in_threadpool(
        service.ask, session, settings, user.id, application_id, body.message
    )
    return answer_stream(pending, request.app.state.session_factory)


@router.post(
    "/{application_id}/assistant/retry",
    status_code=status.HTTP_200_OK,
    response_class=EventStream,
    responses=_ANSWER_STREAM,
)
async def retry_assistant(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> EventStream:
    pending = await run_in_threadpool(service.retry, session, settings, user.id, application_id)
    return answer_stream(pending, request.app.state.session_factory)


@router.delete("/{application_id}/assistant", status_code=status.HTTP_204_NO_CONTENT)
def clear_conversation(application_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.clear(session, user.id, application_id)
