"""Spreadsheet cells as people write them: status words, dates and salaries, read into fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from jobtracker.applications.stages import SalaryPeriod, Stage

DateOrder = Literal["month_first", "day_first"]

# Longer cells are no date or salary anyone writes; refusing them early bounds the work.
MAX_VALUE_LENGTH = 100
# Cells that mean "nothing here" rather than a value to check.
PLACEHOLDERS = frozenset({"", "-", "--", "\u2013", "\u2014", "n/a", "na", "n.a.", "none", "null"})
DATE_EXAMPLES = "2026-10-01, 10/1/2026 or 1 Oct 2026"


def is_placeholder(cell: str) -> bool:
    return cell.strip().casefold() in PLACEHOLDERS


def _words(text: str) -> str:
    """Lower case, accents dropped, punctuation and spacing as one space:
    "Phone-Screen " → "phone screen", "Zurückgezogen" → "zuruckgezogen"."""
    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


# ---- Status words ----

# Synonyms in English first, then the commonest German, French, Spanish and Dutch words
# (written without accents: `_words` drops them). Each known format's own status words
# (see import_formats) are among them.

_STAGE_SYNONYMS: dict[Stage, tuple[str, ...]] = {
    Stage.WISHLIST: (
        "gemerkt",
        "interessant",
        "wish list",
        "bookmarked",
        "bookmark",
        "saved",
        "interested",
        "to apply",
        "want to apply",
        "planning to apply",
        "considering",
        "watching",
        "new",
        "not applied",
        "not started",
        "researching",
        "prospect",
    ),
    Stage.DRAFTING: (
        "draft",
        "applying",
        "in progress",
        "preparing",
        "preparing application",
        "ready to apply",
    ),
    Stage.APPLIED: (
        "beworben",
        "bewerbung gesendet",
        "candidature envoyee",
        "postulado",
        "aplicado",
        "gesolliciteerd",
        "submitted",
        "application submitted",
        "applied online",
        "sent",
        "application sent",
        "pending",
        "under review",
        "in review",
        "waiting",
        "awaiting response",
    ),
    Stage.SCREENING: (
        "phone screen",
        "phone screening",
        "recruiter call",
        "recruiter screen",
        "technical screen",
        "hr call",
        "hr screen",
        "screen",
        "screening call",
        "phone interview",
        "assessment",
        "online assessment",
        "take home",
        "take home assignment",
        "coding challenge",
    ),
    Stage.INTERVIEW: (
        "vorstellungsgesprach",
        "entretien",
        "entrevista",
        "gesprek",
        "interviewing",
        "interviews",
        "interview scheduled",
        "technical interview",
        "onsite",
        "on site",
        "onsite interview",
        "first round",
        "second round",
        "final round",
        "final interview",
        "hiring manager interview",
    ),
    Stage.OFFER: (
        "angebot",
        "offre",
        "oferta",
        "aanbod",
        "offer received",
        "offered",
        "offer extended",
        "verbal offer",
        "negotiating",
        "negotiation",
    ),
    Stage.ACCEPTED: ("offer accepted", "accepted offer", "hired", "signed", "zusage"),
    Stage.REJECTED: (
        "absage",
        "abgelehnt",
        "refus",
        "refusee",
        "rechazado",
        "afgewezen",
        "rejection",
        "not selected",
        "turned down",
        "unsuccessful",
        "no offer",
        "not moving forward",
        "position filled",
    ),
    Stage.WITHDRAWN: (
        "zuruckgezogen",
        "retire",
        "retiree",
        "declined",
        "withdrew",
        "i withdrew",
        "offer declined",
        "declined offer",
        "not interested",
        "cancelled",
        "canceled",
    ),
    # An expired or archived posting closed without an answer, which is what Ghosted records.
    Stage.GHOSTED: (
        "no response",
        "no reply",
        "no answer",
        "expired",
        "archived",
        "closed",
        "keine antwort",
        "sin respuesta",
    ),
}
_STAGE_BY_WORD: dict[str, Stage] = {stage.value: stage for stage in Stage} | {
    _words(word): stage for stage, words in _STAGE_SYNONYMS.items() for word in words
}


def stage_from_word(word: str) -> Stage | None:
    """The stage a status word means, whatever its case and spacing; None when unknown."""
    return _STAGE_BY_WORD.get(_words(word))


# ---- Dates ----

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01, after Lotus's phantom 29 February
_TIME = r"(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?"
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME, re.IGNORECASE)
_YEAR_FIRST = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})" + _TIME, re.IGNORECASE)
_NAMED = re.compile(r"(?:([a-z]+)\s+(\d{1,2})|(\d{1,2})\s+([a-z]+))\s+(\d{4})" + _TIME)
_EXCEL_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")
# Serial numbers from 1990 to 2099: outside that a five-digit number is more likely a postcode
# or an amount than a date anyone tracks an application by.
_SERIAL_RANGE = range(32_874, 73_051)
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\s+")


def settled_date_order(values: Iterable[str]) -> DateOrder | None:
    """Whether a column's numeric dates are month-first or day-first, if its values say.

    A first field of 13 or more can only be a day, and a second one only a day too.
    Dotted dates are left out: they are day-first everywhere they are written.
    """
    for value in values:
        fields = _month_and_day_fields(value)
        if fields is None:
            continue
        first, second = fields
        if first >= 13 >= second:
            return "day_first"
        if second >= 13 >= first:
            return "month_first"
    return None


def column_date_order(values: Iterable[str]) -> DateOrder:
    """The order to read a column's slashed dates in: as settled by its values, else month-first.

    A column that never says is read month-first, the way US exports (the commonest) write.
    """
    return settled_date_order(values) or "month_first"


def date_order_is_ambiguous(values: Iterable[str]) -> bool:
    """Whether a person must say how to read the column: no value settles the order, and some
    value reads differently each way ("3/10/2026" is 10 March or 3 October)."""
    listed = list(values)
    if settled_date_order(listed) is not None:
        return False
    for value in listed:
        fields = _month_and_day_fields(value)
        if fields is not None and fields[0] != fields[1]:
            return True
    return False


def _month_and_day_fields(value: str) -> tuple[int, int] | None:
    """The first two fields of a slashed or dashed date ("3/10/2026" → 3, 10); None otherwise."""
    match = _NUMERIC.fullmatch(value.strip()) if len(value) <= MAX_VALUE_LENGTH else None
    if match is None or match.group(2) == ".":
        return None
    return int(match.group(1)), int(match.group(3))


def parse_date(cell: str, order: DateOrder = "month_first") -> date | None:
    """The date a cell holds; None for a blank or a placeholder; ValueError when it is no date.

    Times are dropped: a timestamp's date is the one written, in the file's own time zone.
    """
    text = cell.strip()
    if text.casefold() in PLACEHOLDERS:
        return None
    if len(text) <= MAX_VALUE_LENGTH:
        found = _read_date(text, order)
        if found is not None:
            return found
    raise ValueError(f"{_shown(text)!r} is not a date; write it like {DATE_EXAMPLES}")


def _read_date(text: str, order: DateOrder) -> date | None:
    try:
        if re.match(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.fromisoformat(text).date()
        if match := _NUMERIC.fullmatch(text):
            first, separator, second, year = match.groups()
            # Dots are the day-first countries' separator (31.12.2026).
            day_first = separator == "." or order == "day_first"
            month, day = (second, first) if day_first else (first, second)
            return date(_full_year(year), int(month), int(day))
        if match := _YEAR_FIRST.fullmatch(text):
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if (match := _EXCEL_SERIAL.fullmatch(text)) and int(match.group(1)) in _SERIAL_RANGE:
            return _EXCEL_EPOCH + timedelta(days=int(match.group(1)))
        return _named_month_date(text)
    except ValueError:
        return None


def _named_month_date(text: str) -> date | None:
    words = _WEEKDAYS.sub("", _ORDINAL.sub(r"\1", text.casefold().replace(",", " ")))
    match = _NAMED.fullmatch(" ".join(words.replace(".", " ").split()))
    if match is None:
        return None
    month_name, month_first_day, day_first_day, day_first_month, year = match.groups()
    month = _MONTHS.get(month_name or day_first_month)
    if month is None:
        return None
    return date(int(year), month, int(month_first_day or day_first_day))


def _full_year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    # The POSIX rule strptime's %y follows: 69 to 99 are the 1900s, 00 to 68 the 2000s.
    short = int(digits)
    return 1900 + short if short >= 69 else 2000 + short


# ---- Salaries ----


@dataclass(frozen=True)
class ImportedSalary:
    minimum: int
    maximum: int
    currency: str | None
    period: SalaryPeriod


# Longest first, so "US$" is read before "$".
_CURRENCY_SIGNS = {
    "us$": "USD", "ca$": "CAD", "c$": "CAD", "au$": "AUD", "a$": "AUD", "nz$": "NZD",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "zł": "PLN",
}  # fmt: skip
_CURRENCY_CODES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "BRL", "MXN", "ZAR", "SGD", "HKD", "KRW", "ILS", "AED", "TRY", "RON",
)  # fmt: skip
_CURRENCY_WORDS = {code.casefold(): code for code in _CURRENCY_CODES} | {
    "euro": "EUR", "euros": "EUR", "dollars": "USD", "pounds": "GBP",
}  # fmt: skip
_CURRENCY_WORD = re.compile(r"(?<![a-z])[a-z]{3,7}(?![a-z])")
_PERIOD_WORDS: dict[SalaryPeriod, tuple[str, ...]] = {
    SalaryPeriod.HOUR: ("/hr", "/h", "/hour", "per hour", "an hour", "hourly", "p/h"),
    SalaryPeriod.DAY: ("/day", "/d", "per day", "a day", "daily"),
    SalaryPeriod.WEEK: ("/wk", "/week", "per week", "a week", "weekly"),
    SalaryPeriod.MONTH: ("/mo", "/month", "per month", "a month", "monthly", "pcm"),
    SalaryPeriod.YEAR: (
        "/yr", "/y", "/year", "per year", "a year", "yearly", "annual", "annually", "p.a.",
        "per annum", "/annum",
    ),
}  # fmt: skip
_PERIOD = re.compile(
    "|".join(
        rf"(?<![a-z]){re.escape(word)}(?![a-z])"
        for word in sorted(
            (word for words in _PERIOD_WORDS.values() for word in words), key=len, reverse=True
        )
    )
)
# Digits grouped in threes (any locale's separator), with cents; or plain digits.
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)\s*([km])?(?![a-z])"
)
# What may stand between the figures of a range, or around them: spacing, dashes, "to".
_FILLER = re.compile(r"(?:[\s\-\u2013\u2014~:]|\bto\b|\bgross\b)*")
_MULTIPLIERS = {"k": 1_000, "m": 1_000_000}


def parse_salary(cell: str) -> ImportedSalary | None:
    """Min, max, currency and period from "$150,000", "150k-180k", "€60.000", "$50/hr", …

    None for a blank or a placeholder; ValueError when the cell holds no salary we can read.
    """
    text = cell.strip()
    if text.casefold() in PLACEHOLDERS:
        return None
    salary = _read_salary(text.casefold()) if len(text) <= MAX_VALUE_LENGTH else None
    if salary is None:
        raise ValueError(
            f"{_shown(text)!r} is not a salary; write it like $150,000, 150k-180k or EUR 60000"
        )
    if salary.minimum > salary.maximum:
        raise ValueError("gives a range whose first figure is the larger; put the lower first")
    return salary


def _read_salary(text: str) -> ImportedSalary | None:
    period = SalaryPeriod.YEAR
    for found in _PERIOD.finditer(text):
        period = next(name for name, words in _PERIOD_WORDS.items() if found.group() in words)
    rest = _PERIOD.sub(" ", text)
    currency = None
    for sign, code in _CURRENCY_SIGNS.items():
        if sign in rest:
            currency = currency or code
            rest = rest.replace(sign, " ")
    for word in _CURRENCY_WORD.findall(rest):
        if word in _CURRENCY_WORDS:
            currency = currency or _CURRENCY_WORDS[word]
            rest = rest.replace(word, " ")
    amounts = list(_AMOUNT.finditer(rest))
    if not 1 <= len(amounts) <= 2 or not _FILLER.fullmatch(_AMOUNT.sub(" ", rest)):
        return None
    figures = [_figure(amount.group(1), amount.group(2)) for amount in amounts]
    low, high = figures[0], figures[-1]
    if low is None or high is None:
        return None
    # "150-180k": the suffix on the second figure is meant for both.
    suffix, first_suffix = amounts[-1].group(2), amounts[0].group(2)
    if len(amounts) == 2 and suffix and not first_suffix and low * _MULTIPLIERS[suffix] <= high:
        low *= _MULTIPLIERS[suffix]
    return ImportedSalary(minimum=low, maximum=high, currency=currency, period=period)


def _figure(digits: str, suffix: str | None) -> int | None:
    """A written number: "150,000", "60.000", "1.234,50", "72.5" (with a k), as a whole number."""
    digits = re.sub(r"[' \u00a0\u202f]", "", digits)
    separators = [sign for sign in digits if sign in ",."]
    if separators:
        last = separators[-1]
        # One kind of separator with three digits after it groups thousands in every locale.
        grouping_only = len(set(separators)) == 1 and (
            len(separators) > 1 or len(digits) - digits.rindex(last) - 1 == 3
        )
        if grouping_only:
            digits = digits.replace(last, "")
        else:
            other = "," if last == "." else "."
            digits = digits.replace(other, "").replace(last, ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    return round(value * (_MULTIPLIERS[suffix] if suffix else 1))


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"
