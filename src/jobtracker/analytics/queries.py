"""The dashboard's SQL: aggregates over one user's applications, stage events and deliverables.

Analytics is a read model across domains: it reads the applications domain's tables
(applications, stage events, tags) and the deliverables table directly, read-only and with
aggregates only, because those domains' services hand out whole rows and the dashboard must
not load 10,000 of them into Python. Every query is scoped by owner_id (one user's, or for a
coach's group dashboard the sharing members' together), and narrowed to the filtered
applications when filters are set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Protocol

from sqlalchemy import (
    CTE,
    ColumnElement,
    CompoundSelect,
    Date,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    and_,
    bindparam,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from jobtracker.analytics.schemas import AnalyticsFilters, Interval
from jobtracker.analytics.sql import median_of, month_start, seconds_between, week_start
from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.applications.stages import FINAL_STAGES, Stage
from jobtracker.db import UTCDateTime
from jobtracker.deliverables.models import Deliverable, DeliverableState

# The pipeline an application goes forward through; the other endings are off to the side.
FORWARD = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.ACCEPTED)
RESPONSE_STAGES = (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED)
TIMED_STAGES = tuple(stage for stage in Stage if not stage.is_final)


@dataclass(frozen=True)
class Shape:
    """What a statement's SQL depends on; the values themselves travel as bound parameters.

    Building a statement costs more Python time than running it for a small user, so each
    one is built once per shape and kept.
    """

    dialect: str
    date_from: bool = False
    date_to: bool = False
    tags: int = 0
    # Several owners' rows counted together (`owner_ids`), instead of one owner's.
    owners: bool = False

    @property
    def narrows(self) -> bool:
        return self.date_from or self.date_to or self.tags > 0


@dataclass(frozen=True)
class Scope:
    """One user's dashboard request: whose data, which applications, measured at what moment."""

    owner_id: int
    filters: AnalyticsFilters
    dialect: str
    now: datetime

    @property
    def shape(self) -> Shape:
        return Shape(
            self.dialect,
            date_from=self.filters.date_from is not None,
            date_to=self.filters.date_to is not None,
            tags=len(self.filters.tag),
        )

    def parameters(self) -> dict[str, Any]:
        today = self.now.date()
        offset = self.now.utcoffset()
        return {
            "owner_id": self.owner_id,
            "date_from": self.filters.date_from,
            "date_to": self.filters.date_to,
            **{f"tag_{index}": tag for index, tag in enumerate(self.filters.tag)},
            "now": self.now,
            "zone": str(self.now.tzinfo),
            "utc_offset": f"{int(offset.total_seconds()) if offset else 0:+d} seconds",
            "today": today,
            "recent_from": today - timedelta(days=29),
            "week_ahead": self.now + timedelta(days=7),
            "month_ago": self.now - timedelta(days=30),
        }


class Scoped(Protocol):
    """What running a statement needs: its shape, and the values of its parameters."""

    @property
    def shape(self) -> Shape: ...

    def parameters(self) -> dict[str, Any]: ...


OWNER = bindparam("owner_id", type_=Integer())
OWNERS = bindparam("owner_ids", type_=Integer(), expanding=True)
NOW = bindparam("now", type_=UTCDateTime())


def owned(shape: Shape, owner_id: SQLColumnExpression[int]) -> ColumnElement[bool]:
    """Rows of the scope's owner, or of its owners."""
    return owner_id.in_(OWNERS) if shape.owners else owner_id == OWNER


def local_day(shape: Shape, moment: SQLColumnExpression[datetime]) -> ColumnElement[date]:
    """The day a stored UTC moment fell on in the user's time zone. PostgreSQL knows the zone's
    rules; SQLite is given the zone's offset now, an hour out only across a clock change."""
    if shape.dialect == "postgresql":
        return cast(func.timezone(bindparam("zone", type_=String()), moment), Date)
    return func.date(moment, bindparam("utc_offset", type_=String()), type_=Date)


def selected_applications(shape: Shape) -> list[ColumnElement[bool]]:
    """Conditions on applications: the owner's, not in the trash, in the date range, with
    every tag. Archived ones count: archiving clears the board, not the record."""
    conditions: list[ColumnElement[bool]] = [
        owned(shape, Application.owner_id),
        Application.deleted_at.is_(None),
    ]
    day = func.coalesce(Application.applied_on, local_day(shape, Application.created_at))
    if shape.date_from:
        conditions.append(day >= bindparam("date_from", type_=Date()))
    if shape.date_to:
        conditions.append(day <= bindparam("date_to", type_=Date()))
    for index in range(shape.tags):
        # The owner too, so the lookup uses the (owner_id, name) index, not every user's tags.
        tagged = select(ApplicationTag.id).where(
            owned(shape, ApplicationTag.owner_id),
            ApplicationTag.name == bindparam(f"tag_{index}", type_=String()),
            ApplicationTag.application_id == Application.id,
        )
        conditions.append(tagged.exists())
    return conditions


