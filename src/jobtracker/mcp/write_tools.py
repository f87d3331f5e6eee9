"""The write tools, for read-and-write tokens only; each answers the record it changed. Deleting
needs a token allowed to delete and an explicit confirmation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from jobtracker.applications.stages import EmploymentType, Priority, SalaryPeriod, Stage, WorkMode
from jobtracker.common import MAX_TAGS, Day, Tag
from jobtracker.contacts.schemas import ContactCreate
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.deliverables.schemas import DUE_AT_HELP, DeliverableCreate
from jobtracker.errors import InvalidInput
from jobtracker.mcp import changes
from jobtracker.mcp.schemas import (
    ApplicationId,
    ApplicationRecord,
    ContactRecord,
    DeletedApplication,
    DeliverableId,
    DeliverableRecord,
    DocumentId,
    DocumentRecord,
    NoteId,
    NoteRecord,
)
from jobtracker.mcp.service import Access, Backend, calling
from jobtracker.writing.models import WritingKind
from jobtracker.writing.schemas import WritingCreate

WRITING = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
ShortText = Annotated[str | None, Field(max_length=200)]
LongText = Annotated[str | None, Field(max_length=100_000)]
Tags = Annotated[list[Tag] | None, Field(max_length=MAX_TAGS, description="Replaces the tags")]
Salary = Annotated[int | None, Field(ge=0, le=1_000_000_000, description="A whole amount")]
Currency = Annotated[str | None, Field(max_length=3, description="Like EUR or USD")]
OptionalDay = Annotated[Day | None, Field(description="YYYY-MM-DD")]
PostingUrl = Annotated[
    str | None,
    Field(max_length=2000, description="The posting's address; it is fetched and read"),
]
PostingText = Annotated[
    str | None,
    Field(max_length=200_000, description="The posting's text, pasted; read instead of fetched"),
]
DueAt = Annotated[datetime | None, Field(description=DUE_AT_HELP)]
Clearable = Literal[
    "job_url",
    "location",
    "work_mode",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "source",
    "job_description",
    "notes",
    "applied_on",
    "deadline",
    "posted_on",
]


NOT_CONFIRMED = "Nothing was deleted: ask the user to confirm, then call again with confirm true."


def _given(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}


def register_write_tools(server: MCPServer, backend: Backend) -> None:
    _register_application_tools(server, backend)
    _register_related_tools(server, backend)
    _register_delete_tool(server, backend)


def _register_application_tools(server: MCPServer, backend: Backend) -> None:
    @server.tool(annotations=WRITING)
    def create_application(
        ctx: Context,
        company: ShortText = None,
        role: ShortText = None,
        url: PostingUrl = None,
        text: PostingText = None,
        stage: Stage = Stage.WISHLIST,
        priority: Priority = Priority.MEDIUM,
        location: ShortText = None,
        work_mode: WorkMode | None = None,
        employment_type: EmploymentType | None = None,
        salary_min: Salary = None,
        salary_max: Salary = None,
        salary_currency: Currency = None,
        salary_period: SalaryPeriod | None = None,
        source: ShortText = None,
        job_description: LongText = None,
        notes: LongText = None,
        applied_on: OptionalDay = None,
        deadline: OptionalDay = None,
        tags: Tags = None,
        allow_duplicate: bool = False,
    ) -> ApplicationRecord:
        """Add a job application. Give company and role, or a posting's url (fetched and read)
        or its pasted text, to fill the fields from; fields you give win over what is read.
        Refused when the posting is already tracked, unless allow_duplicate is true."""
        given = _given(
            company=company,
            role=role,
            stage=stage,
            priority=priority,
            location=location,
            work_mode=work_mode,
            employment_type=employment_type,
            salary_min=salary_min,
            salary_max=salary_max,
            salary_currency=salary_currency,
            salary_period=salary_period,
            source=source,
            job_description=job_description,
            notes=notes,
            applied_on=applied_on,
            deadline=deadline,
            tags=tags,
            job_url=url,
        )
        with calling(backend, ctx, "create_application", Access.WRITE) as call:
            return changes.create_application(
                call, given, url=url, text=text, allow_duplicate=allow_duplicate
            )

    @server.tool(annotations=WRITING)
    def update_application(
        application_id: ApplicationId,
        ctx: Context,
        company: ShortText = None,
        role: ShortText = None,
        priority: Priority | None = None,
        job_url: Annotated[str | None, Field(max_length=2000)] = None,
        location: ShortText = None,
        work_mode: WorkMode | None = None,
        employment_type: EmploymentType | None = None,
        salary_min: Salary = None,
        salary_max: Salary = None,
        salary_currency: Currency = None,
        salary_period: SalaryPeriod | None = None,
        source: ShortText = None,
        job_description: LongText = None,
        notes: LongText = None,
        applied_on: OptionalDay = None,
        deadline: OptionalDay = None,
        tags: Tags = None,
        clear: Annotated[list[Clearable], Field(max_length=20, description="Fields to empty")] = [],  # noqa: B006 - pydantic copies defaults
    ) -> ApplicationRecord:
        """Change fields of one application; only the fields given change (tags replace the
        old ones). Name fields in clear to empty them. Use move_stage to change the stage."""
        changed = _given(
            company=company,
            role=role,
            priority=priority,
            job_url=job_url,
            location=location,
            work_mode=work_mode,
            employment_type=employment_type,
            salary_min=salary_min,
            salary_max=salary_max,
            salary_currency=salary_currency,
            salary_period=salary_period,
            source=source,
            job_description=job_description,
            notes=notes,
            applied_on=applied_on,
            deadline=deadline,
            tags=tags,
        )
        with calling(backend, ctx, "update_application", Access.WRITE) as call:
            return changes.update_application(call, application_id, changed, list(clear))

    @server.tool(annotations=WRITING)
    def move_stage(application_id: ApplicationId, stage: Stage, ctx: Context) -> ApplicationRecord:
        """Move an application to another stage (wishlist, drafting, applied, screening,
        interview, offer, accepted, rejected, withdrawn, ghosted); the move is kept in its
        history, and moving to applied or later sets the applied date if it has none."""
        with calling(backend, ctx, "move_stage", Access.WRITE) as call:
            return changes.update_application(call, application_id, {"stage": stage}, [])


def _register_related_tools(server: MCPServer, backend: Backend) -> None:
    """Deliverables, notes and contacts of an application, and links to notes and documents."""

    @server.tool(annotations=WRITING)
    def add_deliverable(
        application_id: ApplicationId,
        title: Annotated[str, Field(max_length=200, description="What to do")],
        ctx: Context,
        kind: DeliverableKind = DeliverableKind.OTHER,
        due_at: DueAt = None,
        content: LongText = None,
        state: DeliverableState = DeliverableState.NOT_STARTED,
    ) -> DeliverableRecord:
        """Add a deliverable (a task the application asks for: an essay, a form, a coding
        task, a prep checklist item) with an optional due date and time."""
        given = _given(title=title, kind=kind, due_at=due_at, content=content, state=state)
        with calling(backend, ctx, "add_deliverable", Access.WRITE) as call:
            data = DeliverableCreate.model_validate(given)
            return changes.add_deliverable(call, application_id, data)

    @server.tool(annotations=WRITING)
    def complete_deliverable(deliverable_id: DeliverableId, ctx: Context) -> DeliverableRecord:
        """Mark a deliverable done."""
        with calling(backend, ctx, "complete_deliverable", Access.WRITE) as call:
            return changes.complete_deliverable(call, deliverable_id)

    @server.tool(annotations=WRITING)
    def add_note(
        title: Annotated[str, Field(max_length=200)],
        ctx: Context,
        body: Annotated[str, Field(max_length=100_000, description="Markdown")] = "",
        application_id: Annotated[
            ApplicationId | None, Field(description="The application to link it to, if any")
        ] = None,
        kind: WritingKind = WritingKind.NOTE,
        tags: Tags = None,
    ) -> NoteRecord:
        """Write a note (or a reusable answer, a cover letter draft, a thank-you), linked to
        an application when application_id is given."""
        given = _given(
            title=title,
            body=body,
            kind=kind,
            tags=tags,
            application_ids=[application_id] if application_id else None,
        )
        with calling(backend, ctx, "add_note", Access.WRITE) as call:
            return changes.add_note(call, WritingCreate.model_validate(given))

    @server.tool(annotations=WRITING)
    def add_contact(
        application_id: ApplicationId,
        name: Annotated[str, Field(max_length=200)],
        ctx: Context,
        role: ShortText = None,
        email: Annotated[str | None, Field(max_length=254)] = None,
        phone: Annotated[str | None, Field(max_length=50)] = None,
        notes: LongText = None,
    ) -> ContactRecord:
        """Add a person to an application: a recruiter, a hiring manager, an interviewer."""
        given = _given(name=name, role=role, email=email, phone=phone, notes=notes)
        with calling(backend, ctx, "add_contact", Access.WRITE) as call:
            return changes.add_contact(call, application_id, ContactCreate.model_validate(given))

    @server.tool(annotations=WRITING)
    def link_note(note_id: NoteId, application_id: ApplicationId, ctx: Context) -> NoteRecord:
        """Link an existing note to one more application (its other links stay)."""
        with calling(backend, ctx, "link_note", Access.WRITE) as call:
            return changes.link_note(call, note_id, application_id)

    @server.tool(annotations=WRITING)
    def link_document(
        document_id: DocumentId, application_id: ApplicationId, ctx: Context
    ) -> DocumentRecord:
        """Link an uploaded document (a resume, a cover letter) to one more application."""
        with calling(backend, ctx, "link_document", Access.WRITE) as call:
            return changes.link_document(call, document_id, application_id)


def _register_delete_tool(server: MCPServer, backend: Backend) -> None:
    @server.tool(annotations=ToolAnnotations(destructive_hint=True, open_world_hint=False))
    def delete_application(
        application_id: ApplicationId,
        confirm: Annotated[
            bool, Field(description="Must be true: the user confirmed deleting this one")
        ],
        ctx: Context,
    ) -> DeletedApplication:
        """Delete an application (moved to the Trash, restorable for 30 days). Only when the
        user asked for it: ask them first, then call with confirm true. Needs a token that
        is allowed to delete."""
        with calling(backend, ctx, "delete_application", Access.DELETE) as call:
            if confirm is not True:
                raise InvalidInput(NOT_CONFIRMED)
            return changes.delete_application(call, application_id)
