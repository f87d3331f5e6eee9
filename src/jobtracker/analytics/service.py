"""The analytics dashboard: every figure and chart, shaped for the UI, with its definition.

The numbers come from SQL aggregates in `queries`; this module names them, divides them,
converts seconds to days, and lists the periods of the charts.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from jobtracker.analytics import queries
from jobtracker.analytics.queries import DeliverableFigures, Figures, Scope, Spread
from jobtracker.analytics.schemas import (
    Analytics,
    AnalyticsFilters,
    ApplicationsOverTime,
    Count,
    DeliverableCounts,
    Funnel,
    FunnelStep,
    Interval,
    InterviewFigures,
    PeriodCount,
    Rate,
    Rates,
    StageCount,
    StageDistribution,
    StageFlow,
    StageFlows,
    StageTime,
    TimeInStage,
    Timeline,
    TimeToResponse,
    Totals,
)
from jobtracker.applications.stages import Stage
from jobtracker.db import utcnow
from jobtracker.interviews import service as interviews_service
from jobtracker.interviews.service import InterviewCounts
from jobtracker.time_zones import local_date, start_of_day, start_of_week, zone

FUNNEL_STAGES = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)
PIPELINE_POSITION = {stage: position for position, stage in enumerate(Stage)}
# Ten years of weeks: a longer span (a typo in a year, say) is listed sparsely instead.
MAX_TIMELINE_POINTS = 520
SECONDS_PER_DAY = 86_400

APPLIED = (
    "applied applications (ever in Applied or a later stage by their stage history, "
    "or with an applied_on date)"
)
DEFINITIONS = {
    "applications": "Applications in the filters' range, whatever their stage.",
    "active": "Applications whose current stage is not final "
    "(Accepted, Rejected, Withdrawn and Ghosted are final).",
    "applied_last_30_days": "Applications with an applied_on date in the last 30 days: "
    "today (in your time zone) and the 29 days before it.",
    "offers": "Applications that ever reached Offer or Accepted, by their stage history.",
    "response": f"Of the {APPLIED}, the share that ever moved on to Screening, Interview, "
    "Offer, Accepted or Rejected. A rejection is a response; Withdrawn and Ghosted are not.",
    "interview": f"Of the {APPLIED}, the share that ever reached Interview, Offer or "
    "Accepted, by stage history: a later rejection still counts.",
    "offer": f"Of the {APPLIED}, the share that ever reached Offer or Accepted, by stage history.",
    "time_to_first_response": "Median days from the first time an application entered "
    "Applied to the first time it left Applied for Screening, Interview, Offer, Accepted or "
    "Rejected. Applications never in Applied, or not answered yet, are left out.",
    "time_in_stage": "Days an application spent in a stage, from one stage event to the next "
    "and adding up repeated visits; the current stage counts until now. Average and median "
    "over the applications that were in the stage. Final stages are left out: time in them "
    "never ends.",
    "due_this_week": "Deliverables not done yet that are due in the next 7 days.",
    "overdue": "Deliverables not done yet whose due time has passed.",
    "done_last_30_days": "Deliverables marked done in the last 30 days.",
    "scheduled_this_week": "Interviews starting this week, Monday to Sunday in your time zone, "
    "not cancelled; whatever the filters.",
    "held": "Interviews that have ended, not cancelled; whatever the filters.",
    "week": "Applications per week (Monday to Sunday) by applied_on date; applications "
    "without an applied_on date are left out.",
    "month": "Applications per calendar month by applied_on date; applications without an "
    "applied_on date are left out.",
    "stage_distribution": "Applications in each stage now.",
    "funnel": f"The {APPLIED}, then those of them that ever reached Screening, Interview and "
    "Offer, by stage history. An application that skipped a step still counts in it, and "
    "one that got further before being rejected counts in every step it passed.",
    "stage_flows": "Moves between stages from the stage history: how many times an "
    "application went from the source stage to the target stage.",
}


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / SECONDS_PER_DAY, 1)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def dashboard(
    session: Session,
    owner_id: int,
    filters: AnalyticsFilters,
    *,
    now: datetime | None = None,
    time_zone: str = "UTC",
) -> Analytics:
    """Every figure and chart of the dashboard for the owner's applications the filters pick."""
    # On the user's clock: its .date() is their today (the last 30 days, the timelines' end);
    # as a moment it is the same instant, stored and compared in UTC.
    now = (now or utcnow()).astimezone(zone(time_zone))
    scope = Scope(owner_id, filters, session.get_bind().dialect.name, now)
    figures, rest = _run_queries(session, scope, time_zone)
    deliverables, per_period = rest.deliverables, rest.per_period
    horizon = min(filters.date_to, now.date()) if filters.date_to else now.date()
    return Analytics(
        generated_at=now,
        filters=filters,
        totals=Totals(
            applications=_count("applications", figures.applications),
            active=_count("active", figures.active),
            applied_last_30_days=_count("applied_last_30_days", figures.applied_last_30_days),
            offers=_count("offers", figures.offered),
        ),
        rates=Rates(
            response=_rate("response", figures.responded, figures.applied),
            interview=_rate("interview", figures.interviewed, figures.applied),
            offer=_rate("offer", figures.offered, figures.applied),
        ),
        time_to_first_response=TimeToResponse(
            median_days=_days(figures.seconds_to_first_response.median),
            applications=figures.seconds_to_first_response.count,
            definition=DEFINITIONS["time_to_first_response"],
        ),
        time_in_stage=_time_in_stage(figures.seconds_in_stage),
        deliverables=DeliverableCounts(
            due_this_week=_count("due_this_week", deliverables.due_this_week),
            overdue=_count("overdue", deliverables.overdue),
            done_last_30_days=_count("done_last_30_days", deliverables.done_last_30_days),
        ),
        interviews=InterviewFigures(
            scheduled_this_week=_count("scheduled_this_week", rest.interviews.scheduled),
            held=_count("held", rest.interviews.held),
        ),
        applications_over_time=ApplicationsOverTime(
            week=_timeline(per_period[Interval.WEEK], Interval.WEEK, horizon),
            month=_timeline(per_period[Interval.MONTH], Interval.MONTH, horizon),
            without_applied_date=figures.without_applied_date,
        ),
        stage_distribution=StageDistribution(
            stages=[
                StageCount(stage=stage, count=count)
                for stage, count in figures.in_stage_now.items()
            ],
            definition=DEFINITIONS["stage_distribution"],
        ),
        funnel=_funnel(figures),
        stage_flows=_stage_flows(rest.moves),
    )


