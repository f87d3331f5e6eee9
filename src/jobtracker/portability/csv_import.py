"""Applications from a spreadsheet: columns mapped to fields, questions answered, good rows in.

The preview reads the file with the user's answers so far (`ImportOptions`) and says what
each row would become; the import takes the rows that are ready and leaves the others out,
never letting one bad row block the rest. Rows are read one at a time and written in
batches, so a 10,000-row file never holds all its applications in memory at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.duplicates import DuplicateFinder, TrackedApplication
from jobtracker.applications.schemas import ApplicationCreate, ApplicationUpdate
from jobtracker.applications.stages import (
    EmploymentType,
    Priority,
    SalaryPeriod,
    Stage,
    WorkMode,
)
from jobtracker.auth.models import User
from jobtracker.capture.vocabulary import employment_type_from_word, period_from_word
from jobtracker.config import Settings
from jobtracker.db import utcnow
from jobtracker.errors import InvalidInput
from jobtracker.portability.columns import (
    COLUMNS,
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    neutralise,
    restore,
)
from jobtracker.portability.csv_reading import CsvRow, CsvTable, read_table
from jobtracker.portability.import_formats import KnownFormat, detect_format, suggest_mapping
from jobtracker.portability.import_values import (
    DateOrder,
    ImportedSalary,
    column_date_order,
    date_order_is_ambiguous,
    is_placeholder,
    parse_date,
    parse_salary,
    stage_from_word,
)
from jobtracker.portability.schemas import (
    ColumnMapping,
    DateColumn,
    DuplicateRow,
    ExtraColumn,
    ExtraPlacement,
    ImportCounts,
    ImportFieldName,
    ImportFormat,
    ImportOptions,
    ImportPreview,
    ImportProgress,
    ImportQuota,
    ImportResult,
    ParsedRow,
    RowProblem,
    StatusQuestion,
)
from jobtracker.validation_messages import plain_message

SAMPLE_ROWS = 5
PREVIEW_ROWS = 20
MAX_LISTED_INVALID_ROWS = 500
MAX_LISTED_PROBLEMS = 500
MAX_LISTED_DUPLICATES = 500
MAX_LISTED_STATUSES = 200
# Rows written per flush: large enough for batched inserts, small enough to bound memory.
BATCH_SIZE = 500

# Rows read to decide whether a guessed column's values suit its field.
GUESS_SAMPLE_ROWS = 50
_DATE_FIELDS = frozenset({"applied_on", "deadline", "posted_on"})
_NUMBER_FIELDS = frozenset({"salary_min", "salary_max"})
_CHOICES: dict[str, type[Priority] | type[WorkMode]] = {"priority": Priority, "work_mode": WorkMode}
# Fields where "N/A", "-" or "none" mean an empty cell rather than a value (Huntr writes "-"
# and JobSync "N/A" in every empty cell); the company, role and notes keep them as written.
_PLACEHOLDER_FIELDS = _DATE_FIELDS | _NUMBER_FIELDS | {*_CHOICES, "stage", "salary"} | {
    "salary_period", "employment_type",
    "job_url", "location", "source", "salary_currency", "tags", "job_description",
}  # fmt: skip
_SALARY_PARTS = ("salary_min", "salary_max", "salary_currency")
# Kept exactly as written (only blank counts as empty); other text is trimmed.
_LONG_TEXT_FIELDS = frozenset({"job_description", "notes"})
# Thousands separators people type in salaries: "70,000", "70 000", "70'000", "70_000".
_DIGIT_GROUPING = str.maketrans("", "", ", '_\u00a0\u202f")
_MAPPING = TypeAdapter(ColumnMapping)
_OPTIONS = TypeAdapter(ImportOptions)
_LABELS = {field.name: field.label for field in IMPORT_FIELDS} | {"row": "The row"}
# Columns our own export writes for people and never reads back: left out unless asked for.
_EXPORT_ONLY_HEADERS = frozenset(column.header for column in COLUMNS if column.field is None)
# How the answers are named when one is refused.
_OPTION_LABELS = {
    "sheet": "Sheet",
    "status_map": "Stage for a status",
    "date_orders": "Date order",
    "extra_columns": "Columns without a field",
    "fixes": "Fixed cells",
    "skip_lines": "Rows left out",
    "duplicates": "Duplicates",
}
EXTRA_SEPARATOR = " · "
PROBLEM_HEADER = "Problem"

RowAction = Literal["create", "update", "duplicate", "problem", "awaiting_stage", "left_out"]


# ---- Reading the form fields ----


def read_mapping(raw: str | None) -> ColumnMapping | None:
    """The `mapping` form field: JSON `{"CSV column": "field" or null}`; absent means "guess"."""
    if raw is None or not raw.strip():
        return None
    try:
        return _MAPPING.validate_json(raw)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        detail = f"{where}: {problem['msg']}" if where else problem["msg"]
        raise InvalidInput(
            f"The column mapping is not valid ({detail}).",
            fields={"mapping": 'JSON like {"Company name": "company", "Ignored column": null}'},
        ) from None


def read_options(raw: str | None) -> ImportOptions:
    """The `options` form field: the answers to the preview's questions; absent means none."""
    if raw is None or not raw.strip():
        return ImportOptions()
    try:
        return _OPTIONS.validate_json(raw)
    except ValidationError as error:
        problem = error.errors()[0]
        location = [str(part) for part in problem["loc"]]
        if problem["type"] == "json_invalid" or not location:
            where, message = "The choices", "send them as a JSON object"
        else:
            named = [_OPTION_LABELS.get(location[0], location[0]), *location[1:2]]
            where, message = " > ".join(named), plain_message(problem)
        raise InvalidInput(
            f"The import choices are not valid ({where}: {message}). Reload the page and "
            "choose again.",
            fields={"options": f"{where}: {message}"},
        ) from None


