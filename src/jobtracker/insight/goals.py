"""Weekly goals: how many applications (and networking contacts) a week the user aims for, how
this week and the last few went, and the streak.

Weeks run Monday to Sunday in the user's time zone. An application counts in the week it was
applied: its applied date, or, without one, the day it first moved to Applied or a later stage.
A contact counts in the week it was added. Past weeks are judged against the goal as it is
now: the goal's history is not kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session

from jobtracker.analytics.queries import Shape, local_day
from jobtracker.analytics.sql import week_start
from jobtracker.applications.models import Application, StageEvent
from jobtracker.applications.stages import SENT_STAGES
from jobtracker.auth.models import User
from jobtracker.contacts.models import Contact
from jobtracker.db import UTCDateTime, utcnow
from jobtracker.insight.goals_schemas import (
    RECENT_WEEKS,
    WeeklyGoals,
    WeeklyGoalsUpdate,
    WeekProgress,
)
from jobtracker.insight.models import WeeklyGoal
from jobtracker.time_zones import local_date, start_of_day, start_of_week, zone

# A streak is counted back at most this far: two years of weeks, read in one query.
STREAK_HORIZON_WEEKS = 104
DEFINITION = (
    "Weeks run Monday to Sunday in your time zone. An application counts in the week it was "
    "applied (its applied date, or the day it first moved to Applied or a later stage); a "
    "contact counts in the week it was added. The streak is the weeks in a row that met every "
    "goal set, up to last week, plus this week once it is met."
)


@dataclass(frozen=True)
class Targets:
    applications_per_week: int | None
    contacts_per_week: int | None

    @property
    def any(self) -> bool:
        return self.applications_per_week is not None or self.contacts_per_week is not None

    def met(self, applications: int, contacts: int) -> bool | None:
        if not self.any:
            return None
        return (
            self.applications_per_week is None or applications >= self.applications_per_week
        ) and (self.contacts_per_week is None or contacts >= self.contacts_per_week)


def targets(session: Session, user_id: int) -> Targets:
    """The user's goal; both targets off when they never set one."""
    goal = session.get(WeeklyGoal, user_id)
    if goal is None:
        return Targets(None, None)
    return Targets(goal.applications_per_week, goal.contacts_per_week)


def set_targets(session: Session, user_id: int, new: Targets) -> None:
    """Replace the user's goal; the caller commits."""
    goal = session.get(WeeklyGoal, user_id)
    if goal is None:
        goal = WeeklyGoal(user_id=user_id)
        session.add(goal)
    goal.applications_per_week = new.applications_per_week
    goal.contacts_per_week = new.contacts_per_week


def update(
    session: Session, user: User, changes: WeeklyGoalsUpdate, now: datetime | None = None
) -> WeeklyGoals:
    set_targets(session, user.id, Targets(changes.applications_per_week, changes.contacts_per_week))
    session.commit()
    return progress(session, user, now)


def progress(session: Session, user: User, now: datetime | None = None) -> WeeklyGoals:
    """The goal, this week's and the recent weeks' counts, and the streak."""
    goal = targets(session, user.id)
    this_monday = start_of_week(local_date(now or utcnow(), user.time_zone))
    first_monday = this_monday - timedelta(weeks=STREAK_HORIZON_WEEKS)
    counts = _weekly_counts(session, user, first_monday, now or utcnow())
    weeks = [
        _week(goal, this_monday - timedelta(weeks=back), counts)
        for back in range(STREAK_HORIZON_WEEKS, -1, -1)
    ]
    return WeeklyGoals(
        applications_per_week=goal.applications_per_week,
        contacts_per_week=goal.contacts_per_week,
        this_week=weeks[-1],
        recent_weeks=weeks[-RECENT_WEEKS:],
        streak_weeks=_streak(weeks),
        definition=DEFINITION,
    )


def _week(goal: Targets, monday: date, counts: dict[tuple[str, date], int]) -> WeekProgress:
    applications = counts.get(("applications", monday), 0)
    contacts = counts.get(("contacts", monday), 0)
    return WeekProgress(
        week_start=monday,
        applications=applications,
        contacts=contacts,
        met=goal.met(applications, contacts),
    )


def _streak(weeks: list[WeekProgress]) -> int:
    """Weeks in a row met, ending last week; this week adds one once it is met."""
    *past, this_week = weeks
    streak = 0
    for week in reversed(past):
        if not week.met:
            break
        streak += 1
    return streak + (1 if this_week.met else 0)


def _weekly_counts(
    session: Session, user: User, first_monday: date, now: datetime
) -> dict[tuple[str, date], int]:
    dialect = session.get_bind().dialect.name
    offset = now.astimezone(zone(user.time_zone)).utcoffset()
    parameters: dict[str, Any] = {
        "owner_id": user.id,
        "first_monday": first_monday,
        "since": start_of_day(first_monday, user.time_zone),
        "zone": str(zone(user.time_zone)),
        "utc_offset": f"{int(offset.total_seconds()) if offset else 0:+d} seconds",
    }
    counts: dict[tuple[str, date], int] = {}
    for kind, statement in (
        ("applications", _applications_per_week(dialect)),
        ("contacts", _contacts_per_week(dialect)),
    ):
        for monday, count in session.execute(statement, parameters):
            counts[(kind, _as_date(monday))] = count
    return counts


def _as_date(value: date | str) -> date:
    # SQLite answers the week's Monday as text.
    return value if isinstance(value, date) else date.fromisoformat(value)


OWNER = bindparam("owner_id", type_=Integer())


def _applications_per_week(dialect: str) -> Select[*tuple[Any, ...]]:
    # Only applications with no applied date look up their history, by its application index.
    first_sent = (
        select(func.min(StageEvent.at))
        .where(StageEvent.application_id == Application.id, StageEvent.to_stage.in_(SENT_STAGES))
        .scalar_subquery()
    )
    applied = func.coalesce(Application.applied_on, local_day(Shape(dialect), first_sent))
    days = (
        select(applied.label("day"))
        .where(Application.owner_id == OWNER, Application.deleted_at.is_(None))
        .subquery()
    )
    monday = week_start(days.c.day)
    return (
        select(monday, func.count())
        .where(days.c.day >= bindparam("first_monday", type_=Date()))
        .group_by(monday)
    )


def _contacts_per_week(dialect: str) -> Select[*tuple[Any, ...]]:
    monday = week_start(local_day(Shape(dialect), Contact.created_at))
    # Contacts of an application in the trash are hidden with it.
    return (
        select(monday, func.count())
        .join(Application, Application.id == Contact.application_id)
        .where(
            Contact.owner_id == OWNER,
            Application.deleted_at.is_(None),
            Contact.created_at >= bindparam("since", type_=UTCDateTime()),
        )
        .group_by(monday)
    )


def digest_line(session: Session, user: User, now: datetime) -> str | None:
    """ "This week: 3 of 5 applications; streak 4 weeks", or None when no goal is set."""
    found = progress(session, user, now)
    week = found.this_week
    parts = []
    if found.applications_per_week is not None:
        parts.append(f"{week.applications} of {found.applications_per_week} applications")
    if found.contacts_per_week is not None:
        parts.append(f"{week.contacts} of {found.contacts_per_week} contacts")
    if not parts:
        return None
    line = "This week: " + ", ".join(parts)
    if found.streak_weeks:
        line += f"; streak {found.streak_weeks} week{'s' if found.streak_weeks != 1 else ''}"
    return line
