"""The dashboard's counts over several users' applications at once, for a coach's group.

Two statements whatever the number of users: the counts over `owner_id IN (...)`, built from
the same per-application history and conditions as one user's dashboard, so each count is the
sum of the users' own; and the applications per week, likewise. No spreads (time in stage,
medians): the group shows none, and they are the costly part of one user's figures pass.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jobtracker.analytics.queries import (
    Shape,
    applications_per_period,
    count_if,
    in_stage_now,
    per_application,
    progress,
    selected_applications,
)
from jobtracker.analytics.schemas import Interval
from jobtracker.applications.models import Application
from jobtracker.applications.stages import Stage


@dataclass(frozen=True)
class CohortFigures:
    """Counts over the users' applications together (the trash left out, archived ones in)."""

    applications: int
    applied: int
    responded: int
    interviewed: int
    in_stage_now: dict[Stage, int]
    per_week: dict[date, int]


@dataclass(frozen=True)
class _Cohort:
    """The users whose applications are counted. No moment: nothing here is measured in time."""

    owner_ids: tuple[int, ...]
    dialect: str

    @property
    def shape(self) -> Shape:
        return Shape(self.dialect, owners=True)

    def parameters(self) -> dict[str, Any]:
        return {"owner_ids": list(self.owner_ids)}


@cache
def _counts_statement(shape: Shape) -> Select[*tuple[Any, ...]]:
    history = per_application(shape, durations=False)
    reached = progress(history)
    return (
        select(
            func.count().label("applications"),
            count_if(reached.applied).label("applied"),
            count_if(reached.responded).label("responded"),
            count_if(reached.interviewed).label("interviewed"),
            *in_stage_now(),
        )
        .select_from(Application)
        .outerjoin(history, history.c.application_id == Application.id)
        .where(*selected_applications(shape))
    )


def cohort_figures(session: Session, owner_ids: Collection[int]) -> CohortFigures:
    """The counts over these users' applications; the caller decides whose may be counted."""
    cohort = _Cohort(tuple(sorted(owner_ids)), session.get_bind().dialect.name)
    values = session.execute(_counts_statement(cohort.shape), cohort.parameters()).one()._mapping
    per_week = applications_per_period(session, cohort)[Interval.WEEK]
    return CohortFigures(
        applications=values["applications"],
        applied=values["applied"],
        responded=values["responded"],
        interviewed=values["interviewed"],
        in_stage_now={stage: values[f"now_in_{stage.value}"] for stage in Stage},
        per_week=per_week,
    )