# ---- The file read with the user's answers ----


@dataclass(frozen=True)
class ImportPlan:
    """How every row will be read: the mapping, the stage of each status word, date orders,
    where unmapped columns go, the fixes and the rows left out."""

    table: CsvTable
    mapping: ColumnMapping
    options: ImportOptions
    date_columns: list[DateColumn]
    extras: dict[str, ExtraPlacement | None]
    # Status words (normalised) the user answered, then the ones read without asking.
    answered_stages: dict[str, Stage]
    format: KnownFormat | None = None
    format_stages: dict[str, Stage] = field(default_factory=dict)

    @property
    def date_orders(self) -> dict[str, DateOrder]:
        return {column.field: column.order for column in self.date_columns}

    def stage_for(self, word: str) -> tuple[Stage | None, bool]:
        """The stage a status word becomes, and whether it was known without asking."""
        key = _status_key(word)
        known = self.format_stages.get(key) or stage_from_word(word)
        answered = self.answered_stages.get(key)
        return answered or known, known is not None


def read_plan(content: bytes, mapping: ColumnMapping | None, options: ImportOptions) -> ImportPlan:
    table = read_table(content, sheet=options.sheet)
    known = detect_format(table.columns)
    if mapping is None:
        known, mapping = suggest_mapping(table.columns, partial(_suits, table))
    mapping = _checked_mapping(table, mapping)
    _check_fixes(table, options)
    date_columns = []
    for column, mapped in mapping.items():
        if mapped not in _DATE_FIELDS or mapped is None:
            continue
        values = _column_values(table, column)
        chosen = options.date_orders.get(column)
        date_columns.append(
            DateColumn(
                column=column,
                field=mapped,
                order=chosen or column_date_order(values),
                ambiguous=date_order_is_ambiguous(values),
            )
        )
    extras = {
        column: options.extra_columns.get(column, _default_placement(column, known))
        for column, mapped in mapping.items()
        if mapped is None
    }
    return ImportPlan(
        table,
        mapping,
        options,
        date_columns,
        extras,
        answered_stages={_status_key(word): stage for word, stage in options.status_map.items()},
        format=known,
        format_stages={
            _status_key(word): stage
            for word, stage in (known.status_words.items() if known else [])
        },
    )


