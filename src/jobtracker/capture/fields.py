"""Filling an ExtractedPosting from one source: values checked, trimmed to what the form stores.

Every reader (job boards, schema.org, meta tags, pasted text) fills through a PostingBuilder,
so a value that is no value (an empty string, a negative salary, a currency that is no ISO
code, a javascript: link) is dropped the same way everywhere, and the first evidence wins.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, TypeVar
from urllib.parse import urlsplit

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode
from jobtracker.capture.html_text import description_text
from jobtracker.capture.posting import ExtractedPosting, FieldSource, Found

# The lengths the application form stores (applications' ShortText and JobUrl; MAX_SALARY).
MAX_SHORT_TEXT = 200
MAX_URL = 2000
MAX_SALARY = 1_000_000_000
TextField = Literal["company", "role", "location"]
_CURRENCY = re.compile(r"[A-Z]{3}")
_SPACES = re.compile(r"\s+")
T = TypeVar("T")


class PostingBuilder:
    def __init__(self, source: FieldSource) -> None:
        self.source = source
        self.posting = ExtractedPosting()

    def _found(self, value: T) -> Found[T]:
        return Found(value, self.source)

    def text(self, field: TextField, value: object) -> None:
        if getattr(self.posting, field) is not None or not isinstance(value, str):
            return
        cleaned = _SPACES.sub(" ", value).strip()
        if cleaned:
            setattr(self.posting, field, self._found(_shortened(cleaned)))

    def work_mode(self, mode: WorkMode | None) -> None:
        if mode is not None and self.posting.work_mode is None:
            self.posting.work_mode = self._found(mode)

    def employment_type(self, kind: EmploymentType | None) -> None:
        if kind is not None and self.posting.employment_type is None:
            self.posting.employment_type = self._found(kind)

    def salary_period(self, period: SalaryPeriod | None) -> None:
        if period is not None and self.posting.salary_period is None:
            self.posting.salary_period = self._found(period)

    def salary(self, minimum: object, maximum: object, currency: object) -> None:
        """A range (or one figure, as both ends) and its currency; nothing when it is no salary."""
        if self.posting.salary_min is not None or self.posting.salary_max is not None:
            return
        low, high = _amount(minimum), _amount(maximum)
        low, high = (low if low is not None else high), (high if high is not None else low)
        if low is None or high is None or low > high:
            return
        self.posting.salary_min = self._found(low)
        self.posting.salary_max = self._found(high)
        if isinstance(currency, str) and _CURRENCY.fullmatch(currency.strip().upper()):
            self.posting.salary_currency = self._found(currency.strip().upper())

    def description(self, markup: object) -> None:
        if self.posting.job_description is not None or not isinstance(markup, str):
            return
        text = description_text(markup)
        if text:
            self.posting.job_description = self._found(text)

    def plain_description(self, text: str) -> None:
        if self.posting.job_description is None and text:
            self.posting.job_description = self._found(text)

    def url(self, value: object) -> None:
        if self.posting.job_url is not None or not isinstance(value, str):
            return
        address = value.strip()
        parts = urlsplit(address)
        if len(address) <= MAX_URL and parts.scheme in ("http", "https") and parts.hostname:
            self.posting.job_url = self._found(address)

    def posted_on(self, day: date | None) -> None:
        if day is not None and self.posting.posted_on is None:
            self.posting.posted_on = self._found(day)

    def deadline(self, day: date | None) -> None:
        if day is not None and self.posting.deadline is None:
            self.posting.deadline = self._found(day)


def _amount(value: object) -> int | None:
    """A whole salary figure from a number or numeric text ("150000", "150000.00")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", ""))
        except ValueError:
            return None
    if not isinstance(value, int | float) or value != value:  # NaN is no figure
        return None
    figure = round(value)
    return figure if 0 < figure <= MAX_SALARY else None


def _shortened(text: str) -> str:
    if len(text) <= MAX_SHORT_TEXT:
        return text
    return text[: MAX_SHORT_TEXT - 1].rstrip() + "…"
