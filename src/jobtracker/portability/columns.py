"""The spreadsheet's columns, shared by export and import, and the guard against formulas."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobtracker.portability.schemas import ImportField, ImportFieldName

# A spreadsheet treats a cell starting with one of these as a formula (OWASP, "CSV Injection"),
# the full-width forms too: some East Asian spreadsheets read them as their ASCII twins.
FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
# Where a spreadsheet may start a new cell: the separators of common locales (comma, semicolon,
# tab) and a bare carriage return. A line feed is left out: every cell holding one is quoted,
# and quoted line breaks never start a cell, while neutralising after them would mangle every
# Markdown list ("- Python") in a job description.
CELL_SEPARATORS = ",;\t\r"
NEUTRALISER = "'"
_SEPARATOR_CLASS = "[" + re.escape(CELL_SEPARATORS) + "]"
_TRIGGER_CLASS = "[" + re.escape(FORMULA_TRIGGERS) + "]"
# A cell's start, or just after a separator inside it, followed by quotes and then a trigger.
_CELL_START = f"(?:^|(?<={_SEPARATOR_CLASS}))"
_NEEDS_NEUTRALISER = re.compile(f"{_CELL_START}(?={NEUTRALISER}*{_TRIGGER_CLASS})")
_ADDED_NEUTRALISER = re.compile(f"{_CELL_START}{NEUTRALISER}(?={NEUTRALISER}*{_TRIGGER_CLASS})")


def neutralise(cell: str) -> str:
    """The text as a spreadsheet will show it as text rather than run it, in any locale.

    Every place a cell may start (the start, and right after a separator inside the text,
    in case a spreadsheet splits there) gets a quote before a formula trigger. Text that
    already has quotes there gets one more, so that `restore` gives back exactly what was
    exported. A company called "-Ology" is exported as "'-Ology" (and imported back as
    "-Ology"): a leading minus can start a formula as well as a word, and safety wins.
    """
    return _NEEDS_NEUTRALISER.sub(NEUTRALISER, cell)


def restore(cell: str) -> str:
    """The inverse of `neutralise`, for a file this app exported."""
    return _ADDED_NEUTRALISER.sub("", cell)


@dataclass(frozen=True)
class Column:
    header: str
    field: ImportFieldName | None  # None: shown in exports, ignored by imports
    aliases: tuple[str, ...] = ()


# In the order of the exported file. Headers are words, not field names: people read them.
COLUMNS = (
    Column("Company", "company", ("company name", "employer", "organisation", "organization")),
    Column("Role", "role", ("title", "job title", "position", "job")),
    Column("Stage", "stage", ("status", "current stage")),
    Column("Priority", "priority"),
    Column("Applied on", "applied_on", ("applied", "date applied", "applied date")),
    Column("Deadline", "deadline", ("due", "due date", "closing date", "apply by")),
    Column("Tags", "tags", ("labels", "tag")),
    Column("Location", "location", ("city",)),
    Column("Work mode", "work_mode", ("workplace", "workplace type", "work model")),
    Column("Salary min", "salary_min", ("minimum salary", "min salary", "salary from")),
    Column("Salary max", "salary_max", ("maximum salary", "max salary", "salary to")),
    Column("Salary currency", "salary_currency", ("currency",)),
    Column("Source", "source", ("found via", "found on")),
    Column("Job URL", "job_url", ("url", "link", "job link", "posting", "job posting")),
    Column("Job description", "job_description", ("description",)),
    Column("Notes", "notes", ("note", "comments")),
    Column("Deliverables", None),
    Column("Open deliverables", None),
    Column("Created at", None),
    Column("Updated at", None),
    Column("ID", None),
)
HEADERS = [column.header for column in COLUMNS]

IMPORT_FIELDS = [
    ImportField(name="company", label="Company", required=True, help="Up to 200 characters"),
    ImportField(name="role", label="Role", required=True, help="Up to 200 characters"),
    ImportField(
        name="stage",
        label="Stage",
        required=False,
        help="wishlist, drafting, applied, screening, interview, offer, accepted, rejected, "
        "withdrawn or ghosted; empty means wishlist",
    ),
    ImportField(name="priority", label="Priority", required=False, help="low, medium or high"),
    ImportField(name="applied_on", label="Applied on", required=False, help="A date: 2026-10-01"),
    ImportField(name="deadline", label="Deadline", required=False, help="A date: 2026-10-01"),
    ImportField(name="tags", label="Tags", required=False, help="Separated by commas"),
    ImportField(name="location", label="Location", required=False, help=""),
    ImportField(
        name="work_mode", label="Work mode", required=False, help="onsite, hybrid or remote"
    ),
    ImportField(name="salary_min", label="Salary min", required=False, help="A whole number"),
    ImportField(name="salary_max", label="Salary max", required=False, help="A whole number"),
    ImportField(
        name="salary_currency", label="Salary currency", required=False, help="EUR, USD, …"
    ),
    ImportField(name="source", label="Source", required=False, help="Where you found it"),
    ImportField(
        name="job_url", label="Job URL", required=False, help="Starting with http:// or https://"
    ),
    ImportField(name="job_description", label="Job description", required=False, help=""),
    ImportField(name="notes", label="Notes", required=False, help=""),
]
REQUIRED_FIELDS: list[ImportFieldName] = [field.name for field in IMPORT_FIELDS if field.required]


def _normalised(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header).strip().lower()


_KNOWN_HEADERS: dict[str, ImportFieldName | None] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases, *([_column.field] if _column.field else [])):
        _KNOWN_HEADERS.setdefault(_normalised(_name), _column.field)


def guess_mapping(columns: list[str]) -> dict[str, ImportFieldName | None]:
    """Column → field from the headers alone (case, spaces and underscores aside).

    Each field is taken by the first column that names it; the rest are ignored.
    """
    taken: set[str] = set()
    mapping: dict[str, ImportFieldName | None] = {}
    for column in columns:
        field = _KNOWN_HEADERS.get(_normalised(column))
        if field is not None and field in taken:
            field = None
        if field is not None:
            taken.add(field)
        mapping[column] = field
    return mapping