def _default_placement(column: str, known: KnownFormat | None) -> ExtraPlacement | None:
    """Where a column with no field goes unless the user says: the format's suggestion; a
    column the format knows and keeps no value of, or our own export's bookkeeping, nowhere;
    any other into the notes, so nothing the file says is lost without asking."""
    if known is not None and column in known.mapping:
        return known.extra_columns.get(column)
    return None if column in _EXPORT_ONLY_HEADERS else "notes"


def _status_key(word: str) -> str:
    return " ".join(word.casefold().split())


def _check_fixes(table: CsvTable, options: ImportOptions) -> None:
    for line, cells in options.fixes.items():
        for column in cells:
            if column not in table.columns:
                raise InvalidInput(
                    f"A fix for row {line} names a column the file doesn't have ({column!r}). "
                    "Reload the page and fix the cell again.",
                    fields={"options": f"no column named {column!r}"},
                )


# ---- Each row: what it becomes ----


@dataclass(frozen=True)
class ReadRow:
    """A row's cells read into fields: the application, or what is wrong with them."""

    line: int
    application: ApplicationCreate | None  # None when a cell has a problem
    errors: dict[str, str]
    cells_by_field: dict[str, str]
    given: frozenset[str]  # the fields the file gives, for an update
    status: str | None  # the status as written
    waiting: bool  # for the stage its status word means

    def shown(self) -> ParsedRow:
        """The row as the preview lists it; built only for the rows it lists."""
        if self.application is None:
            return ParsedRow(line=self.line, values=dict(self.cells_by_field), errors=self.errors)
        values = self.application.model_dump(mode="json")
        if self.waiting:
            values["stage"] = None
        return ParsedRow(line=self.line, values=values, errors={})


@dataclass
class RowOutcome:
    line: int
    cells: list[str]  # as the file has them, with the user's fixes
    action: RowAction
    read: ReadRow | None  # None for a row left out
    status: str | None = None  # the status as written
    problems: list[RowProblem] = field(default_factory=list)
    match: TrackedApplication | None = None
    matched_line: int | None = None

    @property
    def application(self) -> ApplicationCreate | None:
        return self.read.application if self.read is not None else None

    @property
    def given(self) -> frozenset[str]:
        return self.read.given if self.read is not None else frozenset()

    def shown(self) -> ParsedRow:
        if self.read is None:
            return ParsedRow(line=self.line, values={}, errors={})
        return self.read.shown()


def outcomes(plan: ImportPlan, existing: DuplicateFinder) -> Iterator[RowOutcome]:
    """Every row of the file with what the import does with it, one at a time, in file order."""
    # Rows of this file that will be created, by their line, to catch a row given twice.
    earlier = DuplicateFinder([])
    now = utcnow()
    skipped = set(plan.options.skip_lines)
    for row in plan.table.rows:
        outcome = _outcome(plan, row, row.line in skipped)
        if outcome.action == "create" and outcome.application is not None:
            application = outcome.application
            match = existing.find(
                job_url=application.job_url, company=application.company, role=application.role
            )
            repeated = earlier.find(
                job_url=application.job_url, company=application.company, role=application.role
            )
            if match is not None:
                outcome.match = match
                outcome.action = "update" if plan.options.duplicates == "update" else "duplicate"
            elif repeated is not None:
                outcome.matched_line = repeated.id
                outcome.match = repeated
                outcome.action = "duplicate"
            else:
                earlier.add(
                    TrackedApplication(
                        id=row.line,
                        company=application.company,
                        role=application.role,
                        stage=application.stage,
                        job_url=application.job_url,
                        created_at=now,
                    )
                )
        yield outcome


def _outcome(plan: ImportPlan, row: CsvRow, left_out: bool) -> RowOutcome:
    cells = _fixed_cells(row, plan)
    if left_out:
        return RowOutcome(row.line, cells, "left_out", None, status=_status_cell(plan, cells))
    read = _parse_row(plan, row.line, cells)
    problems = _problems(plan, row.line, cells, read.errors)
    if problems:
        return RowOutcome(row.line, cells, "problem", read, read.status, problems)
    action: RowAction = "awaiting_stage" if read.waiting else "create"
    return RowOutcome(row.line, cells, action, read, read.status)


