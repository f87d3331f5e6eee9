"""The application form's limits (frontend draft.ts) agree with what the API accepts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from jobtracker.applications.schemas import ApplicationCreate
from jobtracker.common import EARLIEST_DAY, LATEST_DAY

DRAFT = Path(__file__).resolve().parents[2] / "frontend/src/features/applications/draft.ts"


def _form_limits() -> dict[str, int]:
    block = re.search(r"export const TEXT_LIMITS = \{(.*?)\}", DRAFT.read_text(), re.DOTALL)
    assert block, "draft.ts no longer declares TEXT_LIMITS"
    entries = re.findall(r"(\w+): ([\d_]+),", block.group(1))
    return {name: int(limit.replace("_", "")) for name, limit in entries}


def _api_limit(schema: dict[str, Any]) -> int | None:
    for variant in [schema, *schema.get("anyOf", [])]:
        if "maxLength" in variant:
            limit: int = variant["maxLength"]
            return limit
    return None


def test_every_limited_text_field_of_the_form_has_the_apis_limit() -> None:
    properties = ApplicationCreate.model_json_schema()["properties"]
    api_limits = {name: _api_limit(schema) for name, schema in properties.items()}
    # The currency's three letters are kept by its input's maxLength, not counted down.
    expected = {
        name: limit
        for name, limit in api_limits.items()
        if limit is not None and name != "salary_currency"
    }

    assert _form_limits() == expected


def test_the_forms_date_bounds_are_inside_the_days_the_api_takes() -> None:
    source = DRAFT.read_text()
    earliest = re.search(r'EARLIEST_DATE = "([\d-]+)"', source)
    latest = re.search(r'LATEST_DATE = "([\d-]+)"', source)
    assert earliest, "draft.ts no longer declares EARLIEST_DATE"
    assert latest, "draft.ts no longer declares LATEST_DATE"

    assert date.fromisoformat(earliest.group(1)) >= EARLIEST_DAY
    assert date.fromisoformat(latest.group(1)) <= LATEST_DAY
