"""Saved posting pages, job-board API answers and pasted texts, read from tests/capture/fixtures.

Each was written from the site's documented or observed shape (see each board's public
posting API, and the schema.org JobPosting markup Google documents), not copied from one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jobtracker.capture.posting import ExtractedPosting, FieldSource, Found

FIXTURES = Path(__file__).parent / "fixtures"


def board_answer(name: str) -> object:
    return json.loads((FIXTURES / "boards" / f"{name}.json").read_text(encoding="utf-8"))


def page(name: str) -> str:
    return (FIXTURES / "pages" / f"{name}.html").read_text(encoding="utf-8")


def pasted(name: str) -> str:
    return (FIXTURES / "text" / f"{name}.txt").read_text(encoding="utf-8")


def fields_and_sources(posting: ExtractedPosting) -> dict[str, tuple[Any, FieldSource] | None]:
    """Every field (the description aside) as (value, source), to compare in one assert."""
    answer: dict[str, tuple[Any, FieldSource] | None] = {}
    for name, found in vars(posting).items():
        if name in ("job_description", "board"):
            continue
        answer[name] = None if found is None else (found.value, found.source)
    return answer


def expected(source: FieldSource, **values: object) -> dict[str, tuple[Any, FieldSource] | None]:
    """The fields_and_sources answer for values all from `source`; a (value, source) pair
    given for a field overrides the source; a field not named is expected to be None."""
    names = [name for name in vars(ExtractedPosting()) if name not in ("job_description", "board")]
    answer: dict[str, tuple[Any, FieldSource] | None] = dict.fromkeys(names)
    for name, value in values.items():
        assert name in answer, name
        if isinstance(value, tuple):
            answer[name] = (value[0], value[1])
        else:
            answer[name] = (value, source)
    return answer


def description(posting: ExtractedPosting) -> Found[str]:
    assert posting.job_description is not None
    return posting.job_description