def _fixed_cells(row: CsvRow, plan: ImportPlan) -> list[str]:
    fixes = plan.options.fixes.get(row.line)
    if not fixes:
        return row.cells
    cells = list(row.cells) + [""] * max(0, len(plan.table.columns) - len(row.cells))
    for column, text in fixes.items():
        cells[plan.table.columns.index(column)] = text
    return cells


def _status_cell(plan: ImportPlan, cells: list[str]) -> str | None:
    for column, cell in zip(plan.table.columns, cells, strict=False):
        if plan.mapping.get(column) == "stage" and cell.strip() and not is_placeholder(cell):
            return restore(cell).strip()
    return None


def _parse_row(plan: ImportPlan, line: int, cells: list[str]) -> ReadRow:
    """The row read into an application, unless a cell has a problem."""
    columns = plan.table.columns
    by_field = _cells_by_field(cells, columns, plan.mapping)
    errors: dict[str, str] = {}
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        errors["row"] = f"has {len(cells)} cells but the header has {len(columns)} columns"
    values: dict[str, Any] = {}
    # What the file says that no field can hold: kept in the notes rather than lost.
    kept: list[str] = []
    status = by_field.get("stage")
    waiting = False
    if status is not None:
        status = status.strip()
        stage, _known = plan.stage_for(status)
        if stage is None:
            waiting = True
        else:
            values["stage"] = stage
    elif plan.format is not None and plan.format.default_stage is not None:
        # A format without statuses says what its rows are (LinkedIn's applications: applied).
        values["stage"] = plan.format.default_stage
    date_orders = plan.date_orders
    for name, cell in by_field.items():
        if name == "stage":
            continue
        try:
            value = _value(name, cell, date_orders.get(name, "month_first"))
        except ValueError as problem:
            errors[name] = str(problem)
            continue
        if name == "salary":
            _fill_salary(values, value, cell, kept)
        else:
            values[name] = value
    _place_extras(plan, cells, values, kept)
    if kept:
        values["notes"] = "\n\n".join([values["notes"], *kept] if "notes" in values else kept)
    try:
        application = ApplicationCreate.model_validate(values)
    except ValidationError as error:
        errors = _field_errors(error) | errors
    if errors:
        return ReadRow(line, None, errors, by_field, frozenset(), status, waiting)
    return ReadRow(line, application, {}, by_field, frozenset(values), status, waiting)


def _place_extras(
    plan: ImportPlan, cells: list[str], values: dict[str, Any], kept: list[str]
) -> None:
    """Columns with no field: "Excitement: 4 · Source: LinkedIn" into notes, or into tags."""
    noted: list[str] = []
    for column, cell in zip(plan.table.columns, cells, strict=False):
        placement = plan.extras.get(column)
        if placement is None or not cell.strip() or is_placeholder(cell):
            continue
        text = restore(cell).strip()
        if placement == "notes":
            noted.append(f"{column}: {text}")
        else:
            tags = values.setdefault("tags", [])
            tags.extend(tag.strip() for tag in text.split(",") if tag.strip())
    if noted:
        kept.insert(0, EXTRA_SEPARATOR.join(noted))


def _problems(
    plan: ImportPlan, line: int, cells: list[str], errors: dict[str, str]
) -> list[RowProblem]:
    """Each error as a person would say it, with the column whose cell to fix."""
    problems = []
    for name, message in errors.items():
        column = _column_of(plan, name)
        index = plan.table.columns.index(column) if column is not None else None
        value = cells[index] if index is not None and index < len(cells) else ""
        label = _LABELS.get(name, name.replace("_", " ").capitalize())
        problems.append(
            RowProblem(
                line=line,
                column=column,
                field=label,
                value=value,
                message=f"Row {line}, {label}: {message}",
            )
        )
    return problems


def _column_of(plan: ImportPlan, name: str) -> str | None:
    columns = {mapped: column for column, mapped in plan.mapping.items() if mapped is not None}
    if name in columns:
        return columns[name]
    if name in _SALARY_PARTS:
        return columns.get("salary")
    return None


