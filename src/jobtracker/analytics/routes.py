"""Routes for the analytics dashboard: every figure and chart in one request, and the results
by group beside it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jobtracker.analytics import grouped, service
from jobtracker.analytics.schemas import Analytics, AnalyticsFilters, GroupedResults
from jobtracker.auth.deps import CurrentUser
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api/analytics", tags=["analytics"])


@router.get("")
def read_analytics(
    user: CurrentUser, session: SessionDep, filters: Annotated[AnalyticsFilters, Query()]
) -> Analytics:
    return service.dashboard(session, user.id, filters, time_zone=user.time_zone)


@router.get("/results")
def read_grouped_results(
    user: CurrentUser, session: SessionDep, filters: Annotated[AnalyticsFilters, Query()]
) -> GroupedResults:
    """Response, interview and offer rates by resume, source, work mode and month applied."""
    return grouped.grouped_results(session, user.id, filters, time_zone=user.time_zone)
