"""Routes for applications, their tags and their stage history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from jobtracker.applications import lifecycle, service
from jobtracker.applications.schemas import (
    MAX_BULK_IDS,
    ApplicationCreate,
    ApplicationOut,
    ApplicationUpdate,
    ArchivedFilter,
    BulkRequest,
    BulkResult,
    EmptiedTrash,
    StageEventOut,
    TagCount,
    TrashedApplication,
)
from jobtracker.applications.service import ApplicationFilters
from jobtracker.applications.stages import Stage
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
from jobtracker.errors import TOO_MANY_FILTER_VALUES

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
    archived: Annotated[
        ArchivedFilter | None,
        Query(
            description="Archived applications: left out (`exclude`), with the rest "
            "(`include`) or alone (`only`). Unset: left out, unless `q` searches or `id` "
            "names them, since a search finds archived applications too."
        ),
    ] = None,
    id: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
        Query(
            description="Only these applications (a selection); repeat it, up to 500 times",
            json_schema_extra={"maxItems": MAX_BULK_IDS},
        ),
        AfterValidator(_at_most_bulk_ids),
    ] = None,
) -> ApplicationFilters:
    """The board's filters, as the list and the spreadsheet export both take them."""
    if archived is None:
        named = bool(id) or bool(q and q.strip())
        archived = ArchivedFilter.INCLUDE if named else ArchivedFilter.EXCLUDE
    return ApplicationFilters(
        stages=stage or (), tags=tag or (), text=q, sort=sort, ids=id or (), archived=archived
    )


def _at_most_bulk_ids(ids: list[int] | None) -> list[int] | None:
    if ids is not None and len(ids) > MAX_BULK_IDS:
        raise PydanticCustomError(
            TOO_MANY_FILTER_VALUES,  # a whole sentence, the message on its own
            "Name at most {maximum} applications at a time.",
            {"maximum": MAX_BULK_IDS},
        )
    return ids


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
    # New: no deliverables yet, so nothing is due.
    return service.shown(service.create_application(session, settings, user, body))


@router.get("/tags")
def list_tags(user: CurrentUser, session: SessionDep) -> list[TagCount]:
    return [TagCount(name=name, count=count) for name, count in service.list_tags(session, user.id)]


@router.post("/bulk")
def bulk_action(
    body: BulkRequest, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> BulkResult:
    """One action on up to 500 of your applications: all of them, or none if any id is not
    yours (404). Moves record one stage event per application that changes stage."""
    changed = lifecycle.apply_bulk(session, settings, user.id, body)
    return BulkResult(action=body.action, changed=changed)


@router.get("/trash")
def list_trash(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[TrashedApplication]:
    """Deleted applications, restorable until they are purged 30 days after deletion."""
    items, total = lifecycle.list_trash(session, user.id, limit=limit, offset=offset)
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.delete("/trash")
def empty_trash(user: CurrentUser, session: SessionDep) -> EmptiedTrash:
    return EmptiedTrash(deleted=lifecycle.empty_trash(session, user.id))


@router.post("/trash/{application_id}/restore")
def restore_application(
    application_id: PathId, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> ApplicationOut:
    return lifecycle.restore(session, settings, user.id, application_id)


@router.delete("/trash/{application_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_for_good(application_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    lifecycle.delete_for_good(session, user.id, application_id)


@router.get("/{application_id}")
def read_application(
    application_id: PathId, user: CurrentUser, session: SessionDep
) -> ApplicationOut:
    return service.read_application(session, user.id, application_id)


@router.patch("/{application_id}")
def update_application(
    application_id: PathId,
    body: ApplicationUpdate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ApplicationOut:
    return service.update_application(session, settings, user.id, application_id, body)


@router.delete("/{application_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_application(application_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    """Move it to the trash: restorable for 30 days, then deleted for good."""
    service.delete_application(session, user.id, application_id)


@router.post("/{application_id}/archive")
def archive_application(
    application_id: PathId, user: CurrentUser, session: SessionDep
) -> ApplicationOut:
    """Off the board and the default list; still counted in analytics and found by search."""
    return lifecycle.set_archived(session, user.id, application_id, archived=True)


@router.post("/{application_id}/unarchive")
def unarchive_application(
    application_id: PathId, user: CurrentUser, session: SessionDep
) -> ApplicationOut:
    return lifecycle.set_archived(session, user.id, application_id, archived=False)


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