def _cells_by_field(cells: list[str], columns: list[str], mapping: ColumnMapping) -> dict[str, str]:
    """The row's non-blank cells under the fields their columns map to, formula quotes undone."""
    by_field: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        mapped = mapping.get(column)
        if mapped is None or not cell.strip():
            continue
        if mapped in _PLACEHOLDER_FIELDS and is_placeholder(cell):
            continue
        by_field[mapped] = restore(cell)
    return by_field


# ---- The preview ----


def preview(
    session: Session,
    settings: Settings,
    owner_id: int,
    content: bytes,
    mapping: ColumnMapping | None,
    options: ImportOptions | None = None,
) -> ImportPreview:
    plan = read_plan(content, mapping, options or ImportOptions())
    counts: Counter[RowAction] = Counter()
    statuses: Counter[str] = Counter()
    shown_status: dict[str, str] = {}
    rows: list[ParsedRow] = []
    invalid: list[ParsedRow] = []
    problems: list[RowProblem] = []
    duplicates: list[DuplicateRow] = []
    for outcome in outcomes(plan, DuplicateFinder.for_owner(session, owner_id)):
        counts[outcome.action] += 1
        if outcome.status is not None and outcome.action != "left_out":
            key = _status_key(outcome.status)
            statuses[key] += 1
            shown_status.setdefault(key, outcome.status)
        if len(rows) < PREVIEW_ROWS:
            rows.append(outcome.shown())
        if outcome.problems and len(invalid) < MAX_LISTED_INVALID_ROWS:
            invalid.append(outcome.shown())
        if len(problems) < MAX_LISTED_PROBLEMS:
            problems.extend(outcome.problems[: MAX_LISTED_PROBLEMS - len(problems)])
        if outcome.match is not None and len(duplicates) < MAX_LISTED_DUPLICATES:
            duplicates.append(_duplicate_row(outcome))
    quota = applications_service.application_quota(session, settings, owner_id)
    valid = counts["create"] + counts["update"]
    available = quota.available
    return ImportPreview(
        columns=plan.table.columns,
        mapping=plan.mapping,
        missing_fields=_missing_fields(plan.mapping),
        fields=IMPORT_FIELDS,
        encoding=plan.table.encoding,
        delimiter=plan.table.delimiter,
        notes=plan.table.notes,
        format=ImportFormat(name=plan.format.name, description=plan.format.description)
        if plan.format
        else None,
        sheets=plan.table.sheets,
        sheet=plan.table.sheet,
        sample=[row.cells for row in plan.table.rows[:SAMPLE_ROWS]],
        rows=rows,
        invalid_rows=invalid,
        statuses=_status_questions(plan, statuses, shown_status),
        date_columns=plan.date_columns,
        extra_columns=[
            ExtraColumn(column=column, placement=placement, sample=_first_value(plan, column))
            for column, placement in plan.extras.items()
        ],
        duplicates=duplicates,
        problems=problems,
        counts=ImportCounts(
            rows=len(plan.table.rows),
            valid=valid,
            invalid=counts["problem"] + counts["awaiting_stage"],
            to_create=counts["create"],
            to_update=counts["update"],
            duplicates_skipped=counts["duplicate"],
            problems=counts["problem"],
            awaiting_stage=counts["awaiting_stage"],
            left_out=counts["left_out"],
        ),
        quota=ImportQuota(
            limit=quota.limit,
            used=quota.used,
            available=available,
            fits=counts["create"] if available is None else min(counts["create"], available),
        ),
    )


def _duplicate_row(outcome: RowOutcome) -> DuplicateRow:
    assert outcome.match is not None
    assert outcome.application is not None
    match, application = outcome.match, outcome.application
    from_file = outcome.matched_line is not None
    return DuplicateRow(
        line=outcome.line,
        company=application.company,
        role=application.role,
        matched_id=None if from_file else match.id,
        matched_line=outcome.matched_line,
        matched_company=match.company,
        matched_role=match.role,
        matched_stage=None if from_file else match.stage,
        action="update" if outcome.action == "update" else "skip",
    )


