"""ExtractedPosting: merging sources best first, what is missing, and its plain form."""

from __future__ import annotations

from datetime import date

from jobtracker.applications.stages import SalaryPeriod, WorkMode
from jobtracker.capture.posting import FIELD_NAMES, ExtractedPosting, FieldSource, Found


def test_merged_with_keeps_its_own_fields_and_fills_the_missing_ones() -> None:
    structured = ExtractedPosting(role=Found("Engineer", FieldSource.JSON_LD), board="Greenhouse")
    page = ExtractedPosting(
        role=Found("Senior Engineer", FieldSource.META),
        company=Found("Acme", FieldSource.META),
        board="Other",
    )

    merged = structured.merged_with(page)

    assert merged.role == Found("Engineer", FieldSource.JSON_LD)
    assert merged.company == Found("Acme", FieldSource.META)
    assert merged.board == "Greenhouse"
    assert structured.company is None  # neither side changed


def test_missing_lists_the_fields_without_a_value_in_form_order() -> None:
    posting = ExtractedPosting(
        company=Found("Acme", FieldSource.JOB_BOARD),
        deadline=Found(date(2027, 1, 1), FieldSource.AI),
    )

    assert posting.missing() == [
        name for name in FIELD_NAMES if name not in ("company", "deadline")
    ]
    assert "board" not in FIELD_NAMES


def test_as_dict_gives_json_ready_values_and_sources() -> None:
    posting = ExtractedPosting(
        work_mode=Found(WorkMode.REMOTE, FieldSource.JSON_LD),
        salary_period=Found(SalaryPeriod.MONTH, FieldSource.PAGE_TEXT),
        posted_on=Found(date(2026, 11, 2), FieldSource.MICRODATA),
        salary_min=Found(5000, FieldSource.PAGE_TEXT),
        board="Lever",
    )

    plain = posting.as_dict()

    assert plain["work_mode"] == {"value": "remote", "source": "json_ld"}
    assert plain["salary_period"] == {"value": "month", "source": "page_text"}
    assert plain["posted_on"] == {"value": "2026-11-02", "source": "microdata"}
    assert plain["salary_min"] == {"value": 5000, "source": "page_text"}
    assert plain["company"] is None
    assert plain["board"] == "Lever"
    assert list(plain) == [*FIELD_NAMES, "board"]
