"""Request and response shapes for the board: its cards, their order and the user's columns."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from jobtracker.applications.schemas import NextStep
from jobtracker.applications.stages import Priority, SalaryPeriod, Stage, WorkMode
from jobtracker.common import MAX_ID

MAX_STAGE_LABEL = 40
# The board's own page size: it loads every active application, this many a request.
MAX_BOARD_PAGE = 1000


def _known_stage(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        known = ", ".join(stage.value for stage in Stage)
        raise ValueError(f"There is no stage called '{value[:40]}'. Use one of: {known}.") from None


def _printable_label(label: str) -> str | None:
    if any(ord(character) < 32 or ord(character) == 127 for character in label):
        raise ValueError("Use a column name without tabs, line breaks or other control characters.")
    return label or None  # an empty name means the stage's own


StageName = Annotated[str, StringConstraints(max_length=40), AfterValidator(_known_stage)]
StageLabel = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=MAX_STAGE_LABEL),
    AfterValidator(_printable_label),
]


class StageLayoutIn(BaseModel):
    """One column as the user wants it; what is left out keeps its default."""

    model_config = ConfigDict(extra="forbid")

    stage: StageName
    label: StageLabel | None = Field(
        default=None, description=f"The user's name for it, up to {MAX_STAGE_LABEL} characters"
    )
    collapsed: bool | None = Field(
        default=None, description="Folded into a narrow lane; null: final stages are"
    )
    hidden: bool = False


class BoardLayoutIn(BaseModel):
    """The whole layout; stages not listed go back to their defaults ([] resets the board)."""

    model_config = ConfigDict(extra="forbid")

    stages: list[StageLayoutIn] = Field(max_length=len(Stage))

    @field_validator("stages")
    @classmethod
    def _each_stage_once(cls, stages: list[StageLayoutIn]) -> list[StageLayoutIn]:
        seen: set[str] = set()
        for layout in stages:
            if layout.stage in seen:
                raise ValueError(f"The stage '{layout.stage}' is listed twice; list it once.")
            seen.add(layout.stage)
        return stages


class StageLayoutOut(BaseModel):
    stage: Stage
    label: str | None = Field(description="The user's name for it; null: the stage's own")
    collapsed: bool
    hidden: bool
    final: bool


class BoardLayoutOut(BaseModel):
    stages: list[StageLayoutOut] = Field(description="Every stage, in pipeline order")


class BoardMove(BaseModel):
    """Where a card goes: a column, and the card it follows there."""

    model_config = ConfigDict(extra="forbid")

    stage: Stage
    after_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = Field(
        default=None, description="The card it goes right after in that column; null: the top"
    )


class BoardCardOut(BaseModel):
    """What a card on the board shows, without the long text a list item carries."""

    id: int
    company: str
    role: str
    stage: Stage
    location: str | None
    work_mode: WorkMode | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    salary_period: SalaryPeriod | None = Field(description="None means per year")
    priority: Priority
    updated_at: datetime
    stage_entered_at: datetime | None
    board_position: float | None
    next_step: NextStep | None
