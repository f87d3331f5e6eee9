"""Archive, trash and bulk actions: what happens to applications a user is done with.

Archived applications leave the board but stay in analytics and search. Deleted ones go to
the trash, hidden everywhere else, restorable for `TRASH_DAYS` and then purged for good.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import CursorResult, Result, delete, func, insert, select, update
from sqlalchemy.orm import Session, lazyload

from jobtracker.applications import events, service
from jobtracker.applications.models import Application, ApplicationTag
from jobtracker.applications.schemas import (
    MAX_BULK_IDS,
    ApplicationOut,
    BulkAction,
    BulkRequest,
    TrashedApplication,
)
from jobtracker.applications.service import LIVE
from jobtracker.applications.stages import Stage
from jobtracker.common import MAX_TAGS
from jobtracker.config import Settings
from jobtracker.db import page_of, utcnow
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.webhooks import events as webhook_events

TRASH_DAYS = 30
TRASHED = Application.deleted_at.is_not(None)


def _owned(session: Session, owner_id: int, application_id: int, *, in_trash: bool) -> Application:
    application = session.scalar(
        select(Application)
        .where(
            Application.id == application_id,
            Application.owner_id == owner_id,
            TRASHED if in_trash else LIVE,
        )
        .options(lazyload(Application.tag_rows))
    )
    if application is None:
        place = " in the trash" if in_trash else ""
        raise NotFound(f"Application {application_id} was not found{place}.")
    return application


def set_archived(
    session: Session, owner_id: int, application_id: int, *, archived: bool
) -> ApplicationOut:
    """Archive or bring back one of the owner's applications; doing it twice changes nothing."""
    application = _owned(session, owner_id, application_id, in_trash=False)
    if archived != (application.archived_at is not None):
        application.archived_at = utcnow() if archived else None
        application.updated_at = utcnow()
        session.commit()
    return service.read_application(session, owner_id, application_id)


def _trashed_shown(application: Application, now: datetime) -> TrashedApplication:
    deleted_at = application.deleted_at
    assert deleted_at is not None  # only trashed rows come here
    purge_at = deleted_at + timedelta(days=TRASH_DAYS)
    days_left = max(math.ceil((purge_at - now) / timedelta(days=1)) - 1, 0)
    return TrashedApplication(
        id=application.id,
        company=application.company,
        role=application.role,
        stage=application.stage,
        deleted_at=deleted_at,
        purge_at=purge_at,
        days_left=days_left,
    )


def list_trash(
    session: Session, owner_id: int, *, limit: int, offset: int
) -> tuple[list[TrashedApplication], int]:
    """The owner's trash, most recently deleted first."""
    query = (
        select(Application)
        .where(Application.owner_id == owner_id, TRASHED)
        .options(lazyload(Application.tag_rows))
    )
    rows, total = page_of(
        session,
        query,
        (Application.deleted_at.desc(), Application.id.desc()),
        limit=limit,
        offset=offset,
    )
    now = utcnow()
    return [_trashed_shown(application, now) for application in rows], total


def _check_room_to_restore(
    session: Session, settings: Settings, owner_id: int, restoring: int
) -> None:
    """The trash does not count toward the limit on applications, so bringing some back
    must fit under it."""
    try:
        service.reserve_room(session, settings, owner_id, restoring)
    except QuotaExceeded as refused:
        limit = service.applications_limit(session, settings, owner_id)
        raise QuotaExceeded(
            f"Restoring {'this application' if restoring == 1 else f'{restoring} applications'} "
            f"would go over {limit.words()}. Delete applications you no longer need first "
            f"(archived ones count too), or {limit.how_to_raise()}"
        ) from refused


def restore(
    session: Session, settings: Settings, owner_id: int, application_id: int
) -> ApplicationOut:
    """Take one application out of the trash, as it was."""
    application = _owned(session, owner_id, application_id, in_trash=True)
    _check_room_to_restore(session, settings, owner_id, 1)
    application.deleted_at = None
    session.commit()
    return service.read_application(session, owner_id, application_id)


def delete_for_good(session: Session, owner_id: int, application_id: int) -> None:
    """Delete one application from the trash, with everything that belongs to it."""
    application = _owned(session, owner_id, application_id, in_trash=True)
    session.execute(delete(Application).where(Application.id == application.id))
    session.commit()


def empty_trash(session: Session, owner_id: int) -> int:
    """Delete everything in the owner's trash for good; answers how many."""
    deleted = _deleted_count(
        session.execute(delete(Application).where(Application.owner_id == owner_id, TRASHED))
    )
    session.commit()
    return deleted


def purge_expired_trash(session: Session, now: datetime | None = None) -> int:
    """Delete for good, for every user, what has been in the trash over `TRASH_DAYS`.

    Idempotent: several processes running it at once delete each row once between them.
    """
    cutoff = (now or utcnow()) - timedelta(days=TRASH_DAYS)
    purged = _deleted_count(
        session.execute(delete(Application).where(TRASHED, Application.deleted_at <= cutoff))
    )
    session.commit()
    return purged


