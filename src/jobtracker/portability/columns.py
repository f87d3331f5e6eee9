"""The spreadsheet's columns, shared by export and import, and the guard against formulas."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
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
# Aliases are compared as words (see `normalised_header`), so "companyName", "company_name" and
# "Company Name" are one alias; other trackers' names and common German, French, Spanish and
# Dutch headers are among them.
COLUMNS = (
    Column(
        "Company",
        "company",
        (
            "company name", "employer", "employer name", "organisation", "organization",
            "organization name", "firm", "business", "hiring company",
            "firma", "unternehmen", "arbeitgeber", "entreprise", "empresa", "bedrijf",
        ),
    ),
    Column(
        "Role",
        "role",
        (
            "title", "job title", "position", "job position", "job", "role name", "role title",
            "position title", "job role", "job name", "opening", "vacancy",
            "stelle", "stellenbezeichnung", "titel", "poste", "intitule du poste", "puesto",
            "cargo", "functie", "vacature",
        ),
    ),
    Column(
        "Stage",
        "stage",
        (
            "status", "current stage", "current status", "status name", "application status",
            "application stage", "job status", "pipeline stage", "progress", "list name",
            "stand", "bewerbungsstatus", "statut", "estado", "fase",
        ),
    ),
    Column("Priority", "priority", ("importance", "priority level")),
    Column(
        "Applied on",
        "applied_on",
        (
            "applied", "date applied", "applied date", "application date", "applied at",
            "applied on date", "date of application", "submitted on", "submitted",
            "date submitted", "submission date", "date sent", "sent on", "date", "datum",
            "beworben am", "bewerbungsdatum", "date de candidature", "fecha de solicitud",
            "fecha", "sollicitatiedatum",
        ),
    ),
    Column(
        "Deadline",
        "deadline",
        (
            "due", "due date", "closing date", "closes on", "apply by", "apply before",
            "application deadline", "expiry date", "expires", "bewerbungsfrist", "frist",
            "date limite", "fecha limite",
        ),
    ),
    Column("Tags", "tags", ("labels", "tag", "label", "keywords", "categories", "schlagworte")),
    Column(
        "Location",
        "location",
        (
            "city", "office", "office location", "job location", "work location", "locations",
            "ort", "standort", "arbeitsort", "lieu", "ville", "ubicacion", "ciudad", "locatie",
        ),
    ),
    Column(
        "Work mode",
        "work_mode",
        (
            "workplace", "workplace type", "work model", "remote", "remote type", "work type",
            "location type", "remote onsite", "arbeitsmodell", "teletravail",
        ),
    ),
    Column(
        "Salary min",
        "salary_min",
        (
            "minimum salary", "min salary", "salary from", "salary minimum", "salary low",
            "min pay", "pay min", "gehalt von",
        ),
    ),
    Column(
        "Salary max",
        "salary_max",
        (
            "maximum salary", "max salary", "salary to", "salary maximum", "salary high",
            "max pay", "pay max", "gehalt bis",
        ),
    ),
    Column("Salary currency", "salary_currency", ("currency", "pay currency", "wahrung")),
    Column(
        "Source",
        "source",
        (
            "found via", "found on", "job board", "where found", "channel", "job source",
            "source site", "platform", "how found", "referral source", "quelle",
        ),
    ),
    Column(
        "Job URL",
        "job_url",
        (
            "url", "link", "job link", "posting", "job posting", "posting url", "posting link",
            "job posting url", "job posting link", "job listing", "job listing url",
            "listing url", "application link", "apply link", "job page", "stellenanzeige",
            "lien", "enlace",
        ),
    ),
    Column(
        "Job description",
        "job_description",
        (
            "description", "jd", "job details", "details", "html description",
            "role description", "stellenbeschreibung", "description du poste",
        ),
    ),
    Column(
        "Notes",
        "notes",
        (
            "note", "comments", "comment", "notes comments", "comments notes", "remarks",
            "my notes", "additional notes", "memo", "notizen", "bemerkungen", "kommentar",
            "remarques", "notas", "opmerkingen",
        ),
    ),
    # After Notes, so files exported before these existed keep their columns in place.
    Column(
        "Salary period",
        "salary_period",
        ("pay period", "salary unit", "pay frequency", "per", "salary per", "rate period"),
    ),
    Column(
        "Employment type",
        "employment_type",
        (
            "job type", "type of employment", "employment", "contract type", "contract",
            "work type", "position type", "schedule", "anstellungsart", "vertragsart",
            "type de contrat", "tipo de contrato", "tipo de empleo", "dienstverband",
        ),
    ),
    Column(
        "Posted on",
        "posted_on",
        (
            "date posted", "posted", "posted date", "posting date", "published",
            "date published", "publication date", "listed on", "veroffentlicht",
        ),
    ),
    Column("Deliverables", None),
    Column("Open deliverables", None),
    Column("Interviews", None),
    Column("Next interview", None),
    Column("Created at", None),
    Column("Updated at", None),
    Column("ID", None),
)  # fmt: skip
# Headers of fields that imports read and exports never write.
IMPORT_ONLY_ALIASES: dict[ImportFieldName, tuple[str, ...]] = {
    "salary": (
        "salary", "salary range", "salary band", "compensation", "compensation range",
        "total compensation", "pay", "pay range", "comp", "salary expectation",
        "expected salary", "expected compensation", "base salary", "hourly rate", "wage",
        "gehalt", "gehaltsvorstellung", "salaire", "salario", "salaris",
    ),
}  # fmt: skip
HEADERS = [column.header for column in COLUMNS]

IMPORT_FIELDS = [
    ImportField(name="company", label="Company", required=True, help="Up to 200 characters"),
    ImportField(name="role", label="Role", required=True, help="Up to 200 characters"),
    ImportField(
        name="stage",
        label="Stage",
        required=False,
        help="wishlist, drafting, applied, screening, interview, offer, accepted, rejected, "
        "withdrawn or ghosted, or a word like Submitted or Phone screen; the preview asks "
        "which stage any other word means",
    ),
    ImportField(name="priority", label="Priority", required=False, help="low, medium or high"),
    ImportField(
        name="applied_on",
        label="Applied on",
        required=False,
        help="A date: 2026-10-01, 10/1/2026 or 1 Oct 2026",
    ),
    ImportField(
        name="deadline",
        label="Deadline",
        required=False,
        help="A date: 2026-10-01, 10/1/2026 or 1 Oct 2026",
    ),
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
    ImportField(
        name="salary",
        label="Salary",
        required=False,
        help="As written: $150,000, 150k-180k, €60.000, $50/hr; fills Salary min, max, "
        "currency and period",
    ),
    ImportField(
        name="salary_period",
        label="Salary period",
        required=False,
        help="hour, day, week, month or year (hourly, per month, …); empty means yearly",
    ),
    ImportField(
        name="employment_type",
        label="Employment type",
        required=False,
        help="Full-time, part-time, contract, temporary, internship, volunteer or other",
    ),
    ImportField(
        name="posted_on",
        label="Posted on",
        required=False,
        help="The day the posting went up: a date like 2026-10-01",
    ),
    ImportField(name="source", label="Source", required=False, help="Where you found it"),
    ImportField(
        name="job_url", label="Job URL", required=False, help="Starting with http:// or https://"
    ),
    ImportField(name="job_description", label="Job description", required=False, help=""),
    ImportField(name="notes", label="Notes", required=False, help=""),
]
REQUIRED_FIELDS: list[ImportFieldName] = [field.name for field in IMPORT_FIELDS if field.required]


def normalised_header(header: str) -> str:
    """A header's words: camelCase, snake_case, slashes and punctuation all become spaces.

    Accents are dropped ("Währung" is "wahrung"), so aliases are written without them.
    """
    header = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", header)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", words.casefold()).split())


_KNOWN_HEADERS: dict[str, ImportFieldName | None] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases, *([_column.field] if _column.field else [])):
        _KNOWN_HEADERS.setdefault(normalised_header(_name), _column.field)
for _field, _aliases in IMPORT_ONLY_ALIASES.items():
    for _name in _aliases:
        _KNOWN_HEADERS.setdefault(normalised_header(_name), _field)


# Aliases so general that a more specific header in the same file should win the field:
# in a sheet with "Date" (when the row was added) and "Date applied", the latter is the date.
_WEAK_ALIASES = frozenset(
    {"date", "datum", "fecha", "applied", "submitted", "title", "job", "link", "url", "posting",
     "description", "details", "remote"}
)  # fmt: skip


def guess_mapping(
    columns: list[str], fits: Callable[[ImportFieldName, str], bool]
) -> dict[str, ImportFieldName | None]:
    """Column → field from the headers (case, spacing and punctuation aside) and the values.

    `fits(field, column)` says whether the column's values can be read as that field, so
    a Yes/No "Applied" column is left unmapped instead of becoming the applied date.
    Each field is taken by the first column that names it specifically ("Date applied"),
    else by the first that names it loosely ("Date"); the rest are ignored.
    """
    taken: set[str] = set()
    mapping: dict[str, ImportFieldName | None] = dict.fromkeys(columns)
    for weak in (False, True):
        for column in columns:
            words = normalised_header(column)
            field = _KNOWN_HEADERS.get(words)
            if field is None or (words in _WEAK_ALIASES) != weak:
                continue
            if field not in taken and fits(field, column):
                taken.add(field)
                mapping[column] = field
    return mapping
