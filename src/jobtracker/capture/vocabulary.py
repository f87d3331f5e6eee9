"""Words postings use for work mode, employment type, pay period and dates, in several languages.

English, German, French and Spanish at least: a posting from Berlin says "Vollzeit" and
"Homeoffice", one from Lyon "CDI" and "télétravail", one from Madrid "jornada completa".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode

# ---- Work mode ----

# Checked in this order: "remote or hybrid" is hybrid, "remote" alone is remote.
_WORK_MODE_WORDS: tuple[tuple[WorkMode, tuple[str, ...]], ...] = (
    (
        WorkMode.HYBRID,
        ("hybrid", "hybride", "hibrido", "teletravail partiel", "teletrabajo parcial"),
    ),
    (
        WorkMode.REMOTE,
        (
            "remote", "fully remote", "work from home", "wfh", "telecommute", "telecommuting",
            "home office", "homeoffice", "mobiles arbeiten", "fernarbeit", "teletravail",
            "full remote", "a distance", "remoto", "en remoto", "teletrabajo", "a distancia",
        ),
    ),
    (
        WorkMode.ONSITE,
        (
            "on site", "onsite", "on-site", "in office", "in-office", "office based", "vor ort",
            "praesenz", "prasenz", "sur site", "presentiel", "presencial", "en oficina",
        ),
    ),
)  # fmt: skip


def _folded(text: str) -> str:
    """Lower case without accents, punctuation as spaces: "Télétravail" → "teletravail"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ä", "ae"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _has_phrase(folded: str, phrase: str) -> bool:
    return f" {_folded(phrase)} " in f" {folded} "


def work_mode_from_text(text: str) -> WorkMode | None:
    """The work mode a short text (a location, a label, a line) names; None when it names none."""
    folded = _folded(text[:500])
    for mode, phrases in _WORK_MODE_WORDS:
        if any(_has_phrase(folded, phrase) for phrase in phrases):
            return mode
    return None


_WORK_MODE_CODES = {
    "remote": WorkMode.REMOTE,
    "fully remote": WorkMode.REMOTE,
    "telecommute": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "on site": WorkMode.ONSITE,
    "onsite": WorkMode.ONSITE,
    "in office": WorkMode.ONSITE,
    "office": WorkMode.ONSITE,
}


def work_mode_from_code(code: str) -> WorkMode | None:
    """A board's or schema.org's work-mode code: "on-site", "OnSite", "on_site", "TELECOMMUTE"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code)
    return _WORK_MODE_CODES.get(_folded(spaced))


# ---- Employment type ----

_EMPLOYMENT_WORDS: dict[EmploymentType, tuple[str, ...]] = {
    EmploymentType.FULL_TIME: (
        "full time", "fulltime", "full time permanent", "fulltime permanent", "permanent",
        "vollzeit", "festanstellung", "unbefristet", "temps plein", "temps complet", "cdi",
        "jornada completa", "tiempo completo", "indefinido", "contrato indefinido",
    ),
    EmploymentType.PART_TIME: (
        "part time", "parttime", "part time permanent", "parttime permanent", "teilzeit",
        "temps partiel", "media jornada", "jornada parcial", "tiempo parcial",
    ),
    EmploymentType.CONTRACT: (
        "contract", "contractor", "freelance", "freelancer", "fixed term", "fulltime fixed term",
        "parttime fixed term", "befristet", "freiberuflich", "werkvertrag", "cdd",
        "independant", "auto entrepreneur", "contrato temporal", "autonomo", "por obra",
    ),
    EmploymentType.TEMPORARY: (
        "temporary", "temp", "seasonal", "aushilfe", "saisonarbeit", "interim", "interimaire",
        "saisonnier", "temporal", "eventual",
    ),
    EmploymentType.INTERNSHIP: (
        "intern", "internship", "trainee", "traineeship", "apprenticeship", "praktikum",
        "werkstudent", "ausbildung", "stage", "alternance", "apprentissage", "practicas",
        "becario", "beca",
    ),
    EmploymentType.VOLUNTEER: ("volunteer", "ehrenamt", "ehrenamtlich", "benevolat", "voluntario"),
    EmploymentType.OTHER: ("other", "per diem", "minijob"),
}  # fmt: skip
_EMPLOYMENT_BY_WORD = {
    _folded(word): kind for kind, words in _EMPLOYMENT_WORDS.items() for word in words
}


def employment_type_from_word(word: str) -> EmploymentType | None:
    """The employment type a label or code means ("FULL_TIME", "Vollzeit", "CDI"); else None."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word)  # Ashby's "FullTime"
    return _EMPLOYMENT_BY_WORD.get(_folded(spaced))


