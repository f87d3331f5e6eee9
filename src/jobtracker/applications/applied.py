"""The applications sent in a period, for the proof-of-search report: by their applied date or,
without one, by the day their history first moved them into a stage the employer sees, on the
owner's calendar. Archived ones count (they were sent); the trash does not."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, ScalarSelect, and_, func, or_, select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application, StageEvent
from jobtracker.applications.service import LIVE
from jobtracker.applications.stages import SENT_STAGES, Stage
from jobtracker.time_zones import local_date, start_of_day


@dataclass(frozen=True)
class Period:
    """Whole days, both included, on the calendar of `time_zone`."""

    first: date
    last: date
    time_zone: str


@dataclass(frozen=True)
class SentApplication:
    id: int
    company: str
    role: str
    stage: Stage
    source: str | None
    job_url: str | None
    location: str | None
    applied_on: date


@dataclass(frozen=True)
class StageMove:
    from_stage: Stage | None
    to_stage: Stage
    at: datetime


def _first_sent_at(owner_id: int) -> ScalarSelect[datetime]:
    return (
        select(func.min(StageEvent.at))
        .where(
            StageEvent.owner_id == owner_id,
            StageEvent.application_id == Application.id,
            StageEvent.to_stage.in_(SENT_STAGES),
        )
        .scalar_subquery()
    )


def _sent_in(
    owner_id: int, period: Period, first_sent_at: ColumnElement[datetime]
) -> ColumnElement[bool]:
    return and_(
        Application.owner_id == owner_id,
        LIVE,
        or_(
            Application.applied_on.between(period.first, period.last),
            and_(
                Application.applied_on.is_(None),
                first_sent_at >= start_of_day(period.first, period.time_zone),
                first_sent_at < start_of_day(period.last + timedelta(days=1), period.time_zone),
            ),
        ),
    )


def count_sent(session: Session, owner_id: int, period: Period) -> int:
    query = select(func.count()).where(_sent_in(owner_id, period, _first_sent_at(owner_id)))
    return session.scalar(query) or 0


def sent_in_period(session: Session, owner_id: int, period: Period) -> list[SentApplication]:
    """Them all, by the day sent, then company; the caller bounds how many (`count_sent`).

    Only the short columns are read: job descriptions and notes may be long.
    """
    first_sent_at = _first_sent_at(owner_id).label("first_sent_at")
    rows = session.execute(
        select(
            Application.id,
            Application.company,
            Application.role,
            Application.stage,
            Application.source,
            Application.job_url,
            Application.location,
            Application.applied_on,
            first_sent_at,
        ).where(_sent_in(owner_id, period, first_sent_at))
    )
    found = [
        SentApplication(
            id=row.id,
            company=row.company,
            role=row.role,
            stage=row.stage,
            source=row.source,
            job_url=row.job_url,
            location=row.location,
            applied_on=row.applied_on or local_date(row.first_sent_at, period.time_zone),
        )
        for row in rows
    ]
    return sorted(found, key=lambda sent: (sent.applied_on, sent.company.lower(), sent.id))


@dataclass
class StageHistory:
    moves: list[StageMove]
    total: int = 0


def stage_history(
    session: Session, owner_id: int, application_ids: Sequence[int], *, most: int
) -> dict[int, StageHistory]:
    """The first `most` stage moves of each of these applications, oldest first, and how many
    it has in all (a history moved back and forth thousands of times is not printed whole)."""
    history: dict[int, StageHistory] = defaultdict(lambda: StageHistory([]))
    if not application_ids:
        return history
    numbered = (
        select(
            StageEvent.application_id,
            StageEvent.from_stage,
            StageEvent.to_stage,
            StageEvent.at,
            func.row_number()
            .over(partition_by=StageEvent.application_id, order_by=(StageEvent.at, StageEvent.id))
            .label("position"),
            func.count().over(partition_by=StageEvent.application_id).label("total"),
        )
        .where(StageEvent.owner_id == owner_id, StageEvent.application_id.in_(application_ids))
        .subquery()
    )
    rows = session.execute(
        select(numbered)
        .where(numbered.c.position <= most)
        .order_by(numbered.c.application_id, numbered.c.position)
    )
    for row in rows:
        entry = history[row.application_id]
        entry.moves.append(StageMove(row.from_stage, row.to_stage, row.at))
        entry.total = row.total
    return history
