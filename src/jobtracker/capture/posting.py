"""A job posting as extraction found it: each field with the source it came from, or None."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode

T = TypeVar("T")


class FieldSource(StrEnum):
    """Where a field's value was read, best first; the form shows it beside the field."""

    JOB_BOARD = "job_board"  # a job board's public posting API
    JSON_LD = "json_ld"  # schema.org JobPosting in a <script type="application/ld+json">
    MICRODATA = "microdata"  # schema.org JobPosting in itemprop attributes
    META = "meta"  # OpenGraph/meta tags, the canonical link or the <title>
    PAGE_TEXT = "page_text"  # the page's readable main text, or text a person pasted
    AI = "ai"  # filled by the model for a field the parser left empty


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    source: FieldSource


@dataclass
class ExtractedPosting:
    company: Found[str] | None = None
    role: Found[str] | None = None
    location: Found[str] | None = None
    work_mode: Found[WorkMode] | None = None
    salary_min: Found[int] | None = None
    salary_max: Found[int] | None = None
    salary_currency: Found[str] | None = None  # ISO 4217
    salary_period: Found[SalaryPeriod] | None = None
    employment_type: Found[EmploymentType] | None = None
    deadline: Found[date] | None = None  # schema.org validThrough
    posted_on: Found[date] | None = None  # schema.org datePosted
    job_description: Found[str] | None = None  # paragraphs split by blank lines, items "- …"
    job_url: Found[str] | None = None  # the canonical URL
    board: str | None = None  # the site the posting came from when known, e.g. "Greenhouse"

    def merged_with(self, fallback: ExtractedPosting) -> ExtractedPosting:
        """A copy keeping this posting's fields and taking the missing ones from `fallback`."""
        merged = ExtractedPosting()
        for field in fields(self):
            own = getattr(self, field.name)
            setattr(merged, field.name, own if own is not None else getattr(fallback, field.name))
        return merged

    def missing(self) -> list[str]:
        """The names of the posting's fields that have no value yet (board aside)."""
        return [name for name in FIELD_NAMES if getattr(self, name) is None]

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON: {"role": {"value": "…", "source": "json_ld"}, …, "board": …}."""
        answer: dict[str, Any] = {}
        for name in FIELD_NAMES:
            found: Found[Any] | None = getattr(self, name)
            answer[name] = (
                None
                if found is None
                else {"value": _plain(found.value), "source": found.source.value}
            )
        answer["board"] = self.board
        return answer


# The fields a form fills, in the order it shows them; `board` only labels the source site.
FIELD_NAMES: tuple[str, ...] = tuple(
    field.name for field in fields(ExtractedPosting) if field.name != "board"
)


def _plain(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
