"""One answer as Server-Sent Events: drives the provider, and stores the answer however it ends."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator
from contextlib import aclosing

import anyio
from fastapi.sse import format_sse_event
from pydantic import BaseModel
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from jobtracker.assistant import service
from jobtracker.assistant.models import MessageStatus
from jobtracker.assistant.providers.base import ProviderError, Usage
from jobtracker.assistant.schemas import DeltaEvent, DoneEvent, ErrorEvent, MessageOut, StartEvent
from jobtracker.assistant.service import PendingAnswer

log = logging.getLogger(__name__)


class EventStream(StreamingResponse):
    """A text/event-stream that stops producing the moment the client goes away."""

    media_type = "text/event-stream"

    def __init__(self, events: AsyncGenerator[bytes, None]) -> None:
        # no-cache and no proxy buffering: each event must reach the browser as it is made.
        super().__init__(events, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        self._events = events

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as group:

                async def stop_when_client_leaves() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    group.cancel_scope.cancel()

                group.start_soon(stop_when_client_leaves)
                # Newer ASGI servers report a gone client by failing the send.
                with contextlib.suppress(OSError):
                    await self.stream_response(send)
                group.cancel_scope.cancel()
        finally:
            # Whether it finished or not, the events' own clean-up (storing the answer) runs now.
            with anyio.CancelScope(shield=True):
                await self._events.aclose()


def answer_stream(pending: PendingAnswer, session_factory: sessionmaker[Session]) -> EventStream:
    return EventStream(_events(pending, session_factory))


async def _events(
    pending: PendingAnswer, session_factory: sessionmaker[Session]
) -> AsyncGenerator[bytes, None]:
    provider = pending.provider
    yield _event(
        "start",
        StartEvent(
            question=pending.question,
            provider=provider.name,
            model=provider.model,
            retry=pending.retry,
        ),
    )
    parts: list[str] = []
    usage = Usage()
    failure: ProviderError | None = None
    try:
        async with aclosing(provider.stream(pending.request)) as chunks:
            async for chunk in chunks:
                if isinstance(chunk, Usage):
                    usage = chunk
                    continue
                parts.append(chunk)
                yield _event("delta", DeltaEvent(text=chunk))
    except ProviderError as error:
        failure = error
    except Exception as error:
        # Only the type: an SDK's message may quote the request it was making.
        log.error("assistant provider %s failed: %s", provider.name, type(error).__name__)
        failure = ProviderError.unexpected()
    except BaseException:
        # Cancelled or closed: the client went away (the stop button). Keep what was written.
        await _save(pending, session_factory, parts, usage, MessageStatus.STOPPED, None)
        raise
    if failure is None:
        answer = await _save(pending, session_factory, parts, usage, MessageStatus.COMPLETE, None)
        yield _event("done", DoneEvent(answer=answer))
        return
    log.warning("assistant provider %s failed: %s", provider.name, failure.code)
    answer = await _save(
        pending, session_factory, parts, usage, MessageStatus.FAILED, failure.message
    )
    yield _event(
        "error",
        ErrorEvent(
            code=failure.code, message=failure.message, status=failure.status, answer=answer
        ),
    )


async def _save(
    pending: PendingAnswer,
    session_factory: sessionmaker[Session],
    parts: list[str],
    usage: Usage,
    status: MessageStatus,
    error: str | None,
) -> MessageOut | None:
    def save() -> MessageOut | None:
        with session_factory() as session:
            return service.save_answer(
                session, pending, content="".join(parts), status=status, usage=usage, error=error
            )

    try:
        # Shielded: after a disconnect this runs inside a cancelled scope, and must still finish.
        with anyio.CancelScope(shield=True):
            answer = await anyio.to_thread.run_sync(save)
    except Exception as problem:
        log.error("assistant answer not stored: %s", type(problem).__name__)
        return None
    return answer


def _event(name: str, payload: BaseModel) -> bytes:
    return format_sse_event(event=name, data_str=payload.model_dump_json())
