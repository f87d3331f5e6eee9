"""Request and response shapes for weekly goals and their progress."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MIN_TARGET = 1
MAX_TARGET = 100
# How many weeks the progress lists, this one included.
RECENT_WEEKS = 8

Target = Annotated[
    int | None,
    Field(
        ge=MIN_TARGET,
        le=MAX_TARGET,
        strict=True,
        description=f"Per week, {MIN_TARGET} to {MAX_TARGET}; null turns this goal off",
    ),
]


class WeeklyGoalsUpdate(BaseModel):
    """The whole goal: a target left out is turned off, as with null."""

    model_config = ConfigDict(extra="forbid")

    applications_per_week: Target = None
    contacts_per_week: Target = None


class WeekProgress(BaseModel):
    week_start: date = Field(description="The week's Monday, in the user's time zone")
    applications: int = Field(description="Applications applied for in the week")
    contacts: int = Field(description="Networking contacts added in the week")
    met: bool | None = Field(description="Every goal set was reached; null when none is set")


class WeeklyGoals(BaseModel):
    applications_per_week: int | None
    contacts_per_week: int | None
    this_week: WeekProgress
    recent_weeks: list[WeekProgress] = Field(
        description=f"The last {RECENT_WEEKS} weeks, oldest first, this week last"
    )
    streak_weeks: int = Field(
        description="Weeks in a row the goal was met, up to last week, plus this week once it "
        "is met; 0 when no goal is set"
    )
    definition: str
