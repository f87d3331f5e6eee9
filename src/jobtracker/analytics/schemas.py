"""Filters and response shapes for the analytics dashboard, ready to hand to chart components."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from jobtracker.applications.stages import Stage
from jobtracker.common import FILTER_VALUES_SCHEMA, TagFilter

IN_RANGE = (
    "An application is in the range when its applied_on date, or the UTC day it was created "
    "if it has no applied_on date, falls between date_from and date_to (both included)."
)


class AnalyticsFilters(BaseModel):
    """Which applications every figure counts; all filters apply to every figure at once."""

    date_from: date | None = Field(
        default=None, description=f"First day of the range (YYYY-MM-DD). {IN_RANGE}"
    )
    date_to: date | None = Field(
        default=None, description=f"Last day of the range (YYYY-MM-DD). {IN_RANGE}"
    )
    tag: TagFilter = Field(
        default=[],
        json_schema_extra=FILTER_VALUES_SCHEMA,
        description="Only applications that carry every one of these tags; repeat the "
        "parameter for several (?tag=remote&tag=python). Case does not matter.",
    )

    @field_validator("date_to")
    @classmethod
    def _range_is_in_order(cls, date_to: date | None, info: ValidationInfo) -> date | None:
        date_from = info.data.get("date_from")
        if date_to and date_from and date_from > date_to:
            raise ValueError("must be on or after date_from")
        return date_to


class Count(BaseModel):
    value: int
    definition: str = Field(description="What is counted, for a tooltip")


class Rate(BaseModel):
    value: float | None = Field(
        description="numerator / denominator, from 0 to 1; null when the denominator is 0"
    )
    numerator: int
    denominator: int
    definition: str = Field(description="What is divided by what, for a tooltip")


class Totals(BaseModel):
    applications: Count
    active: Count
    applied_last_30_days: Count
    offers: Count


class Rates(BaseModel):
    response: Rate
    interview: Rate
    offer: Rate


class TimeToResponse(BaseModel):
    median_days: float | None = Field(description="null when no application can be measured")
    applications: int = Field(description="How many applications the median is taken over")
    definition: str


class StageTime(BaseModel):
    stage: Stage
    applications: int = Field(description="Applications that have spent time in this stage")
    average_days: float | None
    median_days: float | None


class TimeInStage(BaseModel):
    stages: list[StageTime] = Field(description="Every stage that is not final, in order")
    definition: str


class DeliverableCounts(BaseModel):
    due_this_week: Count
    overdue: Count
    done_last_30_days: Count


class InterviewFigures(BaseModel):
    scheduled_this_week: Count
    held: Count


class Interval(StrEnum):
    WEEK = "week"
    MONTH = "month"


class PeriodCount(BaseModel):
    period: date = Field(description="First day of the period: a Monday, or the 1st of a month")
    count: int
    cumulative: int = Field(description="Applications up to the end of this period")


class Timeline(BaseModel):
    interval: Interval
    points: list[PeriodCount]
    gaps_filled: bool = Field(
        description="True when every period in the span is listed, empty ones with count 0; "
        "false only when the span is too long to list, and then only periods with "
        "applications are"
    )
    definition: str


class ApplicationsOverTime(BaseModel):
    week: Timeline
    month: Timeline
    without_applied_date: int = Field(description="Applications left out: no applied_on date")


class StageCount(BaseModel):
    stage: Stage
    count: int


class StageDistribution(BaseModel):
    stages: list[StageCount] = Field(description="Every stage, in pipeline order")
    definition: str


class FunnelStep(BaseModel):
    stage: Stage
    count: int
    share_of_applied: float | None = Field(description="count / the Applied step; null if 0")
    share_of_previous: float | None = Field(
        description="count / the step before; null for the first step, or if that step is 0"
    )


class Funnel(BaseModel):
    steps: list[FunnelStep] = Field(description="Applied, Screening, Interview, Offer")
    definition: str


class StageFlow(BaseModel):
    source: Stage
    target: Stage
    count: int
    forward: bool = Field(
        description="The target comes later in the pipeline than the source. A Sankey "
        "diagram cannot draw cycles: draw the forward links, list the others."
    )


class StageFlows(BaseModel):
    links: list[StageFlow]
    definition: str


class Analytics(BaseModel):
    """Everything the dashboard shows, for the applications the filters select."""

    generated_at: datetime
    filters: AnalyticsFilters
    totals: Totals
    rates: Rates
    time_to_first_response: TimeToResponse
    time_in_stage: TimeInStage
    deliverables: DeliverableCounts
    interviews: InterviewFigures
    applications_over_time: ApplicationsOverTime
    stage_distribution: StageDistribution
    funnel: Funnel
    stage_flows: StageFlows


class GroupDimension(StrEnum):
    RESUME = "resume"
    SOURCE = "source"
    WORK_MODE = "work_mode"
    MONTH = "month"


class RateName(StrEnum):
    RESPONSE = "response"
    INTERVIEW = "interview"
    OFFER = "offer"


class RateWithInterval(BaseModel):
    numerator: int
    denominator: int
    value: float | None = Field(description="numerator / denominator; null when it is 0")
    low: float | None = Field(description="Lower end of the 95% Wilson score interval")
    high: float | None = Field(description="Upper end of the 95% Wilson score interval")


class ResultGroup(BaseModel):
    key: str = Field(description="Stable within the dimension, for React keys and links")
    label: str = Field(description="The group as a person reads it: a file name, a source")
    recorded: bool = Field(description="False for the group of applications with nothing recorded")
    applications: int = Field(description="Applied applications in the group: every rate's base")
    too_few: bool = Field(description="Under the minimum group size: too few to tell")
    response: RateWithInterval
    interview: RateWithInterval
    offer: RateWithInterval


class GroupedDimension(BaseModel):
    dimension: GroupDimension
    label: str
    groups: list[ResultGroup]
    groups_left_out: int = Field(description="Smaller (or, by month, older) groups not listed")
    applications_left_out: int
    definition: str


class Standout(BaseModel):
    dimension: GroupDimension
    rate: RateName
    higher: str = Field(description="Key of the group with the higher rate")
    lower: str = Field(description="Key of the group with the lower rate")
    text: str = Field(description="The difference in a sentence")


class GroupedResults(BaseModel):
    """Response, interview and offer rates by group, with 95% intervals and what stands out."""

    generated_at: datetime
    filters: AnalyticsFilters
    min_group_size: int = Field(description="Groups with fewer applications are too few to tell")
    dimensions: list[GroupedDimension]
    standouts: list[Standout] = Field(
        description="Differences whose 95% intervals do not overlap, between groups both of "
        "at least min_group_size; empty when no difference is clear"
    )
    definition: str = Field(description="What the table shows, for a tooltip")
    definitions: dict[RateName, str] = Field(description="Each rate's own definition")
