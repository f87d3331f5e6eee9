"""Applications from a spreadsheet: columns mapped to fields, a preview, then all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.applications.stages import Priority, WorkMode
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
from jobtracker.portability.import_values import (
    DateOrder,
    ImportedSalary,
    column_date_order,
    is_placeholder,
    parse_date,
    parse_salary,
    stage_from_word,
)
from jobtracker.portability.schemas import (
    ColumnMapping,
    ImportCounts,
    ImportFieldName,
    ImportPreview,
    ImportQuota,
    ImportResult,
    ParsedRow,
)
from jobtracker.validation_messages import plain_message

SAMPLE_ROWS = 5
PREVIEW_ROWS = 20
MAX_LISTED_INVALID_ROWS = 500
MAX_ERRORS_IN_REFUSAL = 100

# Rows read to decide whether a guessed column's values suit its field.
GUESS_SAMPLE_ROWS = 50
_DATE_FIELDS = frozenset({"applied_on", "deadline"})
_NUMBER_FIELDS = frozenset({"salary_min", "salary_max"})
_CHOICES: dict[str, type[Priority] | type[WorkMode]] = {"priority": Priority, "work_mode": WorkMode}
# Fields where "N/A", "-" or "none" mean an empty cell rather than a value.
_PLACEHOLDER_FIELDS = _DATE_FIELDS | _NUMBER_FIELDS | {*_CHOICES, "stage", "salary"}
_SALARY_PARTS = ("salary_min", "salary_max", "salary_currency")
# Kept exactly as written (only blank counts as empty); other text is trimmed.
_LONG_TEXT_FIELDS = frozenset({"job_description", "notes"})
# Thousands separators people type in salaries: "70,000", "70 000", "70'000", "70_000".
_DIGIT_GROUPING = str.maketrans("", "", ", '_\u00a0\u202f")
_MAPPING = TypeAdapter(ColumnMapping)
_LABELS = {field.name: field.label for field in IMPORT_FIELDS} | {"row": "The row"}


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
    date_orders: dict[str, DateOrder] = {
        field: column_date_order(_column_values(table, column))
        for column, field in mapping.items()
        if field in _DATE_FIELDS
    }
    rows: list[ParsedRow] = []
    applications: list[ApplicationCreate] = []
    for row in table.rows:
        parsed, application = _parse_row(row, table.columns, mapping, date_orders)
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
            f"No column is mapped to {' and '.join(_LABELS[field] for field in missing)}; "
            "map one and import again. Nothing was imported.",
            fields={"mapping": f"map a column to {' and '.join(_LABELS[f] for f in missing)}"},
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
            f"The first is line {invalid[0].line} ({_summary(invalid[0])}). "
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
        return guess_mapping(table.columns, lambda field, column: _suits(table, field, column))
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
                f"Both {seen[field]!r} and {column!r} are mapped to {_LABELS[field]}; choose one.",
                fields={"mapping": f"{_LABELS[field]} is mapped twice"},
            )
        seen[field] = column
    return {column: mapping.get(column) for column in table.columns}


def _missing_fields(mapping: ColumnMapping) -> list[ImportFieldName]:
    mapped = set(mapping.values())
    return [field for field in REQUIRED_FIELDS if field not in mapped]


def _column_values(table: CsvTable, column: str, rows: int | None = None) -> list[str]:
    index = table.columns.index(column)
    return [restore(row.cells[index]) for row in table.rows[:rows] if index < len(row.cells)]


def _suits(table: CsvTable, field: ImportFieldName, column: str) -> bool:
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
    return not values or any(_readable(field, value, order) for value in values)


def _readable(field: ImportFieldName, cell: str, date_order: DateOrder) -> bool:
    try:
        # A status or salary nobody can read is kept in the notes, so it is "read" too;
        # a column holding only those is no status or salary column.
        return _value(field, cell, date_order) is not None
    except ValueError:
        return False


def _parse_row(
    row: CsvRow, columns: list[str], mapping: ColumnMapping, date_orders: dict[str, DateOrder]
) -> tuple[ParsedRow, ApplicationCreate | None]:
    cells = _cells_by_field(row, columns, mapping)
    errors: dict[str, str] = {}
    if len(row.cells) > len(columns) and any(cell.strip() for cell in row.cells[len(columns) :]):
        errors["row"] = f"has {len(row.cells)} cells but the header has {len(columns)} columns"
    values: dict[str, Any] = {}
    # What the file says that no field can hold: kept in the notes rather than lost.
    kept: list[str] = []
    for field, cell in cells.items():
        try:
            value = _value(field, cell, date_orders.get(field, "month_first"))
        except ValueError as problem:
            errors[field] = str(problem)
            continue
        if field == "salary":
            _fill_salary(values, value, cell, kept)
        elif field == "stage" and value is None:
            kept.append(f"Status in the imported file: {cell.strip()}")
        else:
            values[field] = value
    if kept:
        values["notes"] = "\n\n".join([values["notes"], *kept] if "notes" in values else kept)
    try:
        application = ApplicationCreate.model_validate(values)
    except ValidationError as error:
        errors = _field_errors(error) | errors
    else:
        if not errors:
            shown = application.model_dump(mode="json")
            return ParsedRow(line=row.line, values=shown, errors={}), application
    return ParsedRow(line=row.line, values=dict(cells), errors=errors), None


def _fill_salary(
    values: dict[str, Any], salary: ImportedSalary | None, cell: str, kept: list[str]
) -> None:
    """A yearly salary into the salary fields their own columns left empty; others into notes.

    Applications hold yearly figures only (no period field), so "$50/hr" stays as written.
    """
    if salary is None or salary.period != "year":
        kept.append(f"Salary in the imported file: {cell.strip()}")
        return
    for part, amount in zip(
        _SALARY_PARTS, (salary.minimum, salary.maximum, salary.currency), strict=True
    ):
        if amount is not None:
            values.setdefault(part, amount)


def _cells_by_field(row: CsvRow, columns: list[str], mapping: ColumnMapping) -> dict[str, str]:
    """The row's non-blank cells under the fields their columns map to, formula quotes undone."""
    cells: dict[str, str] = {}
    for column, cell in zip(columns, row.cells, strict=False):
        field = mapping.get(column)
        if field is None or not cell.strip():
            continue
        if field in _PLACEHOLDER_FIELDS and is_placeholder(cell):
            continue
        cells[field] = restore(cell)
    return cells