@dataclass(frozen=True)
class _Rest:
    """What the dashboard's smaller queries answer."""

    deliverables: DeliverableFigures
    per_period: dict[Interval, dict[date, int]]
    moves: list[tuple[Stage, Stage, int]]
    interviews: InterviewCounts


def _the_rest(session: Session, scope: Scope, time_zone: str) -> _Rest:
    monday = start_of_week(local_date(scope.now, time_zone))
    return _Rest(
        deliverables=queries.deliverable_figures(session, scope),
        per_period=queries.applications_per_period(session, scope),
        moves=queries.stage_moves(session, scope),
        interviews=interviews_service.counts(
            session,
            scope.owner_id,
            start_of_day(monday, time_zone),
            start_of_day(monday + timedelta(days=7), time_zone),
            scope.now,
        ),
    )


# The pass over the stage history (`figures`) takes most of the time. On PostgreSQL the
# smaller queries run beside it on a connection of their own, so a dashboard waits for the
# longest query rather than for all of them in turn. A GET reads in autocommit mode, where
# each query sees the data as of its own start anyway, so nothing is less consistent.
_BESIDE_THE_HISTORY = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dashboard")


def _run_queries(session: Session, scope: Scope, time_zone: str) -> tuple[Figures, _Rest]:
    if scope.dialect != "postgresql" or not _spare_connection(session):
        return queries.figures(session, scope), _the_rest(session, scope, time_zone)

    def beside() -> _Rest:
        with Session(session.get_bind()) as own_session:
            return _the_rest(own_session, scope, time_zone)

    rest = _BESIDE_THE_HISTORY.submit(beside)
    figures = queries.figures(session, scope)
    return figures, rest.result()


