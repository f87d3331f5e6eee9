"""The read tools: search, one application in full, what is coming up, the dashboard, tags, and
a document's text. Any valid token may call them."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from jobtracker.applications.stages import Stage
from jobtracker.common import MAX_FILTER_VALUES, Day, Tag
from jobtracker.mcp import reading
from jobtracker.mcp.schemas import (
    MAX_ITEMS,
    ApplicationDetail,
    ApplicationId,
    ApplicationPage,
    Dashboard,
    DocumentId,
    DocumentText,
    TagList,
    Upcoming,
)
from jobtracker.mcp.service import Backend, calling

READING = ToolAnnotations(read_only_hint=True, open_world_hint=False)

SearchText = Annotated[
    str | None,
    Field(max_length=200, description="Words to find in company, role, location or notes"),
]
Stages = Annotated[
    list[Stage], Field(max_length=len(Stage), description="Only applications in these stages")
]
Tags = Annotated[
    list[Tag],
    Field(max_length=MAX_FILTER_VALUES, description="Only applications with all of these tags"),
]
DayBound = Annotated[Day | None, Field(description="A day, YYYY-MM-DD (included)")]
Sort = Literal["-updated_at", "-created_at", "deadline", "-applied_on", "company", "-priority"]
PageSize = Annotated[int, Field(ge=1, le=MAX_ITEMS, description=f"At most {MAX_ITEMS}")]
Offset = Annotated[int, Field(ge=0, le=1_000_000, description="Where the page starts")]
Days = Annotated[int, Field(ge=1, le=90, description="How many days ahead to look (1-90)")]
TextOffset = Annotated[
    int, Field(ge=0, le=100_000_000, description="Character to start at (next_offset)")
]


def register_read_tools(server: MCPServer, backend: Backend) -> None:
    @server.tool(annotations=READING)
    def search_applications(
        ctx: Context,
        text: SearchText = None,
        stages: Stages | None = None,
        tags: Tags | None = None,
        applied_from: DayBound = None,
        applied_to: DayBound = None,
        deadline_from: DayBound = None,
        deadline_to: DayBound = None,
        include_archived: bool = False,
        sort: Sort = "-updated_at",
        limit: PageSize = 20,
        offset: Offset = 0,
    ) -> ApplicationPage:
        """Find the user's job applications by words, stage, tag, applied date or deadline.

        Answers one page (id, company, role, stage, dates, tags); pass next_offset as offset
        for the next. Use get_application with an id for everything about one application.
        Archived applications are left out unless include_archived is true.
        """
        wanted = reading.Search(
            text=text,
            stages=tuple(stages or ()),
            tags=tuple(tags or ()),
            applied_from=applied_from,
            applied_to=applied_to,
            deadline_from=deadline_from,
            deadline_to=deadline_to,
            include_archived=include_archived,
            sort=sort,
        )
        with calling(backend, ctx, "search_applications") as call:
            return reading.search(call.session, call.user, wanted, limit=limit, offset=offset)

    @server.tool(annotations=READING)
    def get_application(application_id: ApplicationId, ctx: Context) -> ApplicationDetail:
        """Everything about one job application: its fields, job description and notes, its
        deliverables (tasks with due dates), contacts, linked notes, documents (by name) and
        interviews. Long texts are cut with a '[... truncated' marker."""
        with calling(backend, ctx, "get_application") as call:
            return reading.application_detail(call.session, call.user, application_id)

    @server.tool(annotations=READING)
    def list_upcoming(ctx: Context, days: Days = 7) -> Upcoming:
        """What is coming up in the next days: deliverables due (and any overdue), deadlines
        to apply by, and interviews. Use it for "what's due this week?"."""
        with calling(backend, ctx, "list_upcoming") as call:
            return reading.upcoming(call.session, call.user, days)

    @server.tool(annotations=READING)
    def get_dashboard(ctx: Context) -> Dashboard:
        """The job search in figures: applications, active ones, offers, response, interview
        and offer rates, median days to a first response, deliverables due or overdue, and
        how many applications are in each stage."""
        with calling(backend, ctx, "get_dashboard") as call:
            return reading.dashboard(call.session, call.user)

    @server.tool(annotations=READING)
    def list_tags(ctx: Context) -> TagList:
        """The tags on the user's applications and how many applications carry each."""
        with calling(backend, ctx, "list_tags") as call:
            return reading.tags(call.session, call.user)

    @server.tool(annotations=READING)
    def read_document_text(
        document_id: DocumentId, ctx: Context, offset: TextOffset = 0
    ) -> DocumentText:
        """The text read from one of the user's documents (a resume, a cover letter), up to
        50,000 characters at a time; when truncated, call again with next_offset."""
        with calling(backend, ctx, "read_document_text") as call:
            return reading.document_text(call.session, call.user, document_id, offset)