def _value(field: str, cell: str, date_order: DateOrder) -> Any:
    """The cell read as the field; ValueError saying what to write when it cannot be.

    A status word that names no stage gives None, and so does a salary that cannot be read:
    the row stays valid and the word is kept in its notes.
    """
    if field in _LONG_TEXT_FIELDS:
        return cell
    cell = cell.strip()
    if field == "tags":
        return [tag.strip() for tag in cell.split(",") if tag.strip()]
    if field == "stage":
        return stage_from_word(cell)
    if field in _CHOICES:
        return _choice(_CHOICES[field], cell)
    if field == "salary":
        try:
            return parse_salary(cell)
        except ValueError:
            return None
    if field in _NUMBER_FIELDS:
        return _whole_number(cell)
    if field in _DATE_FIELDS:
        return parse_date(cell, date_order)
    return cell


def _choice(choices: type[Priority] | type[WorkMode], cell: str) -> str:
    word = re.sub(r"[^0-9a-z]+", "", cell.casefold())
    if word not in {choice.value for choice in choices}:
        names = [choice.value for choice in choices]
        raise ValueError(f"must be {', '.join(names[:-1])} or {names[-1]}")
    return word


def _whole_number(cell: str) -> int:
    digits = cell.translate(_DIGIT_GROUPING)
    whole, _, fraction = digits.partition(".")
    if not whole.isdigit() or (fraction and set(fraction) != {"0"}) or not whole.isascii():
        raise ValueError("must be a whole number, like 70000")
    return int(whole)


def _field_errors(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "row"
        message = "is required" if problem["type"] == "missing" else plain_message(problem)
        errors.setdefault(field, message)
    return errors


def _summary(row: ParsedRow) -> str:
    return "; ".join(
        f"{_LABELS.get(field, field)}: {message}" for field, message in row.errors.items()
    )


def _errors_by_line(rows: list[ParsedRow]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for row in rows:
        for field, message in row.errors.items():
            if len(errors) == MAX_ERRORS_IN_REFUSAL:
                return errors
            errors[f"line {row.line}.{field}"] = message
    return errors
