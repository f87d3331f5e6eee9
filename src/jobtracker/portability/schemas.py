"""Shapes of the portability API: the calendar feed, CSV import previews, and the backup format."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Base64Bytes,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from jobtracker.applications.board_schemas import BoardLayoutIn
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.applications.stages import Stage
from jobtracker.assistant.models import MessageRole, MessageStatus
from jobtracker.assistant.schemas import MAX_ANSWER_LENGTH
from jobtracker.common import MAX_STORED_INT, LongText, RequiredShortText, Tags
from jobtracker.contacts.schemas import ContactCreate
from jobtracker.deliverables.schemas import DeliverableCreate, UtcMoment
from jobtracker.documents.models import DocumentKind, MediaType
from jobtracker.insight.goals_schemas import WeeklyGoalsUpdate
from jobtracker.interviews.models import InterviewKind
from jobtracker.interviews.schemas import MAX_CONTACTS, Duration, InterviewFields
from jobtracker.interviews.service import MAX_INTERVIEWS_PER_APPLICATION
from jobtracker.nudges.schemas import NudgeRulesUpdate
from jobtracker.time_zones import ZoneName
from jobtracker.writing.models import WritingKind
from jobtracker.writing.schemas import MAX_LINKS

# ---- Calendar feed ----


class CalendarFeed(BaseModel):
    active: bool = Field(description="Whether the user has a calendar feed")
    url: str | None = Field(
        description="The feed's private address. Only the answer that creates the token holds "
        "it: the server keeps just a hash, so it cannot show it again (regenerate instead)."
    )
    webcal_url: str | None = Field(
        description="The same address as webcal://, which calendar apps open to subscribe"
    )


# ---- CSV import ----

ImportFieldName = Literal[
    "company",
    "role",
    "stage",
    "priority",
    "tags",
    "job_url",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "employment_type",
    "posted_on",
    # Import only: one cell like "$150k-180k" read into the three salary fields.
    "salary",
    "source",
    "applied_on",
    "deadline",
    "job_description",
    "notes",
]
ColumnMapping = dict[str, ImportFieldName | None]


class ImportField(BaseModel):
    name: ImportFieldName
    label: str
    required: bool
    help: str


class ParsedRow(BaseModel):
    line: int = Field(description="Line of the file the row starts on (the header is line 1)")
    values: dict[str, Any] = Field(
        description="What will be created; for a row with errors, the cells as read"
    )
    errors: dict[str, str] = Field(description="Field → what is wrong; empty when the row is valid")


class ImportCounts(BaseModel):
    rows: int = Field(description="Rows below the header")
    valid: int = Field(description="Rows that import: created, or updating what they match")
    invalid: int = Field(description="Rows with a problem to fix (a cell, or a status to map)")
    to_create: int
    to_update: int = Field(description="Duplicates that will update the application they match")
    duplicates_skipped: int
    problems: int = Field(description="Rows with a cell to fix")
    awaiting_stage: int = Field(description="Rows whose status word needs a stage chosen")
    left_out: int = Field(description="Rows the user chose to leave out")


class ImportQuota(BaseModel):
    limit: int | None = Field(description="Applications per user; null when unlimited")
    used: int
    available: int | None = Field(description="How many more may be added; null when unlimited")
    fits: int = Field(description="How many of the rows this file would create fit")


# ---- The user's answers to the preview's questions (the `options` form field) ----

MAX_STATUS_ANSWERS = 200
MAX_COLUMN_ANSWERS = 200
MAX_FIXED_ROWS = 2_000
MAX_FIXES_PER_ROW = 50
MAX_SKIPPED_LINES = 10_000
# A file line: the header is line 1, and a file holds at most 10,000 rows of many lines each.
MAX_LINE = 10_000_000
# A fixed cell holds at most what the longest field (notes, job description) takes.
MAX_CELL_LENGTH = 100_000

ColumnName = Annotated[str, StringConstraints(min_length=1, max_length=200)]
StatusWord = Annotated[str, StringConstraints(min_length=1, max_length=200)]
CellText = Annotated[str, StringConstraints(max_length=MAX_CELL_LENGTH)]
FileLine = Annotated[int, Field(ge=2, le=MAX_LINE)]
DateOrderName = Literal["month_first", "day_first"]
ExtraPlacement = Literal["notes", "tags"]
DuplicateChoice = Literal["skip", "update"]


class ImportOptions(BaseModel):
    """What the user answered in the preview; everything optional, the preview's choice meant."""

    model_config = ConfigDict(extra="forbid")

    sheet: ColumnName | None = Field(
        default=None, description="The workbook sheet to read; null: the first"
    )
    status_map: dict[StatusWord, Stage] = Field(
        default_factory=dict,
        max_length=MAX_STATUS_ANSWERS,
        description="Status value as written in the file → the stage it becomes",
    )
    date_orders: dict[ColumnName, DateOrderName] = Field(
        default_factory=dict,
        max_length=MAX_COLUMN_ANSWERS,
        description="Date column → how its slashed dates are written",
    )
    extra_columns: dict[ColumnName, ExtraPlacement | None] = Field(
        default_factory=dict,
        max_length=MAX_COLUMN_ANSWERS,
        description="Column mapped to no field → into notes, into tags, or null: left out",
    )
    fixes: dict[
        FileLine, Annotated[dict[ColumnName, CellText], Field(max_length=MAX_FIXES_PER_ROW)]
    ] = Field(
        default_factory=dict,
        max_length=MAX_FIXED_ROWS,
        description="Line → {column: the cell's new text}, applied before the row is read",
    )
    skip_lines: list[FileLine] = Field(
        default_factory=list,
        max_length=MAX_SKIPPED_LINES,
        description="Lines to leave out",
    )
    duplicates: DuplicateChoice = Field(
        default="skip",
        description="Rows matching an application you have: skip them, or update that one "
        "with the fields the file gives",
    )


