"""Applications from a spreadsheet: columns mapped to fields, a preview, then all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.errors import InvalidInput
from jobtracker.portability.columns import (
    IMPORT_FIELDS,
    REQUIRED_FIELDS,
    guess_mapping,
    restore,
)
from jobtracker.portability.csv_reading import CsvRow, CsvTable, read_table
from jobtracker.portability.schemas import (
    ColumnMapping,
    ImportCounts,
    ImportFieldName,
    ImportPreview,
    ImportQuota,
    ImportResult,
    ParsedRow,
)

SAMPLE_ROWS = 5
PREVIEW_ROWS = 20
MAX_LISTED_INVALID_ROWS = 500
MAX_ERRORS_IN_REFUSAL = 100

_DATE_FIELDS = frozenset({"applied_on", "deadline"})
_NUMBER_FIELDS = frozenset({"salary_min", "salary_max"})
_CHOICE_FIELDS = frozenset({"stage", "priority", "work_mode"})
# Kept exactly as written (only blank counts as empty); other text is trimmed.
_LONG_TEXT_FIELDS = frozenset({"job_description", "notes"})
# Thousands separators people type in salaries: "70,000", "70 000", "70'000", "70_000".
_DIGIT_GROUPING = str.maketrans("", "", ", '_\u00a0\u202f")
_MAPPING = TypeAdapter(ColumnMapping)


@dataclass(frozen=True)
class ParsedFile:
    table: CsvTable
    mapping: ColumnMapping
    rows: list[ParsedRow]
    applications: list[ApplicationCreate]  # one per valid row, in file order

    @property
    def invalid_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.errors]


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


def parse_file(content: bytes, mapping: ColumnMapping | None) -> ParsedFile:
    table = read_table(content)
    mapping = _checked_mapping(table, mapping)
    rows: list[ParsedRow] = []
    applications: list[ApplicationCreate] = []
    for row in table.rows:
        parsed, application = _parse_row(row, table.columns, mapping)
        rows.append(parsed)
        if application is not None:
            applications.append(application)
    return ParsedFile(table, mapping, rows, applications)


def preview(
    session: Session,
    settings: Settings,
    owner_id: int,
    content: bytes,
    mapping: ColumnMapping | None,
) -> ImportPreview:
    parsed = parse_file(content, mapping)
    quota = applications_service.application_quota(session, settings, owner_id)
    valid = len(parsed.applications)
    available = quota.available
    return ImportPreview(
        columns=parsed.table.columns,
        mapping=parsed.mapping,
        missing_fields=_missing_fields(parsed.mapping),
        fields=IMPORT_FIELDS,
        encoding=parsed.table.encoding,
        delimiter=parsed.table.delimiter,
        notes=parsed.table.notes,
        sample=[row.cells for row in parsed.table.rows[:SAMPLE_ROWS]],
        rows=parsed.rows[:PREVIEW_ROWS],
        invalid_rows=parsed.invalid_rows[:MAX_LISTED_INVALID_ROWS],
        counts=ImportCounts(rows=len(parsed.rows), valid=valid, invalid=len(parsed.rows) - valid),
        quota=ImportQuota(
            limit=quota.limit,
            used=quota.used,
            available=available,
            fits=valid if available is None else min(valid, available),
        ),
    )


def import_applications(
    session: Session, settings: Settings, owner: User, content: bytes, mapping: ColumnMapping | None
) -> ImportResult:
    """Every row, in one transaction; any row with an error, or too many rows, imports none."""
    parsed = parse_file(content, mapping)
    missing = _missing_fields(parsed.mapping)
    if missing:
        raise InvalidInput(
            f"No column is mapped to {', '.join(missing)}; nothing was imported.",
            fields={"mapping": f"map a column to {', '.join(missing)}"},
        )
    if not parsed.rows:
        raise InvalidInput(
            "The file has no rows below its header; nothing was imported.",
            fields={"file": "no rows"},
        )
    invalid = parsed.invalid_rows
    if invalid:
        raise InvalidInput(
            f"{len(invalid)} of {len(parsed.rows)} rows have errors, so nothing was imported. "
            f"The first is line {invalid[0].line}: {_summary(invalid[0])}. "
            "Fix them, or leave those rows out, and import again.",
            fields=_errors_by_line(invalid),
        )
    created = applications_service.create_applications(
        session, settings, owner, parsed.applications
    )
    return ImportResult(
        imported=len(created), application_ids=[application.id for application in created]
    )


def _checked_mapping(table: CsvTable, mapping: ColumnMapping | None) -> ColumnMapping:
    if mapping is None:
        return guess_mapping(table.columns)
    unknown = [column for column in mapping if column not in table.columns]
    if unknown:
        raise InvalidInput(
            f"The file has no column named {unknown[0]!r}.",
            fields={"mapping": f"columns are: {', '.join(table.columns)}"},
        )
    seen: dict[str, str] = {}
    for column, field in mapping.items():
        if field is None:
            continue
        if field in seen:
            raise InvalidInput(
                f"Both {seen[field]!r} and {column!r} are mapped to {field}; choose one.",
                fields={"mapping": f"{field} is mapped twice"},
            )
        seen[field] = column
    return {column: mapping.get(column) for column in table.columns}


def _missing_fields(mapping: ColumnMapping) -> list[ImportFieldName]:
    mapped = set(mapping.values())
    return [field for field in REQUIRED_FIELDS if field not in mapped]


def _parse_row(
    row: CsvRow, columns: list[str], mapping: ColumnMapping
) -> tuple[ParsedRow, ApplicationCreate | None]:
    cells = _cells_by_field(row, columns, mapping)
    errors: dict[str, str] = {}
    if len(row.cells) > len(columns) and any(cell.strip() for cell in row.cells[len(columns) :]):
        errors["row"] = f"has {len(row.cells)} cells but the header has {len(columns)} columns"
    values: dict[str, Any] = {}
    for field, cell in cells.items():
        try:
            values[field] = _value(field, cell)
        except ValueError as problem:
            errors[field] = str(problem)
    try:
        application = ApplicationCreate.model_validate(values)
    except ValidationError as error:
        errors = _field_errors(error) | errors
    else:
        if not errors:
            shown = application.model_dump(mode="json")
            return ParsedRow(line=row.line, values=shown, errors={}), application
    return ParsedRow(line=row.line, values=dict(cells), errors=errors), None


def _cells_by_field(row: CsvRow, columns: list[str], mapping: ColumnMapping) -> dict[str, str]:
    """The row's non-blank cells under the fields their columns map to, formula quotes undone."""
    cells: dict[str, str] = {}
    for column, cell in zip(columns, row.cells, strict=False):
        field = mapping.get(column)
        if field is not None and cell.strip():
            cells[field] = restore(cell)
    return cells