def _deleted_count(result: Result[Any]) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def apply_bulk(session: Session, settings: Settings, owner_id: int, request: BulkRequest) -> int:
    """Apply one action to all the applications named, or to none: any id that is not the
    owner's (or not in the trash, to restore) answers 404 and nothing changes.

    Answers how many applications changed; one already as asked is left alone.
    """
    ids = list(dict.fromkeys(request.ids))
    assert len(ids) <= MAX_BULK_IDS  # the schema bounds the list
    _check_bulk_fields(request)
    in_trash = request.action is BulkAction.RESTORE
    applications = _all_owned(session, owner_id, ids, in_trash=in_trash)
    now = utcnow()
    match request.action:
        case BulkAction.MOVE:
            assert request.stage is not None
            changed = _move_all(session, owner_id, applications, request.stage, now)
        case BulkAction.ADD_TAG | BulkAction.REMOVE_TAG:
            assert request.tag is not None
            changed = _retag_all(session, owner_id, applications, request, now)
        case BulkAction.ARCHIVE | BulkAction.UNARCHIVE:
            archiving = request.action is BulkAction.ARCHIVE
            changed = _set_all(
                session, applications, "archived_at", now if archiving else None, now
            )
        case BulkAction.DELETE:
            changed = _set_all(session, applications, "deleted_at", now, None)
        case BulkAction.RESTORE:
            _check_room_to_restore(session, settings, owner_id, len(applications))
            changed = _set_all(session, applications, "deleted_at", None, None)
    session.commit()
    return changed


def _check_bulk_fields(request: BulkRequest) -> None:
    if request.action is BulkAction.MOVE and request.stage is None:
        raise InvalidInput("Choose the stage to move them to.", fields={"stage": "required"})
    if request.action in (BulkAction.ADD_TAG, BulkAction.REMOVE_TAG) and request.tag is None:
        raise InvalidInput("Type the tag to add or remove.", fields={"tag": "required"})


def _all_owned(
    session: Session, owner_id: int, ids: Sequence[int], *, in_trash: bool
) -> list[Application]:
    found = {
        application.id: application
        for application in session.scalars(
            select(Application)
            .where(
                Application.owner_id == owner_id,
                Application.id.in_(ids),
                TRASHED if in_trash else LIVE,
            )
            .options(lazyload(Application.tag_rows))
            # Locked until commit, so a concurrent change cannot slip between check and write.
            .with_for_update()
        )
    }
    missing = [application_id for application_id in ids if application_id not in found]
    if missing:
        place = " in the trash" if in_trash else ""
        raise NotFound(f"Application {missing[0]} was not found{place}, so nothing was changed.")
    return [found[application_id] for application_id in ids]


def _move_all(
    session: Session,
    owner_id: int,
    applications: Sequence[Application],
    stage: Stage,
    now: datetime,
) -> int:
    # One UPDATE per application: the database records each move in the stage history
    # (migration 0011), once per application that really changes stage.
    moving = [application for application in applications if application.stage != stage]
    moves = [(application, application.stage) for application in moving]
    sent = []
    for application in moving:
        if service.move_to_stage(application, stage):
            sent.append(application.id)
        application.updated_at = now
    events.announce_sent(session, owner_id, sent)
    webhook_events.stages_changed(session, owner_id, moves)
    return len(moving)


def _set_all(
    session: Session,
    applications: Sequence[Application],
    name: Literal["archived_at", "deleted_at"],
    value: datetime | None,
    updated_at: datetime | None,
) -> int:
    changing = [
        application
        for application in applications
        if (getattr(application, name) is None) != (value is None)
    ]
    if not changing:
        return 0
    values: dict[str, datetime | None] = {name: value}
    if updated_at is not None:
        values["updated_at"] = updated_at
    session.execute(
        update(Application)
        .where(Application.id.in_([application.id for application in changing]))
        .values(values)
        .execution_options(synchronize_session=False)
    )
    return len(changing)


def _retag_all(
    session: Session,
    owner_id: int,
    applications: Sequence[Application],
    request: BulkRequest,
    now: datetime,
) -> int:
    tag = request.tag
    ids = [application.id for application in applications]
    tagged = set(
        session.scalars(
            select(ApplicationTag.application_id).where(
                ApplicationTag.owner_id == owner_id,
                ApplicationTag.application_id.in_(ids),
                ApplicationTag.name == tag,
            )
        )
    )
    if request.action is BulkAction.REMOVE_TAG:
        changing = [application_id for application_id in ids if application_id in tagged]
        if changing:
            session.execute(
                delete(ApplicationTag).where(
                    ApplicationTag.owner_id == owner_id,
                    ApplicationTag.application_id.in_(changing),
                    ApplicationTag.name == tag,
                )
            )
    else:
        changing = [application_id for application_id in ids if application_id not in tagged]
        _check_tag_room(session, owner_id, changing)
        if changing:
            session.execute(
                insert(ApplicationTag),
                [
                    {"application_id": application_id, "owner_id": owner_id, "name": tag}
                    for application_id in changing
                ],
            )
    if changing:
        session.execute(
            update(Application)
            .where(Application.id.in_(changing))
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )
    return len(changing)


def _check_tag_room(session: Session, owner_id: int, application_ids: Sequence[int]) -> None:
    if not application_ids:
        return
    full = session.execute(
        select(Application.company)
        .join(ApplicationTag, ApplicationTag.application_id == Application.id)
        .where(ApplicationTag.owner_id == owner_id, Application.id.in_(application_ids))
        .group_by(Application.id, Application.company)
        .having(func.count() >= MAX_TAGS)
        .order_by(Application.id)
        .limit(1)
    ).scalar()
    if full is not None:
        raise InvalidInput(
            f"{full} already has {MAX_TAGS} tags, the most an application can have. "
            "Remove a tag from it, or leave it out of the selection. Nothing was changed.",
            fields={"tag": "too many tags"},
        )