# ---- What the preview answers ----


class ImportFormat(BaseModel):
    name: str
    description: str = Field(description='For a person: "Looks like a Teal export"')


class StatusQuestion(BaseModel):
    value: str = Field(description="The status as written in the file")
    rows: int
    stage: Stage | None = Field(description="The stage it becomes; null until one is chosen")
    known: bool = Field(description="Whether the stage was recognised rather than asked")


class DateColumn(BaseModel):
    column: str
    field: ImportFieldName
    order: DateOrderName
    ambiguous: bool = Field(description="No value settles the order: the user should choose")


class ExtraColumn(BaseModel):
    column: str
    placement: ExtraPlacement | None = Field(description="Into notes, tags, or null: left out")
    sample: str | None = Field(description="The column's first value that is not blank")


class DuplicateRow(BaseModel):
    line: int
    company: str
    role: str
    matched_id: int | None = Field(description="The application it matches; null for a row")
    matched_line: int | None = Field(description="The earlier row of this file it repeats")
    matched_company: str
    matched_role: str
    matched_stage: Stage | None
    action: Literal["skip", "update"]


class RowProblem(BaseModel):
    line: int
    column: str | None = Field(description="The file's column holding the cell to fix")
    field: str = Field(description="The field's label")
    value: str = Field(description="The cell as the file has it (or as fixed)")
    message: str = Field(description='What is wrong: "Row 14, Applied on: …"')


class ImportPreview(BaseModel):
    """What an import of this file with this mapping would create; nothing is written."""

    columns: list[str] = Field(description="The file's column headers, made unique")
    mapping: ColumnMapping = Field(description="Column → field; null columns are ignored")
    missing_fields: list[ImportFieldName] = Field(description="Required fields no column maps to")
    fields: list[ImportField] = Field(description="Every field a column can be mapped to")
    encoding: str = Field(description="utf-8, utf-16 or cp1252 (Windows-1252)")
    delimiter: str
    notes: list[str] = Field(description="Things worth checking, e.g. the encoding guessed")
    format: ImportFormat | None = Field(description="The tool whose export this looks like")
    sheets: list[str] = Field(description="A workbook's sheets; empty for a CSV file")
    sheet: str | None = Field(description="The sheet read")
    sample: list[list[str]] = Field(description="The first rows below the header, as read")
    rows: list[ParsedRow] = Field(description="The first rows, parsed with the mapping")
    invalid_rows: list[ParsedRow] = Field(description="Rows with errors (the first 500)")
    statuses: list[StatusQuestion] = Field(description="Every distinct status value, most first")
    date_columns: list[DateColumn]
    extra_columns: list[ExtraColumn] = Field(description="Columns mapped to no field")
    duplicates: list[DuplicateRow] = Field(description="Rows that are already tracked (500 first)")
    problems: list[RowProblem] = Field(description="Cells to fix (the first 500)")
    counts: ImportCounts
    quota: ImportQuota


class ImportResult(BaseModel):
    imported: int = Field(description="Applications created")
    updated: int = Field(description="Applications updated from a duplicate row")
    skipped: int = Field(description="Duplicate rows not imported")
    left_out: int = Field(description="Rows not imported: with a problem, or left out")
    application_ids: list[int] = Field(description="The applications created")
    updated_ids: list[int]


class ImportProgress(BaseModel):
    """One line of the streamed import (Accept: application/x-ndjson)."""

    done: int
    total: int


# ---- Backup format, version 2 (version 1, without interviews, still restores) ----

BACKUP_FORMAT = "jobtracker-backup"
BACKUP_VERSION = 2
READABLE_VERSIONS = (1, 2)

# A failed answer's error is the server's own short message.
MAX_ERROR_LENGTH = 2_000
Ref = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# What an Integer column holds: 10**30 tokens would be refused by the database mid-restore.
StoredCount = Annotated[int, Field(ge=0, le=MAX_STORED_INT)]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BackupStageEvent(_Record):
    from_stage: Stage | None
    to_stage: Stage
    at: UtcMoment