def _value(field: str, cell: str) -> Any:
    if field in _LONG_TEXT_FIELDS:
        return cell
    cell = cell.strip()
    if field == "tags":
        return [tag.strip() for tag in cell.split(",") if tag.strip()]
    if field in _CHOICE_FIELDS:
        return cell.lower().replace(" ", "_").replace("-", "_")
    if field in _NUMBER_FIELDS:
        return _whole_number(cell)
    if field in _DATE_FIELDS:
        return _date(cell)
    return cell


def _whole_number(cell: str) -> int:
    digits = cell.translate(_DIGIT_GROUPING)
    whole, _, fraction = digits.partition(".")
    if not whole.isdigit() or (fraction and set(fraction) != {"0"}) or not whole.isascii():
        raise ValueError("must be a whole number, like 70000")
    return int(whole)


def _date(cell: str) -> date:
    try:
        if len(cell) > 10 and cell[10] in "T ":
            return datetime.fromisoformat(cell).date()
        if len(cell) == 10:
            return date.fromisoformat(cell)
    except ValueError:
        pass
    raise ValueError("must be a date written like 2026-10-01 (year-month-day)")


def _field_errors(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "row"
        message = "is required" if problem["type"] == "missing" else problem["msg"]
        errors.setdefault(field, message.removeprefix("Value error, "))
    return errors


def _summary(row: ParsedRow) -> str:
    return "; ".join(f"{field} {message}" for field, message in row.errors.items())


def _errors_by_line(rows: list[ParsedRow]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for row in rows:
        for field, message in row.errors.items():
            if len(errors) == MAX_ERRORS_IN_REFUSAL:
                return errors
            errors[f"line {row.line}.{field}"] = message
    return errors
