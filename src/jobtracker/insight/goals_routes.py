"""Routes for weekly goals: read the goal with its progress, and set it."""

from __future__ import annotations

from fastapi import APIRouter

from jobtracker.auth.deps import CurrentUser
from jobtracker.db import SessionDep
from jobtracker.insight import goals
from jobtracker.insight.goals_schemas import WeeklyGoals, WeeklyGoalsUpdate

router = APIRouter(prefix="/api/goals", tags=["goals"])


@router.get("")
def read_goals(user: CurrentUser, session: SessionDep) -> WeeklyGoals:
    """The weekly goal, this week's progress, the last weeks and the streak."""
    return goals.progress(session, user)


@router.put("")
def set_goals(user: CurrentUser, session: SessionDep, body: WeeklyGoalsUpdate) -> WeeklyGoals:
    """Set the weekly goal; a target null or left out is turned off."""
    return goals.update(session, user, body)
