"""Resources and prompts: each application as `jobtracker://applications/{id}` (the most recently
changed listed), and prompts for the weekly review and an interview's preparation that carry
the user's real data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from typing import Annotated, Any

import anyio
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, ListResourcesResult, Resource
from pydantic import BaseModel, Field

from jobtracker.common import MAX_ID
from jobtracker.errors import AppError, NotFound
from jobtracker.mcp import reading
from jobtracker.mcp.schemas import MAX_ITEMS
from jobtracker.mcp.service import Backend, calling, message_for

APPLICATION_URI = "jobtracker://applications/{application_id}"
# Prompt arguments are strings on the wire; the id is read from it.
PromptApplicationId = Annotated[
    str, Field(description="The application's id (a number), from search_applications")
]
JSON = "application/json"
RECENT_IN_REVIEW = 10


def application_uri(application_id: int) -> str:
    return APPLICATION_URI.format(application_id=application_id)


def _application_id(given: str) -> int:
    if not given.isdigit() or not 1 <= int(given) <= MAX_ID:
        raise NotFound(f"Application {given[:20]!r} was not found: give a number, like 12.")
    return int(given)


def _as_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=1)


@contextmanager
def _resource_errors() -> Iterator[None]:
    try:
        yield
    except NotFound as missing:
        raise ResourceNotFoundError(missing.message) from missing
    except AppError as refused:
        raise ResourceError(refused.message) from refused


@contextmanager
def _as_protocol_errors() -> Iterator[None]:
    try:
        yield
    except AppError as refused:
        raise MCPError(code=INVALID_PARAMS, message=message_for(refused)) from refused


class RecentApplicationsListed:
    """Answers resources/list with the caller's most recently changed applications.

    MCPServer lists only resources registered up front; these are the caller's own, so the
    list is made per request, after the token is checked like any other call.
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        if ctx.method != "resources/list":
            return await call_next(ctx)
        return await anyio.to_thread.run_sync(partial(self._recent, ctx))

    def _recent(self, ctx: ServerRequestContext[Any, Any]) -> ListResourcesResult:
        with _as_protocol_errors(), calling(self.backend, ctx, "list_resources") as call:
            page = reading.search(
                call.session, call.user, reading.Search(), limit=MAX_ITEMS, offset=0
            )
        return ListResourcesResult(
            resources=[
                Resource(
                    uri=application_uri(application.id),
                    name=f"{application.company}: {application.role}",
                    description=f"Job application, {application.stage.value}",
                    mime_type=JSON,
                )
                for application in page.items
            ]
        )


def register_resources(server: MCPServer, backend: Backend) -> None:
    server.middleware.append(RecentApplicationsListed(backend))

    @server.resource(APPLICATION_URI, name="application", mime_type=JSON)
    def application(application_id: str, ctx: Context) -> str:
        """One job application with its deliverables, contacts, notes, documents and
        interviews, as JSON (the same as the get_application tool)."""
        with _resource_errors(), calling(backend, ctx, "read_resource") as call:
            wanted = _application_id(application_id)
            return _as_json(reading.application_detail(call.session, call.user, wanted))


def register_prompts(server: MCPServer, backend: Backend) -> None:
    @server.prompt(title="Weekly review")
    def weekly_review(ctx: Context) -> str:
        """Review the past week of the job search and plan the next one, from the tracker's
        real figures, what is due, and the applications that moved lately."""
        with _as_protocol_errors(), calling(backend, ctx, "weekly_review") as call:
            upcoming = reading.upcoming(call.session, call.user, 7)
            figures = reading.dashboard(call.session, call.user)
            recent = reading.search(
                call.session, call.user, reading.Search(), limit=RECENT_IN_REVIEW, offset=0
            )
        since = upcoming.today - timedelta(days=7)
        data = {
            "today": upcoming.today.isoformat(),
            "dashboard": figures.model_dump(mode="json"),
            "coming_up_in_7_days": upcoming.model_dump(mode="json"),
            "recently_changed_applications": [
                item.model_dump(mode="json")
                for item in recent.items
                if item.updated_at.date() >= since
            ],
        }
        return (
            "Give me my weekly job-search review. Using the data below from my tracker: say in "
            "a few sentences how the week went (applications sent, responses, interviews), "
            "list what is due or overdue in the next 7 days with the most urgent first, point "
            "out applications that have gone quiet and deserve a follow-up, and suggest three "
            "concrete goals for next week. Refer to applications by company and role.\n\n"
            + json.dumps(data, indent=1)
        )

    @server.prompt(title="Prepare for an interview")
    def prepare_for_interview(application_id: PromptApplicationId, ctx: Context) -> str:
        """Prepare for an interview for one application: the posting, the people, the notes
        and the scheduled interviews, turned into a preparation plan."""
        with _as_protocol_errors(), calling(backend, ctx, "prepare_for_interview") as call:
            wanted = _application_id(application_id)
            detail = reading.application_detail(call.session, call.user, wanted)
        record = detail.application
        upcoming = [interview for interview in detail.interviews if interview.outcome is None]
        next_one = (
            f"The next interview is a {upcoming[0].kind.value} interview at "
            f"{upcoming[0].local_start} ({upcoming[0].time_zone})."
            if upcoming
            else "No interview is scheduled in the tracker yet."
        )
        return (
            f"Help me prepare for my interview with {record.company} for the {record.role} "
            f"role. {next_one} From the application below (the job description, my notes, the "
            "people I will meet, my documents and earlier interviews): summarise what the role "
            "asks for, list likely questions with points I could make from my own notes, "
            "suggest questions for me to ask each person, and give a short checklist for the "
            "day before. Offer to add the checklist as deliverables.\n\n" + _as_json(detail)
        )