def _status_questions(
    plan: ImportPlan, statuses: Counter[str], shown: dict[str, str]
) -> list[StatusQuestion]:
    questions = []
    for key, rows in statuses.items():
        stage, known = plan.stage_for(shown[key])
        questions.append(StatusQuestion(value=shown[key], rows=rows, stage=stage, known=known))
    # The questions first, then the most common words.
    questions.sort(key=lambda question: (question.known, -question.rows, question.value))
    return questions[:MAX_LISTED_STATUSES]


def _first_value(plan: ImportPlan, column: str) -> str | None:
    index = plan.table.columns.index(column)
    for row in plan.table.rows[:GUESS_SAMPLE_ROWS]:
        if index < len(row.cells) and row.cells[index].strip():
            return restore(row.cells[index]).strip()[:200]
    return None


# ---- The import ----


@dataclass(frozen=True)
class PreparedImport:
    """An import checked and its room under the quota reserved; `run` writes it."""

    session: Session
    settings: Settings
    owner: User
    plan: ImportPlan
    total: int  # rows that create or update

    def run(self) -> Iterator[ImportProgress | ImportResult]:
        """Progress after each batch written, then the result once committed."""
        created: list[int] = []
        updated: list[int] = []
        counts: Counter[RowAction] = Counter()
        batch: list[ApplicationCreate] = []
        existing = DuplicateFinder.for_owner(self.session, self.owner.id)
        for outcome in outcomes(self.plan, existing):
            if outcome.action == "create" and outcome.application is not None:
                batch.append(outcome.application)
            elif outcome.action == "update" and outcome.match is not None:
                if self._update(outcome, outcome.match.id):
                    updated.append(outcome.match.id)
                else:
                    outcome.action = "problem"  # its salary range clashes with the one kept
            counts[outcome.action] += 1
            if len(batch) == BATCH_SIZE:
                created.extend(self._write(batch))
                batch = []
                yield ImportProgress(done=len(created) + len(updated), total=self.total)
        if batch:
            created.extend(self._write(batch))
        self.session.commit()
        yield ImportProgress(done=len(created) + len(updated), total=self.total)
        yield ImportResult(
            imported=len(created),
            updated=len(updated),
            skipped=counts["duplicate"],
            left_out=counts["problem"] + counts["awaiting_stage"] + counts["left_out"],
            application_ids=created,
            updated_ids=updated,
        )

    def _write(self, batch: list[ApplicationCreate]) -> list[int]:
        return applications_service.add_imported_batch(
            self.session, self.settings, self.owner.id, batch
        )

    def _update(self, outcome: RowOutcome, application_id: int) -> bool:
        """The matched application takes the fields the row gives; False when they clash."""
        assert outcome.application is not None
        changes = ApplicationUpdate.model_validate(
            outcome.application.model_dump(include=set(outcome.given))
        )
        # Scoped by owner: the finder holds only this user's applications, and this checks again.
        current = applications_service.get_application(self.session, self.owner.id, application_id)
        low = changes.salary_min if "salary_min" in outcome.given else current.salary_min
        high = changes.salary_max if "salary_max" in outcome.given else current.salary_max
        if low is not None and high is not None and low > high:
            return False
        had_applied_on = current.applied_on is not None
        updated = applications_service.apply_update(
            self.session, self.settings, self.owner.id, application_id, changes
        )
        if not had_applied_on and "applied_on" not in outcome.given:
            # A move into a sent stage dates itself today when made by hand; the file's move
            # happened some time in the past, so the application keeps no applied date.
            updated.applied_on = None
        return True


