"""The dashboard's SQL: aggregates over one user's applications, stage events and deliverables.

Analytics is a read model across domains: it reads the applications domain's tables
(applications, stage events, tags) and the deliverables table directly, read-only and with
aggregates only, because those domains' services hand out whole rows and the dashboard must
not load 10,000 of them into Python. Every query is scoped by owner_id, and narrowed to the
filtered applications when filters are set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import (
    CTE,
    ColumnElement,
    SQLColumnExpression,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from jobtracker.analytics.schemas import AnalyticsFilters, Interval
from jobtracker.analytics.sql import median_of, month_start, seconds_between, utc_day, week_start
from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.applications.stages import FINAL_STAGES, Stage
from jobtracker.db import UTCDateTime
from jobtracker.deliverables.models import Deliverable, DeliverableState

# How far along the pipeline a stage is; the endings other than Accepted reach nothing.
REACH = {
    Stage.APPLIED: 1,
    Stage.SCREENING: 2,
    Stage.INTERVIEW: 3,
    Stage.OFFER: 4,
    Stage.ACCEPTED: 5,
}
RESPONSE_STAGES = (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED)
TIMED_STAGES = tuple(stage for stage in Stage if not stage.is_final)


@dataclass(frozen=True)
class Scope:
    """The applications the filters select, as conditions every query adds."""

    owner_id: int
    filters: AnalyticsFilters
    dialect: str

    def applications(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [Application.owner_id == self.owner_id]
        day = func.coalesce(Application.applied_on, utc_day(Application.created_at))
        if self.filters.date_from:
            conditions.append(day >= self.filters.date_from)
        if self.filters.date_to:
            conditions.append(day <= self.filters.date_to)
        for tag in self.filters.tag:
            conditions.append(
                select(ApplicationTag.id)
                .where(ApplicationTag.application_id == Application.id, ApplicationTag.name == tag)
                .exists()
            )
        return conditions

    def narrowed(self, application_id: SQLColumnExpression[int]) -> list[ColumnElement[bool]]:
        """A condition keeping rows of selected applications, when the filters leave any out."""
        if not self.filters.narrows:
            return []
        return [application_id.in_(select(Application.id).where(*self.applications()))]


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
    current_stages: dict[Stage, int]


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def _per_application(scope: Scope, now: datetime) -> CTE:
    """One row per application: how far it got, when it was first answered, time per stage.

    One pass over the stage events in (application, moment) order, which the index on
    stage events gives without sorting. The window hands each event the moment the next one
    came (when it left the stage) and the moment the application first entered Applied up to
    then; the grouping folds each application's events into one row.
    """
    by_application = StageEvent.application_id
    in_order = (StageEvent.at, StageEvent.id)
    visits = (
        select(
            by_application.label("application_id"),
            StageEvent.to_stage.label("stage"),
            StageEvent.at.label("entered_at"),
            func.lead(StageEvent.at)
            .over(partition_by=by_application, order_by=in_order)
            .label("left_at"),
            func.min(case((StageEvent.to_stage == Stage.APPLIED, StageEvent.at)))
            .over(partition_by=by_application, order_by=in_order)
            .label("applied_at"),
        )
        .where(StageEvent.owner_id == scope.owner_id, *scope.narrowed(by_application))
        .subquery("visits")
    )
    # The current stage runs until now.
    stay = seconds_between(
        visits.c.entered_at, func.coalesce(visits.c.left_at, literal(now, UTCDateTime()))
    )
    answered = and_(visits.c.stage.in_(RESPONSE_STAGES), visits.c.applied_at.is_not(None))
    reach = case(
        {stage.value: value for stage, value in REACH.items()}, value=visits.c.stage, else_=0
    )
    return (
        select(
            visits.c.application_id,
            func.max(reach).label("reach"),
            func.max(case((visits.c.stage == Stage.REJECTED, 1), else_=0)).label("rejected"),
            seconds_between(
                func.min(visits.c.applied_at), func.min(case((answered, visits.c.entered_at)))
            ).label("first_response"),
            *[
                func.sum(case((visits.c.stage == stage, stay))).label(stage.value)
                for stage in TIMED_STAGES
            ],
        )
        .group_by(visits.c.application_id)
        .cte("per_application")
    )


def figures(session: Session, scope: Scope, now: datetime) -> Figures:
    """Counts over the selected applications, each joined to its row of stage history facts."""
    history = _per_application(scope, now)
    today = now.date()
    reach = func.coalesce(history.c.reach, 0)
    applied = or_(reach >= REACH[Stage.APPLIED], Application.applied_on.is_not(None))
    counts = {
        "applications": func.count(),
        "active": _count_if(Application.stage.not_in(FINAL_STAGES)),
        "applied_last_30_days": _count_if(
            Application.applied_on.between(today - timedelta(days=29), today)
        ),
        "without_applied_date": _count_if(Application.applied_on.is_(None)),
        "applied": _count_if(applied),
        "responded": _count_if(
            and_(applied, or_(reach >= REACH[Stage.SCREENING], history.c.rejected == 1))
        ),
        "screened": _count_if(and_(applied, reach >= REACH[Stage.SCREENING])),
        "interviewed": _count_if(and_(applied, reach >= REACH[Stage.INTERVIEW])),
        "offered": _count_if(and_(applied, reach >= REACH[Stage.OFFER])),
    }
    spreads = ["first_response", *(stage.value for stage in TIMED_STAGES)]
    row = session.execute(
        select(
            *[expression.label(name) for name, expression in counts.items()],
            *[
                part
                for name in spreads
                for part in (
                    func.count(history.c[name]).label(f"{name}_count"),
                    func.avg(history.c[name]).label(f"{name}_mean"),
                    median_of(scope.dialect, history.c[name]).label(f"{name}_median"),
                )
            ],
            *[_count_if(Application.stage == stage).label(f"now_{stage.value}") for stage in Stage],
        )
        .select_from(Application)
        .outerjoin(history, history.c.application_id == Application.id)
        .where(*scope.applications())
    ).one()
    values = row._mapping

    def spread(name: str) -> Spread:
        return Spread(values[f"{name}_count"], values[f"{name}_mean"], values[f"{name}_median"])

    return Figures(
        **{name: values[name] for name in counts},
        seconds_to_first_response=spread("first_response"),
        seconds_in_stage={stage: spread(stage.value) for stage in TIMED_STAGES},
        current_stages={stage: values[f"now_{stage.value}"] for stage in Stage},
    )


def applications_per_period(session: Session, scope: Scope) -> dict[Interval, dict[date, int]]:
    """Applications per week and per month of their applied_on date."""
    dated = [*scope.applications(), Application.applied_on.is_not(None)]
    per_interval = [
        select(literal(interval.value), bucket, func.count()).where(*dated).group_by(bucket)
        for interval, bucket in (
            (Interval.WEEK, week_start(Application.applied_on)),
            (Interval.MONTH, month_start(Application.applied_on)),
        )
    ]
    counts: dict[Interval, dict[date, int]] = {interval: {} for interval in Interval}
    for interval, period, count in session.execute(union_all(*per_interval)):
        counts[Interval(interval)][period] = count
    return counts


@dataclass(frozen=True)
class DeliverableFigures:
    due_this_week: int
    overdue: int
    done_last_30_days: int


def deliverable_figures(session: Session, scope: Scope, now: datetime) -> DeliverableFigures:
    not_done = Deliverable.state != DeliverableState.DONE
    row = session.execute(
        select(
            _count_if(
                and_(
                    not_done,
                    Deliverable.due_at >= now,
                    Deliverable.due_at < now + timedelta(days=7),
                )
            ),
            _count_if(and_(not_done, Deliverable.due_at < now)),
            _count_if(
                and_(
                    Deliverable.state == DeliverableState.DONE,
                    Deliverable.done_at >= now - timedelta(days=30),
                )
            ),
        ).where(Deliverable.owner_id == scope.owner_id, *scope.narrowed(Deliverable.application_id))
    ).one()
    return DeliverableFigures(*row)


def stage_moves(session: Session, scope: Scope) -> list[tuple[Stage, Stage, int]]:
    """How many times the selected applications moved from one stage to another."""
    rows = session.execute(
        select(StageEvent.from_stage, StageEvent.to_stage, func.count())
        .where(
            StageEvent.owner_id == scope.owner_id,
            *scope.narrowed(StageEvent.application_id),
            StageEvent.from_stage.is_not(None),
        )
        .group_by(StageEvent.from_stage, StageEvent.to_stage)
    ).all()
    # from_stage is never NULL here; the check only tells the type checker so.
    return [(source, target, count) for source, target, count in rows if source is not None]
