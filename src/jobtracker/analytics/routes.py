"""Route for the analytics dashboard: every figure and chart in one request."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jobtracker.analytics import service
from jobtracker.analytics.schemas import Analytics, AnalyticsFilters
from jobtracker.auth.deps import CurrentUser
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api/analytics", tags=["analytics"])


@router.get("")
def read_analytics(
    user: CurrentUser, session: SessionDep, filters: Annotated[AnalyticsFilters, Query()]
) -> Analytics:
    return service.dashboard(session, user.id, filters)
