"""Routes for deliverables: per application, across applications ("Upcoming"), and one by one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import (
    DEFAULT_PAGE_SIZE,
    FILTER_VALUES_SCHEMA,
    MAX_ID,
    Page,
    PageLimit,
    PageOffset,
    PathId,
    capped_filter,
)
from jobtracker.db import SessionDep
from jobtracker.deliverables import service
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.deliverables.schemas import (
    DeliverableCreate,
    DeliverableOut,
    DeliverableUpdate,
    UtcMoment,
)
from jobtracker.deliverables.service import DeliverableFilters

router = APIRouter(prefix="/api", tags=["deliverables"])


@router.get("/applications/{application_id}/deliverables")
def list_application_deliverables(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[DeliverableOut]:
    filters = DeliverableFilters(application_id=application_id)
    deliverables, total = service.list_deliverables(
        session, user.id, filters, limit=limit, offset=offset
    )
    return Page(
        items=service.present(session, user.id, deliverables),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.post("/applications/{application_id}/deliverables", status_code=status.HTTP_201_CREATED)
def create_deliverable(
    application_id: PathId,
    body: DeliverableCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> DeliverableOut:
    deliverable = service.create_deliverable(session, settings, user.id, application_id, body)
    return service.present(session, user.id, [deliverable])[0]


@router.get("/deliverables")
def list_deliverables(
    user: CurrentUser,
    session: SessionDep,
    due_before: Annotated[
        UtcMoment | None, Query(description="Due strictly before this moment (with time zone)")
    ] = None,
    due_after: Annotated[
        UtcMoment | None, Query(description="Due at or after this moment (with time zone)")
    ] = None,
    state: Annotated[
        list[DeliverableState] | None,
        Query(description="Any of these", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("states"),
    ] = None,
    kind: Annotated[
        list[DeliverableKind] | None,
        Query(description="Any of these", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("kinds"),
    ] = None,
    overdue: Annotated[
        bool | None, Query(description="true: due in the past and not done; false: the rest")
    ] = None,
    application_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only this application's")
    ] = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[DeliverableOut]:
    filters = DeliverableFilters(
        due_before=due_before,
        due_after=due_after,
        states=state or (),
        kinds=kind or (),
        overdue=overdue,
        application_id=application_id,
    )
    deliverables, total = service.list_deliverables(
        session, user.id, filters, limit=limit, offset=offset
    )
    return Page(
        items=service.present(session, user.id, deliverables),
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get("/deliverables/{deliverable_id}")
def read_deliverable(
    deliverable_id: PathId, user: CurrentUser, session: SessionDep
) -> DeliverableOut:
    deliverable = service.get_deliverable(session, user.id, deliverable_id)
    return service.present(session, user.id, [deliverable])[0]


@router.patch("/deliverables/{deliverable_id}")
def update_deliverable(
    deliverable_id: PathId,
    body: DeliverableUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> DeliverableOut:
    deliverable = service.update_deliverable(session, settings, user.id, deliverable_id, body)
    return service.present(session, user.id, [deliverable])[0]


@router.delete("/deliverables/{deliverable_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_deliverable(deliverable_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_deliverable(session, user.id, deliverable_id)