def prepare_import(
    session: Session,
    settings: Settings,
    owner: User,
    content: bytes,
    mapping: ColumnMapping | None,
    options: ImportOptions | None = None,
) -> PreparedImport:
    """The file checked and counted, the quota held for what it creates: nothing written yet.

    Refused as a whole only when it cannot be imported at all: no Company or Role column,
    no rows, or more new applications than the quota leaves room for.
    """
    plan = read_plan(content, mapping, options or ImportOptions())
    missing = _missing_fields(plan.mapping)
    if missing:
        names = " and ".join(_LABELS[name] for name in missing)
        raise InvalidInput(
            f"No column is mapped to {names}; map one and import again. Nothing was imported.",
            fields={"mapping": f"map a column to {names}"},
        )
    if not plan.table.rows:
        raise InvalidInput(
            "The file has no rows below its header; nothing was imported.",
            fields={"file": "no rows"},
        )
    counts: Counter[RowAction] = Counter(
        outcome.action for outcome in outcomes(plan, DuplicateFinder.for_owner(session, owner.id))
    )
    # The same message as any other import over the quota; the lock is held until commit.
    applications_service.reserve_room(session, settings, owner.id, counts["create"])
    return PreparedImport(session, settings, owner, plan, counts["create"] + counts["update"])


def finish(prepared: PreparedImport) -> ImportResult:
    """Run a prepared import to its end, without progress."""
    for step in prepared.run():
        if isinstance(step, ImportResult):
            return step
    raise AssertionError("an import's last step is its result")


