"""A posting pasted as plain text (pages behind a sign-in): fields only from clear cues.

Clear cues are labelled lines ("Location: Berlin", "Gehalt: 60.000 €", "Type de contrat : CDI"),
a header like LinkedIn's ("Senior Engineer" then "Acme · Berlin (Hybrid)"), a first line
"Senior Engineer at Acme", and work-mode or employment-type words in the first lines.
"""

from __future__ import annotations

import re
from datetime import date

from jobtracker.capture.fields import PostingBuilder
from jobtracker.capture.html_text import tidy_text
from jobtracker.capture.page_text import role_and_company_from_title
from jobtracker.capture.posting import ExtractedPosting, FieldSource
from jobtracker.capture.salary_text import salary_in_text
from jobtracker.capture.vocabulary import (
    employment_type_from_word,
    employment_type_in_text,
    work_mode_from_text,
)
from jobtracker.portability.import_values import (
    date_order_is_ambiguous,
    parse_date,
    settled_date_order,
)

# Lines of the header a posting's site puts above the description.
HEADER_LINES = 6
# A line longer than this is a sentence, not a title or a "Label: value".
MAX_CUE_LINE = 160
MAX_TITLE_LINE = 100

_LABELS: dict[str, tuple[str, ...]] = {
    "company": (
        "company", "employer", "organisation", "organization", "unternehmen", "firma",
        "arbeitgeber", "entreprise", "société", "societe", "empresa",
    ),
    "role": (
        "title", "job title", "position", "role", "stelle", "stellenbezeichnung", "jobtitel",
        "poste", "intitulé du poste", "intitule du poste", "puesto", "cargo",
    ),
    "location": (
        "location", "job location", "office", "standort", "arbeitsort", "einsatzort", "ort",
        "lieu", "localisation", "lieu de travail", "ubicación", "ubicacion", "localización",
    ),
    "salary": (
        "salary", "pay", "compensation", "base salary", "salary range", "pay range", "gehalt",
        "vergütung", "verguetung", "jahresgehalt", "salaire", "rémunération", "remuneration",
        "salario", "sueldo", "retribución",
    ),
    "employment_type": (
        "employment type", "job type", "contract type", "type", "anstellungsart",
        "beschäftigungsart", "vertragsart", "arbeitszeit", "type de contrat", "contrat",
        "type d'emploi", "tipo de contrato", "jornada", "tipo de empleo",
    ),
    "work_mode": (
        "workplace type", "workplace", "work mode", "remote", "arbeitsmodell", "homeoffice",
        "mode de travail", "télétravail", "teletravail", "modalidad", "modalidad de trabajo",
    ),
    "deadline": (
        "closing date", "apply by", "deadline", "application deadline", "bewerbungsfrist",
        "bewerbungsschluss", "date limite", "date limite de candidature", "fecha límite",
        "fecha limite",
    ),
}  # fmt: skip
_LABEL_BY_WORD = {word: field for field, words in _LABELS.items() for word in words}
# "Label: value", also as a list item ("- Lieu : Lyon", "• Salary: …").
_LABELLED = re.compile(r"^\s*(?:[-•*]\s+)?([^\W\d][\w'\u2019 .-]{0,40}?)\s*[:\uff1a]\s*(\S.*)$")
# LinkedIn's second header line: "Acme · Berlin, Germany (Hybrid)"; also "Acme | Berlin".
_HEADER_PARTS = re.compile(r"\s+[·•|]\s+")
_PARENTHESES = re.compile(r"\s*\(([^()]*)\)\s*")


def extract_from_plain_text(text: str, *, read_header: bool = True) -> ExtractedPosting:
    """Fields from plain text; `read_header` off for a web page's main text, whose first lines
    are not a site's "role, then company · place" header and would only mislead."""
    found = PostingBuilder(FieldSource.PAGE_TEXT)
    description = tidy_text(text)
    lines = [line.strip() for line in description.split("\n") if line.strip()]
    for line in lines:
        if len(line) <= MAX_CUE_LINE and (match := _LABELLED.match(line)):
            _labelled(found, match.group(1), match.group(2))
    header = [line for line in lines[:HEADER_LINES] if len(line) <= MAX_CUE_LINE]
    if header and read_header:
        _header(found, header)
        # A title line above labelled lines ("Teamleiter (m/w/d)", then "Unternehmen: …").
        if found.posting.company is not None and not _LABELLED.match(header[0]):
            _title_line(found, header[0])
    for line in header:
        found.work_mode(work_mode_from_text(line))
        found.employment_type(employment_type_in_text(line))
    salary = salary_in_text(description)
    if salary is not None:
        found.salary(salary.minimum, salary.maximum, salary.currency)
        found.salary_period(salary.period)
    found.plain_description(description)
    return found.posting


def _labelled(found: PostingBuilder, label: str, value: str) -> None:
    field = _LABEL_BY_WORD.get(" ".join(label.casefold().split()))
    if field in ("company", "role"):
        found.text("company" if field == "company" else "role", value)
    elif field == "location":
        found.text("location", _PARENTHESES.sub(" ", value).strip())
        found.work_mode(work_mode_from_text(value))
    elif field == "salary":
        salary = salary_in_text(f"Salary: {value}")
        if salary is not None:
            found.salary(salary.minimum, salary.maximum, salary.currency)
            found.salary_period(salary.period)
    elif field == "employment_type":
        found.employment_type(employment_type_from_word(value) or employment_type_in_text(value))
    elif field == "work_mode":
        found.work_mode(work_mode_from_text(value))
    elif field == "deadline":
        found.deadline(_unambiguous_date(value))


def _is_title(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE_LINE and not line.endswith((".", ":", "!", "?")) and ":" not in line
    )


def _title_line(found: PostingBuilder, line: str) -> None:
    if _is_title(line):
        found.text("role", line)


def _unambiguous_date(value: str) -> date | None:
    """A deadline as written, when it can be read only one way: "3/10/2027" is skipped."""
    value = value.strip()
    order = settled_date_order([value])
    if order is None and date_order_is_ambiguous([value]):
        return None
    try:
        return parse_date(value, order or "month_first")
    except ValueError:
        return None


def _header(found: PostingBuilder, header: list[str]) -> None:
    first = header[0]
    role, company = role_and_company_from_title(first, None, at_only=True)
    if role and company:
        found.text("role", role)
        found.text("company", company)
        return
    if len(header) < 2 or not (parts := _HEADER_PARTS.split(header[1], maxsplit=2))[1:]:
        return
    # "Senior Engineer" over "Acme · Berlin, Germany (Hybrid)": the role, then company · place.
    if not _is_title(first):
        return
    _title_line(found, first)
    found.text("company", parts[0])
    place = parts[1]
    mode = work_mode_from_text(place)
    found.work_mode(mode)
    bare_place = _PARENTHESES.sub(" ", place).strip() if mode else place
    if bare_place and work_mode_from_text(bare_place) is None:
        found.text("location", bare_place)
