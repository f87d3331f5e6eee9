"""The proof-of-search report's query: a range of whole days, checked with plain sentences."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

REPORT_YEARS = 2


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


def _two_years_after(day: date) -> date:
    try:
        return day.replace(year=day.year + REPORT_YEARS)
    except ValueError:  # 29 February, in a year that has none
        return date(day.year + REPORT_YEARS, 3, 1)


class ReportRange(BaseModel):
    """Applications sent from `date_from` to `date_to`, both days included, on your calendar."""

    model_config = ConfigDict(extra="forbid")

    date_from: date = Field(description="First day (YYYY-MM-DD)")
    date_to: date = Field(description="Last day (YYYY-MM-DD), before the same day two years on")

    @field_validator("date_to")
    @classmethod
    def _in_order_and_bounded(cls, date_to: date, info: ValidationInfo) -> date:
        date_from = info.data.get("date_from")
        if date_from is None:
            return date_to
        if date_to < date_from:
            raise ValueError("Choose a last day on or after the first day.")
        if date_to >= _two_years_after(date_from):
            raise ValueError(
                "Choose a range of at most two years; make one report for each part of a "
                "longer one."
            )
        return date_to


class PdfReportRange(ReportRange):
    paper: Paper = Field(default=Paper.A4, description="A4 or US Letter")
