"""A salary stated in running text ("$150,000 - $180,000 a year", "55.000 € brutto pro Jahr").

The figures themselves are read by the import's `parse_salary`; this module finds where a
salary is written and reads the pay period in English, German, French and Spanish, which
`parse_salary` does not know. Only a figure with a currency counts, and only when it is a
range, names a period, or sits on a line that talks about pay: a "$1,000 learning budget"
is no salary. Every quantifier is bounded, so no text makes the search slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jobtracker.applications.stages import SalaryPeriod
from jobtracker.capture.vocabulary import PERIOD_WORDS, period_from_word
from jobtracker.portability.import_values import parse_salary

_CURRENCY = (
    r"(?:US\$|CA\$|AU\$|A\$|C\$|[$€£₹¥]|"
    r"\b(?:USD|EUR|GBP|INR|CAD|AUD|NZD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|SGD|HKD|BRL|MXN|ZAR)\b)"
)
# A written number (grouped any way, Indian lakhs too) with an optional "k"; not "$120M".
_FIGURE = r"\d(?:[\d,.'\u00a0\u202f ]{0,12}\d)?(?:\s?[kK])?(?![\dA-Za-z])"
_WITH_CURRENCY = rf"(?:{_CURRENCY}\s?{_FIGURE}|{_FIGURE}\s?{_CURRENCY})"
_MAYBE_CURRENCY = rf"(?:{_CURRENCY}\s?)?{_FIGURE}(?:\s?{_CURRENCY})?"
_RANGE_WORD = r"(?:-|\u2013|\u2014|~|(?:to|bis|à|a|hasta)(?!\w))"
# The period words as written in running text: the table's folded words and their spellings
# with accents or dots.
_PERIOD_SPELLINGS = (*PERIOD_WORDS, "día", "année", "año", "jährlich", "p.a.")
_PERIOD_WORD = "|".join(
    re.escape(word) for word in sorted(_PERIOD_SPELLINGS, key=len, reverse=True)
)
_PERIOD = (
    r"(?:\s{0,3}(?:gross|brutto|brut|bruto))?"
    rf"\s{{0,3}}(?:/\s?|per\s|an?\s|pro\s|par\s|al\s|por\s|im\s)?(?P<period>{_PERIOD_WORD})(?!\w)"
)
_SALARY = re.compile(
    rf"(?P<amounts>{_WITH_CURRENCY}(?:\s{{0,3}}{_RANGE_WORD}\s{{0,3}}{_MAYBE_CURRENCY})?"
    rf"|{_FIGURE}\s{{0,3}}{_RANGE_WORD}\s{{0,3}}{_WITH_CURRENCY})(?:{_PERIOD})?",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(
    rf"(?<=[\d kK$€£₹¥])\s{{0,3}}{_RANGE_WORD}\s{{0,3}}(?=\S)", re.IGNORECASE
)
_LAKHS = re.compile(r"\b\d{1,2}(?:,\d{2})+,\d{3}\b")
_PAY_WORDS = re.compile(
    r"\b(?:salary|pay|compensation|wage|rate|base|ote|gehalt|vergütung|verguetung|lohn|"
    r"salaire|rémunération|remuneration|sueldo|salario|retribución|ctc)\b",
    re.IGNORECASE,
)
# Text past this point is not searched: a salary is stated early or in a short posting.
MAX_SEARCH_CHARS = 200_000
# A salary always has a currency: only the text around each currency sign or code is matched,
# for at most this many of them, so text full of digits or signs costs little.
MAX_CURRENCY_MENTIONS = 200
_BEFORE_CURRENCY = 40  # "150 000 - 180 000 USD": the figures stand before the code
_AFTER_CURRENCY = 90
_CURRENCY_MENTION = re.compile(_CURRENCY)


@dataclass(frozen=True)
class TextSalary:
    minimum: int
    maximum: int
    currency: str | None
    period: SalaryPeriod | None


def salary_in_text(text: str) -> TextSalary | None:
    """The first salary the text states plainly, or None."""
    searched = text[:MAX_SEARCH_CHARS]
    for match in _candidates(searched):
        amounts = match.group("amounts")
        period_word = match.group("period")
        is_range = _RANGE_BETWEEN.search(amounts) is not None
        if not (is_range or period_word or _on_a_pay_line(searched, match.start())):
            continue
        salary = _read(amounts)
        if salary is not None:
            period = period_from_word(period_word) if period_word else None
            return TextSalary(salary.minimum, salary.maximum, salary.currency, period)
    return None


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Salary-shaped matches near the text's first currency mentions, in order, each once."""
    searched_to = 0
    for count, mention in enumerate(_CURRENCY_MENTION.finditer(text)):
        if count >= MAX_CURRENCY_MENTIONS:
            return
        start = max(searched_to, mention.start() - _BEFORE_CURRENCY)
        end = mention.end() + _AFTER_CURRENCY
        if start >= mention.end():
            continue  # this mention was inside the last match
        match = _SALARY.search(text, start, end)
        while match is not None and match.end() <= mention.start():
            match = _SALARY.search(text, match.end(), end)
        if match is not None:
            searched_to = match.end()
            yield match


def _read(amounts: str) -> TextSalary | None:
    written = _LAKHS.sub(lambda found: found.group().replace(",", ""), amounts)
    written = _RANGE_BETWEEN.sub(" - ", written)
    try:
        salary = parse_salary(written)
    except ValueError:
        return None
    if salary is None or salary.currency is None:
        return None
    return TextSalary(salary.minimum, salary.maximum, salary.currency, None)


def _on_a_pay_line(text: str, position: int) -> bool:
    """Whether the words before the figure on its line (up to 120 characters) mention pay."""
    window_start = max(0, position - 120)
    line_start = text.rfind("\n", window_start, position) + 1
    return _PAY_WORDS.search(text[max(line_start, window_start) : position]) is not None
