"""Routes for interviews: per application, and one by one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import DEFAULT_PAGE_SIZE, Page, PageLimit, PageOffset, PathId, UtcMoment
from jobtracker.db import SessionDep
from jobtracker.interviews import service
from jobtracker.interviews.schemas import InterviewCreate, InterviewOut, InterviewUpdate

router = APIRouter(prefix="/api", tags=["interviews"])


@router.get("/applications/{application_id}/interviews")
def list_application_interviews(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[InterviewOut]:
    interviews, total = service.list_for_application(
        session, user.id, application_id, limit=limit, offset=offset
    )
    return Page(
        items=service.present(session, user.id, interviews),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.post("/applications/{application_id}/interviews", status_code=status.HTTP_201_CREATED)
def create_interview(
    application_id: PathId,
    body: InterviewCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> InterviewOut:
    interview = service.create_interview(session, settings, user, application_id, body)
    return service.present(session, user.id, [interview])[0]


@router.get("/interviews")
def list_interviews(
    user: CurrentUser,
    session: SessionDep,
    starts_after: Annotated[
        UtcMoment | None, Query(description="Starting at or after this moment (with time zone)")
    ] = None,
    starts_before: Annotated[
        UtcMoment | None, Query(description="Starting strictly before this moment (with time zone)")
    ] = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[InterviewOut]:
    """The owner's interviews across applications, soonest first (Upcoming)."""
    interviews, total = service.list_interviews(
        session, user.id, starts_after, starts_before, limit=limit, offset=offset
    )
    return Page(
        items=service.present(session, user.id, interviews),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/interviews/{interview_id}")
def read_interview(interview_id: PathId, user: CurrentUser, session: SessionDep) -> InterviewOut:
    interview = service.get_interview(session, user.id, interview_id)
    return service.present(session, user.id, [interview])[0]


@router.patch("/interviews/{interview_id}")
def update_interview(
    interview_id: PathId,
    body: InterviewUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> InterviewOut:
    interview = service.update_interview(session, settings, user.id, interview_id, body)
    return service.present(session, user.id, [interview])[0]


@router.delete("/interviews/{interview_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_interview(interview_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_interview(session, user.id, interview_id)
