"""Routes for applications, their tags and their stage history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from jobtracker.applications import service
from jobtracker.applications.schemas import (
    ApplicationCreate,
    ApplicationOut,
    ApplicationUpdate,
    StageEventOut,
    TagCount,
)
from jobtracker.applications.service import ApplicationFilters
from jobtracker.applications.stages import Stage
from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import (
    DEFAULT_PAGE_SIZE,
    FILTER_VALUES_SCHEMA,
    Page,
    PageLimit,
    PageOffset,
    PathId,
    capped_filter,
)
from jobtracker.db import SessionDep

router = APIRouter(prefix="/api/applications", tags=["applications"])


async def application_filters(
    stage: Annotated[
        list[Stage] | None,
        Query(description="Any of these stages", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("stages"),
    ] = None,
    tag: Annotated[
        list[str] | None,
        Query(description="All of these tags", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("tags"),
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Company, role, location, notes")
    ] = None,
    sort: Annotated[
        str, Query(max_length=30, description="A field, `-` first for descending")
    ] = "-updated_at",
) -> ApplicationFilters:
    """The board's filters, as the list and the spreadsheet export both take them."""
    return ApplicationFilters(stages=stage or (), tags=tag or (), text=q, sort=sort)


ApplicationFiltersDep = Annotated[ApplicationFilters, Depends(application_filters)]


@router.get("")
def list_applications(
    user: CurrentUser,
    session: SessionDep,
    filters: ApplicationFiltersDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[ApplicationOut]:
    items, total = service.list_applications(session, user.id, filters, limit=limit, offset=offset)
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_application(
    body: ApplicationCreate, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> ApplicationOut:
    application = service.create_application(session, settings, user, body)
    return service.present(session, user.id, [application])[0]


@router.get("/tags")
def list_tags(user: CurrentUser, session: SessionDep) -> list[TagCount]:
    return [TagCount(name=name, count=count) for name, count in service.list_tags(session, user.id)]


@router.get("/{application_id}")
def read_application(
    application_id: PathId, user: CurrentUser, session: SessionDep
) -> ApplicationOut:
    application = service.get_application(session, user.id, application_id)
    return service.present(session, user.id, [application])[0]


@router.patch("/{application_id}")
def update_application(
    application_id: PathId,
    body: ApplicationUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ApplicationOut:
    application = service.update_application(session, settings, user.id, application_id, body)
    return service.present(session, user.id, [application])[0]


@router.delete("/{application_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_application(application_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_application(session, user.id, application_id)


@router.get("/{application_id}/events")
def list_stage_events(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[StageEventOut]:
    events, total = service.list_stage_events(
        session, user.id, application_id, limit=limit, offset=offset
    )
    return Page(
        items=[StageEventOut.model_validate(event) for event in events],
        total=total,
        limit=limit,
        offset=offset,
    )
