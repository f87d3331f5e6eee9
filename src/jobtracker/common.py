"""Small shapes every domain's API shares: pages of results, tags, text that gets trimmed."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Path
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_TAGS = 20
# Ids are 32-bit on PostgreSQL; a larger one is bad input, not a database error.
MAX_ID = 2_147_483_647


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
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
RequiredShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
PageLimit = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]
PageOffset = Annotated[int, Field(ge=0, le=10_000_000)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