def _spare_connection(session: Session) -> bool:
    """Whether the pool has a connection to spare without growing past its usual size.

    A request that holds one connection and waits for a second could otherwise wait on
    requests doing the same when the pool runs dry; then the queries run one after another.
    """
    session.connection()  # its own first, so the count includes it
    bind = session.get_bind()
    pool = bind.pool if isinstance(bind, Engine) else None
    return isinstance(pool, QueuePool) and pool.checkedout() < pool.size()


def _count(name: str, value: int) -> Count:
    return Count(value=value, definition=DEFINITIONS[name])


def _rate(name: str, numerator: int, denominator: int) -> Rate:
    return Rate(
        value=_share(numerator, denominator),
        numerator=numerator,
        denominator=denominator,
        definition=DEFINITIONS[name],
    )


def _time_in_stage(seconds_in_stage: dict[Stage, Spread]) -> TimeInStage:
    return TimeInStage(
        stages=[
            StageTime(
                stage=stage,
                applications=spread.count,
                average_days=_days(spread.mean),
                median_days=_days(spread.median),
            )
            for stage, spread in seconds_in_stage.items()
        ],
        definition=DEFINITIONS["time_in_stage"],
    )


def _funnel(figures: Figures) -> Funnel:
    counts = [figures.applied, figures.screened, figures.interviewed, figures.offered]
    steps = [
        FunnelStep(
            stage=stage,
            count=count,
            share_of_applied=_share(count, figures.applied),
            share_of_previous=_share(count, counts[index - 1]) if index else None,
        )
        for index, (stage, count) in enumerate(zip(FUNNEL_STAGES, counts, strict=True))
    ]
    return Funnel(steps=steps, definition=DEFINITIONS["funnel"])


def _timeline(counts: dict[date, int], interval: Interval, horizon: date) -> Timeline:
    """The periods from the first application's to the horizon's, empty ones included."""
    periods = sorted(counts)
    gaps_filled = True
    if periods:
        last = max(periods[-1], _period_of(horizon, interval))
        gaps_filled = _number_of_periods(periods[0], last, interval) <= MAX_TIMELINE_POINTS
        if gaps_filled:
            periods = _each_period(periods[0], last, interval)
    points: list[PeriodCount] = []
    cumulative = 0
    for period in periods:
        cumulative += counts.get(period, 0)
        points.append(
            PeriodCount(period=period, count=counts.get(period, 0), cumulative=cumulative)
        )
    return Timeline(
        interval=interval, points=points, gaps_filled=gaps_filled, definition=DEFINITIONS[interval]
    )


def _period_of(day: date, interval: Interval) -> date:
    if interval is Interval.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _number_of_periods(first: date, last: date, interval: Interval) -> int:
    if interval is Interval.WEEK:
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _each_period(first: date, last: date, interval: Interval) -> list[date]:
    count = _number_of_periods(first, last, interval)
    if interval is Interval.WEEK:
        return [first + timedelta(weeks=index) for index in range(count)]
    months = [first.year * 12 + first.month - 1 + index for index in range(count)]
    return [date(month // 12, month % 12 + 1, 1) for month in months]


def _stage_flows(moves: list[tuple[Stage, Stage, int]]) -> StageFlows:
    links = [
        StageFlow(
            source=source,
            target=target,
            count=count,
            forward=PIPELINE_POSITION[target] > PIPELINE_POSITION[source],
        )
        for source, target, count in moves
    ]
    links.sort(key=lambda link: (PIPELINE_POSITION[link.source], PIPELINE_POSITION[link.target]))
    return StageFlows(links=links, definition=DEFINITIONS["stage_flows"])