def narrowed(shape: Shape, application_id: SQLColumnExpression[int]) -> list[ColumnElement[bool]]:
    """A condition keeping rows of selected applications."""
    if not shape.narrows:
        # Only the trash is left out: usually empty or small, and found by its index.
        trashed = select(Application.id).where(
            owned(shape, Application.owner_id), Application.deleted_at.is_not(None)
        )
        return [application_id.not_in(trashed)]
    return [application_id.in_(select(Application.id).where(*selected_applications(shape)))]


@dataclass(frozen=True)
class Spread:
    """How many values there are, their mean and their median."""

    count: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class Figures:
    """The counts and spreads that come from applications and their stage history."""

    applications: int
    active: int
    applied_last_30_days: int
    without_applied_date: int
    applied: int
    responded: int
    screened: int
    interviewed: int
    offered: int
    seconds_to_first_response: Spread
    seconds_in_stage: dict[Stage, Spread]
    in_stage_now: dict[Stage, int]


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count().filter(condition)


def per_application(shape: Shape, *, durations: bool = True) -> CTE:
    """One row per application: time in each stage, endings, when it was first answered.

    A single grouped pass over the stage events, no window and no sorting. Every event both
    enters one stage (to_stage) and leaves another (from_stage), so the time spent in a stage
    is the sum of the moments the application left it minus the sum of the moments it
    entered it. Moments are counted in seconds from now, so a visit still open, whose exit
    is missing, counts until now by itself.

    Without durations (counts only), a stage's column is the first moment the application
    entered it instead: NULL exactly when its time there would be, at a fraction of the work.
    """
    seconds_from_now = seconds_between(NOW, StageEvent.at)
    entered, left = StageEvent.to_stage, StageEvent.from_stage
    timing: list[ColumnElement[Any]] = (
        [
            seconds_between(
                func.min(StageEvent.at).filter(entered == Stage.APPLIED),
                func.min(StageEvent.at).filter(left == Stage.APPLIED, entered.in_(RESPONSE_STAGES)),
            ).label("first_response"),
            *[
                (
                    func.coalesce(func.sum(seconds_from_now).filter(left == stage), 0)
                    - func.sum(seconds_from_now).filter(entered == stage)
                ).label(stage.value)
                for stage in TIMED_STAGES
            ],
        ]
        if durations
        else [
            func.min(StageEvent.at).filter(entered == stage).label(stage.value)
            for stage in TIMED_STAGES
        ]
    )
    return (
        select(
            StageEvent.application_id,
            count_if(entered == Stage.ACCEPTED).label("acceptances"),
            count_if(entered == Stage.REJECTED).label("rejections"),
            *timing,
        )
        .where(owned(shape, StageEvent.owner_id), *narrowed(shape, StageEvent.application_id))
        .group_by(StageEvent.application_id)
        .cte("per_application")
    )


SPREADS = ("first_response", *(stage.value for stage in TIMED_STAGES))
COUNTS = (
    "applications",
    "active",
    "applied_last_30_days",
    "without_applied_date",
    "applied",
    "responded",
    "screened",
    "interviewed",
    "offered",
)


@dataclass(frozen=True)
class Progress:
    """How far an application got, as conditions on its row joined to its per_application row:
    the rates' numerators (each among the applied) and their denominator."""

    applied: ColumnElement[bool]
    responded: ColumnElement[bool]
    screened: ColumnElement[bool]
    interviewed: ColumnElement[bool]
    offered: ColumnElement[bool]


def progress(history: CTE) -> Progress:
    # Time in a stage is NULL exactly when the application never entered it.
    ever_in: dict[Stage, ColumnElement[bool]] = {
        stage: history.c[stage.value].is_not(None) for stage in FORWARD[:-1]
    }
    ever_in[Stage.ACCEPTED] = history.c.acceptances > 0

    def reached(stage: Stage) -> ColumnElement[bool]:
        """Ever in this stage or a later one of the forward pipeline, by stage history."""
        return or_(*[ever_in[later] for later in FORWARD[FORWARD.index(stage) :]])

    applied = or_(reached(Stage.APPLIED), Application.applied_on.is_not(None))
    return Progress(
        applied=applied,
        responded=and_(applied, or_(reached(Stage.SCREENING), history.c.rejections > 0)),
        screened=and_(applied, reached(Stage.SCREENING)),
        interviewed=and_(applied, reached(Stage.INTERVIEW)),
        offered=and_(applied, reached(Stage.OFFER)),
    )


def in_stage_now() -> list[ColumnElement[int]]:
    """How many of the rows are in each stage now, labelled now_in_<stage>."""
    return [count_if(Application.stage == stage).label(f"now_in_{stage.value}") for stage in Stage]


