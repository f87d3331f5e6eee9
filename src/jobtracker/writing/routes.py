"""Routes for writing: across all of it, per application, one by one, and its tags."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from jobtracker.applications.schemas import TagCount
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
from jobtracker.writing import service
from jobtracker.writing.models import WritingKind
from jobtracker.writing.schemas import WritingCreate, WritingOut, WritingUpdate
from jobtracker.writing.service import WritingFilters

router = APIRouter(prefix="/api", tags=["writing"])


@router.get("/writing")
def list_writing(
    user: CurrentUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="Text in title or body")] = None,
    tag: Annotated[
        list[str] | None,
        Query(description="All of these tags", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("tags"),
    ] = None,
    kind: Annotated[
        list[WritingKind] | None,
        Query(description="Any of these kinds", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("kinds"),
    ] = None,
    application_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Linked to this application")
    ] = None,
    sort: Annotated[
        str, Query(max_length=30, description="title, created_at or updated_at; `-` descending")
    ] = "-updated_at",
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[WritingOut]:
    filters = WritingFilters(
        text=q, tags=tag or (), kinds=kind or (), application_id=application_id, sort=sort
    )
    writings, total = service.list_writing(session, user.id, filters, limit=limit, offset=offset)
    return Page(
        items=service.present(session, user.id, writings), total=total, limit=limit, offset=offset
    )


@router.post("/writing", status_code=status.HTTP_201_CREATED)
def create_writing(
    body: WritingCreate, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> WritingOut:
    writing = service.create_writing(session, settings, user.id, body)
    return service.present(session, user.id, [writing])[0]


@router.get("/writing/tags")
def list_writing_tags(user: CurrentUser, session: SessionDep) -> list[TagCount]:
    return [TagCount(name=name, count=count) for name, count in service.list_tags(session, user.id)]


@router.get("/writing/{writing_id}")
def read_writing(writing_id: PathId, user: CurrentUser, session: SessionDep) -> WritingOut:
    writing = service.get_writing(session, user.id, writing_id)
    return service.present(session, user.id, [writing])[0]


@router.patch("/writing/{writing_id}")
def update_writing(
    writing_id: PathId,
    body: WritingUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> WritingOut:
    writing = service.update_writing(session, settings, user.id, writing_id, body)
    return service.present(session, user.id, [writing])[0]


@router.delete("/writing/{writing_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_writing(writing_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_writing(session, user.id, writing_id)


@router.get("/applications/{application_id}/writing")
def list_application_writing(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[WritingOut]:
    filters = WritingFilters(application_id=application_id)
    writings, total = service.list_writing(session, user.id, filters, limit=limit, offset=offset)
    return Page(
        items=service.present(session, user.id, writings), total=total, limit=limit, offset=offset
    )