def employment_type_in_text(text: str) -> EmploymentType | None:
    """The first employment-type word a line of text contains, for pasted postings."""
    folded = _folded(text[:500])
    for kind, words in _EMPLOYMENT_WORDS.items():
        if any(_has_phrase(folded, word) for word in words if word not in _AMBIGUOUS_IN_TEXT):
            return kind
    return None


# Words that mean something else inside a sentence ("an early-stage startup", "the other team"):
# they count only as a whole label, through employment_type_from_word.
_AMBIGUOUS_IN_TEXT = frozenset(
    {"stage", "temp", "other", "interim", "eventual", "temporal", "beca", "permanent"}
)


# ---- Pay period ----

# Pay-period words as codes (schema.org unitText, Lever's intervals) and as postings write them,
# folded (lower case, no accents): "año" is "ano", "jährlich" "jaehrlich", "p.a." "p a".
PERIOD_WORDS: dict[str, SalaryPeriod] = {
    "hour": SalaryPeriod.HOUR, "hr": SalaryPeriod.HOUR, "h": SalaryPeriod.HOUR,
    "hourly": SalaryPeriod.HOUR, "stunde": SalaryPeriod.HOUR, "std": SalaryPeriod.HOUR,
    "heure": SalaryPeriod.HOUR, "hora": SalaryPeriod.HOUR,
    "day": SalaryPeriod.DAY, "daily": SalaryPeriod.DAY, "tag": SalaryPeriod.DAY,
    "jour": SalaryPeriod.DAY, "dia": SalaryPeriod.DAY,
    "week": SalaryPeriod.WEEK, "wk": SalaryPeriod.WEEK, "weekly": SalaryPeriod.WEEK,
    "woche": SalaryPeriod.WEEK, "semaine": SalaryPeriod.WEEK, "semana": SalaryPeriod.WEEK,
    "month": SalaryPeriod.MONTH, "mo": SalaryPeriod.MONTH, "monthly": SalaryPeriod.MONTH,
    "monat": SalaryPeriod.MONTH, "monatlich": SalaryPeriod.MONTH, "mois": SalaryPeriod.MONTH,
    "mensuel": SalaryPeriod.MONTH, "mes": SalaryPeriod.MONTH, "mensual": SalaryPeriod.MONTH,
    "year": SalaryPeriod.YEAR, "yr": SalaryPeriod.YEAR, "yearly": SalaryPeriod.YEAR,
    "annual": SalaryPeriod.YEAR, "annually": SalaryPeriod.YEAR, "annum": SalaryPeriod.YEAR,
    "p a": SalaryPeriod.YEAR, "jahr": SalaryPeriod.YEAR, "jaehrlich": SalaryPeriod.YEAR,
    "an": SalaryPeriod.YEAR, "annee": SalaryPeriod.YEAR, "annuel": SalaryPeriod.YEAR,
    "ano": SalaryPeriod.YEAR, "anual": SalaryPeriod.YEAR,
}  # fmt: skip


def period_from_word(word: str) -> SalaryPeriod | None:
    """The pay period one word or abbreviation names, in any of the four languages."""
    return PERIOD_WORDS.get(_folded(word))


def salary_period_from_code(code: str) -> SalaryPeriod | None:
    """schema.org unitText ("HOUR", "YEAR"), Lever's "per-year-salary", Ashby's "1 YEAR"."""
    words = _folded(code).split()
    # "semi-month" and "bi-week" are no period a salary field can hold.
    if any(word in ("semi", "bi") for word in words):
        return None
    for word in words:
        if word in PERIOD_WORDS:
            return PERIOD_WORDS[word]
    return None


# ---- Dates ----


def date_from_value(value: object) -> date | None:
    """A date from ISO text ("2026-11-30", "2026-11-30T17:00:00Z", "2026-11-30 10:00:00 UTC")
    or from epoch milliseconds (Lever's createdAt); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value / 1000, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