@cache
def _figures_statement(shape: Shape) -> Select[*tuple[Any, ...]]:
    history = per_application(shape)
    reached = progress(history)
    recently = Application.applied_on.between(
        bindparam("recent_from", type_=Date()), bindparam("today", type_=Date())
    )
    counts = [
        func.count(),
        count_if(Application.stage.not_in(sorted(FINAL_STAGES))),
        count_if(recently),
        count_if(Application.applied_on.is_(None)),
        count_if(reached.applied),
        count_if(reached.responded),
        count_if(reached.screened),
        count_if(reached.interviewed),
        count_if(reached.offered),
    ]
    return (
        select(
            *[count.label(name) for name, count in zip(COUNTS, counts, strict=True)],
            # The current stages come from the same rows, so they cost no pass of their own.
            *in_stage_now(),
            *[
                part
                for name in SPREADS
                for part in (
                    func.count(history.c[name]).label(f"{name}_count"),
                    func.avg(history.c[name]).label(f"{name}_mean"),
                    median_of(shape.dialect, history.c[name]).label(f"{name}_median"),
                )
            ],
        )
        .select_from(Application)
        .outerjoin(history, history.c.application_id == Application.id)
        .where(*selected_applications(shape))
    )


def figures(session: Session, scope: Scope) -> Figures:
    """Counts over the selected applications, each joined to its row of stage history facts."""
    values = session.execute(_figures_statement(scope.shape), scope.parameters()).one()._mapping

    def spread(name: str) -> Spread:
        return Spread(values[f"{name}_count"], values[f"{name}_mean"], values[f"{name}_median"])

    return Figures(
        **{name: values[name] for name in COUNTS},
        seconds_to_first_response=spread("first_response"),
        seconds_in_stage={stage: spread(stage.value) for stage in TIMED_STAGES},
        in_stage_now={stage: values[f"now_in_{stage.value}"] for stage in Stage},
    )


@cache
def _per_period_statement(shape: Shape) -> CompoundSelect[Any]:
    # Counted per day first: one pass over the applications, then a few hundred days bucketed.
    days = (
        select(Application.applied_on.label("day"), func.count().label("applications"))
        .where(*selected_applications(shape), Application.applied_on.is_not(None))
        .group_by(Application.applied_on)
        .cte("days")
    )
    per_interval = [
        select(
            literal(interval.value), bucket, cast(func.sum(days.c.applications), Integer)
        ).group_by(bucket)
        for interval, bucket in (
            (Interval.WEEK, week_start(days.c.day)),
            (Interval.MONTH, month_start(days.c.day)),
        )
    ]
    return union_all(*per_interval)


def applications_per_period(session: Session, scope: Scoped) -> dict[Interval, dict[date, int]]:
    """Applications per week and per month of their applied_on date."""
    counts: dict[Interval, dict[date, int]] = {interval: {} for interval in Interval}
    rows = session.execute(_per_period_statement(scope.shape), scope.parameters())
    for interval, period, count in rows:
        counts[Interval(interval)][period] = count
    return counts


@dataclass(frozen=True)
class DeliverableFigures:
    due_this_week: int
    overdue: int
    done_last_30_days: int


@cache
def _deliverables_statement(shape: Shape) -> Select[*tuple[Any, ...]]:
    not_done = Deliverable.state != DeliverableState.DONE
    due_soon = and_(
        Deliverable.due_at >= NOW,
        Deliverable.due_at < bindparam("week_ahead", type_=UTCDateTime()),
    )
    done_recently = and_(
        Deliverable.state == DeliverableState.DONE,
        Deliverable.done_at >= bindparam("month_ago", type_=UTCDateTime()),
    )
    return select(
        count_if(and_(not_done, due_soon)),
        count_if(and_(not_done, Deliverable.due_at < NOW)),
        count_if(done_recently),
    ).where(owned(shape, Deliverable.owner_id), *narrowed(shape, Deliverable.application_id))


def deliverable_figures(session: Session, scope: Scope) -> DeliverableFigures:
    row = session.execute(_deliverables_statement(scope.shape), scope.parameters()).one()
    return DeliverableFigures(*row)


@cache
def _stage_moves_statement(shape: Shape) -> Select[*tuple[Any, ...]]:
    return (
        select(StageEvent.from_stage, StageEvent.to_stage, func.count())
        .where(
            owned(shape, StageEvent.owner_id),
            *narrowed(shape, StageEvent.application_id),
            StageEvent.from_stage.is_not(None),
        )
        .group_by(StageEvent.from_stage, StageEvent.to_stage)
    )


def stage_moves(session: Session, scope: Scope) -> list[tuple[Stage, Stage, int]]:
    """How many times the selected applications moved from one stage to another."""
    rows = session.execute(_stage_moves_statement(scope.shape), scope.parameters()).all()
    # from_stage is never NULL here; the check only tells the type checker so.
    return [(source, target, count) for source, target, count in rows if source is not None]
