"""Shapes every domain's API shares: pages, tags and filters, days and moments, trimmed text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, StringConstraints
from pydantic_core import PydanticCustomError

from jobtracker.errors import TOO_MANY_FILTER_VALUES

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_TAGS = 20
# Values one repeatable filter (?tag=a&tag=b…) may hold, on every list and export: each adds
# a condition to the query, and a thousand tags kept PostgreSQL busy for minutes.
MAX_FILTER_VALUES = MAX_TAGS
FILTER_VALUES_SCHEMA: dict[str, Any] = {"maxItems": MAX_FILTER_VALUES}
# Ids are 32-bit on PostgreSQL; a larger one is bad input, not a database error.
MAX_ID = 2_147_483_647
# Counts stored in an Integer column (tokens, sizes) fit the same 32 bits.
MAX_STORED_INT = MAX_ID
# Every day and moment the API takes falls in these years: wide enough for any job hunt, and
# far enough inside Python's range that a time zone or a day added (the calendar's all-day
# deadlines) never overflows it.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)
# Whole sentences, shown as they are under a form's date input.
OUT_OF_RANGE = f"Use a date between {EARLIEST_DAY} and {LATEST_DAY}."
MOMENT_OUT_OF_RANGE = f"Use a date between {EARLIEST_DAY} and {LATEST_DAY} (in UTC)."


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def _normalise_tags(tags: list[str]) -> list[str]:
    # Lower-cased and de-duplicated, keeping the order the user typed them in.
    return list(dict.fromkeys(tag.lower() for tag in tags))


def _printable(text: str) -> str:
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        raise ValueError("must not contain control characters (tabs, line breaks and the like)")
    return text


Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
    AfterValidator(_printable),
]
Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_normalise_tags)]


def capped_filter(label: str) -> AfterValidator:
    """The one refusal of a repeatable filter given too many values; `label` is their name."""

    def at_most(values: Sequence[T] | None) -> Sequence[T] | None:
        if values is not None and len(values) > MAX_FILTER_VALUES:
            raise PydanticCustomError(
                TOO_MANY_FILTER_VALUES,
                "Filter by at most {maximum} {label} at a time.",
                {"maximum": MAX_FILTER_VALUES, "label": label},
            )
        return values

    return AfterValidator(at_most)


# The dashboard's tag filter: at most MAX_FILTER_VALUES values, read as stored tags.
TagFilter = Annotated[list[Tag], capped_filter("tags"), AfterValidator(_normalise_tags)]


def _in_range(day: date) -> date:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(OUT_OF_RANGE)
    return day


def _in_utc(moment: datetime) -> datetime:
    # Stored in UTC anyway; converting here makes the answer to a write match later reads.
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59:59-14:00 is in the year 10000 in UTC
        raise ValueError(MOMENT_OUT_OF_RANGE) from None
    if not EARLIEST_DAY <= in_utc.date() <= LATEST_DAY:
        raise ValueError(MOMENT_OUT_OF_RANGE)
    return in_utc


Day = Annotated[date, AfterValidator(_in_range)]
# A naive datetime is refused (422): the server cannot guess which time zone was meant.
UtcMoment = Annotated[AwareDatetime, AfterValidator(_in_utc)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
RequiredShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
PageLimit = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]
PageOffset = Annotated[int, Field(ge=0, le=10_000_000)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