class BackupDeliverable(DeliverableCreate):
    done_at: UtcMoment | None = None
    created_at: UtcMoment
    updated_at: UtcMoment


class BackupContact(ContactCreate):
    created_at: UtcMoment
    updated_at: UtcMoment


class BackupInterview(InterviewFields):
    kind: InterviewKind
    starts_at: UtcMoment
    time_zone: ZoneName
    duration_minutes: Duration
    contacts: list[Annotated[int, Field(ge=0)]] = Field(
        default=[],
        max_length=MAX_CONTACTS,
        description="Positions (from 0) in this application's contacts of the people met",
    )
    created_at: UtcMoment
    updated_at: UtcMoment


class BackupApplication(ApplicationCreate):
    ref: Ref = Field(description="Stands for the application inside this backup (ids are not kept)")
    created_at: UtcMoment
    updated_at: UtcMoment
    # Archived ones are backed up as archived; the trash is left out of backups.
    archived_at: UtcMoment | None = None
    stage_events: list[BackupStageEvent] = []
    deliverables: list[BackupDeliverable] = []
    contacts: list[BackupContact] = []
    interviews: list[BackupInterview] = Field(default=[], max_length=MAX_INTERVIEWS_PER_APPLICATION)

    @model_validator(mode="after")
    def _interviews_name_its_contacts(self) -> BackupApplication:
        for interview in self.interviews:
            if any(position >= len(self.contacts) for position in interview.contacts):
                raise ValueError(
                    f"an interview names a contact this application does not have "
                    f"(it has {len(self.contacts)})"
                )
        return self


class BackupWriting(_Record):
    title: RequiredShortText
    kind: WritingKind = WritingKind.NOTE
    body: LongText = ""
    tags: Tags = []
    applications: list[Ref] = Field(default=[], max_length=MAX_LINKS)
    created_at: UtcMoment
    updated_at: UtcMoment


class BackupDocument(_Record):
    filename: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    media_type: MediaType
    size_bytes: int = Field(ge=0, le=MAX_STORED_INT)
    sha256: Sha256Hex
    content_base64: Base64Bytes
    extracted_text: Annotated[str, StringConstraints(max_length=2_000_000)] = ""
    extraction_note: Annotated[str, StringConstraints(max_length=500)] | None = None
    applications: list[Ref] = []
    created_at: UtcMoment
    updated_at: UtcMoment
    # Backups made before kinds and versions have none of these: the kind is then guessed.
    ref: Ref | None = Field(
        default=None, description="Stands for the document inside this backup, when named"
    )
    kind: DocumentKind | None = None
    family: Ref | None = Field(default=None, description="The ref of its first version")


class BackupSentDocument(_Record):
    """The resume or cover letter an application went out with; `document` is null once the
    document was deleted (its name is kept)."""

    application: Ref
    kind: Literal[DocumentKind.RESUME, DocumentKind.COVER_LETTER]
    document: Ref | None = None
    filename: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    chosen_at: UtcMoment


class BackupMessage(_Record):
    application: Ref
    role: MessageRole
    content: Annotated[str, StringConstraints(max_length=MAX_ANSWER_LENGTH)]
    status: MessageStatus = MessageStatus.COMPLETE
    error: Annotated[str, StringConstraints(max_length=MAX_ERROR_LENGTH)] | None = None
    provider: Annotated[str, StringConstraints(max_length=32)]
    model: Annotated[str, StringConstraints(max_length=200)] | None = None
    input_tokens: StoredCount | None = None
    output_tokens: StoredCount | None = None
    created_at: UtcMoment


class BackupUser(BaseModel):
    """Who it was exported from; shown, never used to choose the account restored into."""

    email: str
    display_name: str


class BackupPreferences(BaseModel):
    """The account's own settings, which a restore applies; what is left out stays as it is
    (backups made before these were kept have none). Digests are not among them: they are
    opted in to afresh on each instance."""

    model_config = ConfigDict(extra="forbid")

    time_zone: ZoneName | None = None
    board_layout: BoardLayoutIn | None = None
    nudge_rules: NudgeRulesUpdate | None = None
    weekly_goals: WeeklyGoalsUpdate | None = None


class Backup(_Record):
    format: Literal["jobtracker-backup"]
    version: Literal[1, 2]
    exported_at: UtcMoment
    user: BackupUser
    preferences: BackupPreferences | None = None
    applications: list[BackupApplication] = []
    writing: list[BackupWriting] = []
    documents: list[BackupDocument] = []
    sent_documents: list[BackupSentDocument] = []
    assistant_messages: list[BackupMessage] = []


class RestoreResult(BaseModel):
    applications: int
    deliverables: int
    contacts: int
    interviews: int = 0
    writing: int
    documents: int
    assistant_messages: int