def import_applications(
    session: Session,
    settings: Settings,
    owner: User,
    content: bytes,
    mapping: ColumnMapping | None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """The rows that are ready, in one transaction; the rest left out and counted."""
    return finish(prepare_import(session, settings, owner, content, mapping, options))


# ---- The rows left out, to fix and bring back ----


def rejected_rows(
    session: Session,
    owner_id: int,
    content: bytes,
    mapping: ColumnMapping | None,
    options: ImportOptions | None = None,
) -> Iterator[bytes]:
    """The rows an import leaves out, as CSV: the file's own columns and what is wrong.

    Cells are written with the same guard against formulas as the export.
    """
    plan = read_plan(content, mapping, options or ImportOptions())
    existing = DuplicateFinder.for_owner(session, owner_id)
    return _rejected_chunks(plan, outcomes(plan, existing))


def _rejected_chunks(plan: ImportPlan, rows: Iterator[RowOutcome]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    buffer.write("\ufeff")  # Excel reads UTF-8 only with its BOM
    writer.writerow([neutralise(column) for column in [*plan.table.columns, PROBLEM_HEADER]])
    written = 0
    for outcome in rows:
        reason = _why_left_out(plan, outcome)
        if reason is None:
            continue
        cells = [restore(cell) for cell in outcome.cells[: len(plan.table.columns)]]
        cells += [""] * (len(plan.table.columns) - len(cells))
        writer.writerow([neutralise(cell) for cell in [*cells, reason]])
        written += 1
        if written % BATCH_SIZE == 0:
            yield _take(buffer)
    yield _take(buffer)


def _why_left_out(plan: ImportPlan, outcome: RowOutcome) -> str | None:
    if outcome.action == "problem":
        return "; ".join(problem.message for problem in outcome.problems)
    if outcome.action == "awaiting_stage":
        return f"Row {outcome.line}, Stage: choose the stage {outcome.status!r} means"
    if outcome.action == "left_out":
        return f"Row {outcome.line}: left out"
    return None


def _take(buffer: io.StringIO) -> bytes:
    chunk = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return chunk


# ---- Cells into values ----


def _checked_mapping(table: CsvTable, mapping: ColumnMapping) -> ColumnMapping:
    unknown = [column for column in mapping if column not in table.columns]
    if unknown:
        raise InvalidInput(
            f"The file has no column named {unknown[0]!r}.",
            fields={"mapping": f"columns are: {', '.join(table.columns)}"},
        )
    seen: dict[str, str] = {}
    for column, mapped in mapping.items():
        if mapped is None:
            continue
        if mapped in seen:
            raise InvalidInput(
                f"Both {seen[mapped]!r} and {column!r} are mapped to {_LABELS[mapped]}; "
                "choose one.",
                fields={"mapping": f"{_LABELS[mapped]} is mapped twice"},
            )
        seen[mapped] = column
    return {column: mapping.get(column) for column in table.columns}


def _missing_fields(mapping: ColumnMapping) -> list[ImportFieldName]:
    mapped = set(mapping.values())
    return [name for name in REQUIRED_FIELDS if name not in mapped]


def _column_values(table: CsvTable, column: str, rows: int | None = None) -> list[str]:
    index = table.columns.index(column)
    return [restore(row.cells[index]) for row in table.rows[:rows] if index < len(row.cells)]


def _suits(table: CsvTable, name: ImportFieldName, column: str) -> bool:
    """Whether any of the column's first values can be read as the field (or it has none).

    Any one will do, so a column of dates with a typo is kept (and the typo shown), while a
    Yes/No column is not taken for a date.
    """
    values = [
        value
        for value in _column_values(table, column, GUESS_SAMPLE_ROWS)
        if not is_placeholder(value)
    ]
    order = column_date_order(values)
    return not values or any(_readable(name, value, order) for value in values)


def _readable(name: ImportFieldName, cell: str, date_order: DateOrder) -> bool:
    try:
        # A status nobody knows is asked about and a salary nobody can read is kept in the
        # notes, so both are "read" too; a column holding only those is no such column.
        return _value(name, cell, date_order) is not None
    except ValueError:
        return False


def _fill_salary(
    values: dict[str, Any], salary: ImportedSalary | None, cell: str, kept: list[str]
) -> None:
    """A salary into the salary fields their own columns left empty; unreadable ones into notes.

    A period other than yearly ("$50/hr") is kept as the salary's period.
    """
    if salary is None:
        kept.append(f"Salary in the imported file: {cell.strip()}")
        return
    for part, amount in zip(
        _SALARY_PARTS, (salary.minimum, salary.maximum, salary.currency), strict=True
    ):
        if amount is not None:
            values.setdefault(part, amount)
    if salary.period != SalaryPeriod.YEAR:
        values.setdefault("salary_period", salary.period)


def _value(name: str, cell: str, date_order: DateOrder) -> Any:
    """The cell read as the field; ValueError saying what to write when it cannot be.

    A status word that names no stage gives None (the preview asks about it), and so does a
    salary that cannot be read (the row stays valid and the text is kept in its notes).
    """
    if name in _LONG_TEXT_FIELDS:
        return cell
    cell = cell.strip()
    if name == "tags":
        return [tag.strip() for tag in cell.split(",") if tag.strip()]
    if name == "stage":
        return stage_from_word(cell)
    if name in _CHOICES:
        return _choice(_CHOICES[name], cell)
    if name == "salary_period":
        return _word_choice(SalaryPeriod, period_from_word(cell.removeprefix("per ")), cell)
    if name == "employment_type":
        return _word_choice(EmploymentType, employment_type_from_word(cell), cell)
    if name == "salary":
        try:
            return parse_salary(cell)
        except ValueError:
            return None
    if name in _NUMBER_FIELDS:
        return _whole_number(cell)
    if name in _DATE_FIELDS:
        return parse_date(cell, date_order)
    return cell


def _choice(choices: type[Priority] | type[WorkMode], cell: str) -> str:
    word = re.sub(r"[^0-9a-z]+", "", cell.casefold())
    if word not in {choice.value for choice in choices}:
        names = [choice.value for choice in choices]
        raise ValueError(f"must be {', '.join(names[:-1])} or {names[-1]}")
    return word


def _word_choice(
    choices: type[SalaryPeriod] | type[EmploymentType], read: str | None, cell: str
) -> str:
    """A choice read from the words people write ("Full-time", "Vollzeit", "hourly")."""
    if read is not None:
        return read
    names = [choice.value.replace("_", "-") for choice in choices]
    raise ValueError(f"must be {', '.join(names[:-1])} or {names[-1]}")


def _whole_number(cell: str) -> int:
    digits = cell.translate(_DIGIT_GROUPING)
    whole, _, fraction = digits.partition(".")
    if not whole.isdigit() or (fraction and set(fraction) != {"0"}) or not whole.isascii():
        raise ValueError("must be a whole number, like 70000")
    return int(whole)


def _field_errors(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "row"
        message = "is required" if problem["type"] == "missing" else plain_message(problem)
        errors.setdefault(name, message)
    return errors
