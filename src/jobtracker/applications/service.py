"""Applications: owner-scoped queries, the per-user quota, and stage-change rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, case, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.applications.schemas import (
    SALARY_RANGE_PROBLEM,
    ApplicationCreate,
    ApplicationOut,
    ApplicationSummary,
    ApplicationUpdate,
)
from jobtracker.applications.stages import SENT_STAGES, Priority, Stage
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import lock_row, utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.instance import service as instance_service

_STAGE_ORDER = case(
    {stage.value: index for index, stage in enumerate(Stage)}, value=Application.stage
)
_PRIORITY_ORDER = case(
    {priority.value: index for index, priority in enumerate(Priority)}, value=Application.priority
)
SORTABLE = {
    "created_at": Application.created_at,
    "updated_at": Application.updated_at,
    "company": func.lower(Application.company),
    "role": func.lower(Application.role),
    "stage": _STAGE_ORDER,
    "priority": _PRIORITY_ORDER,
    "applied_on": Application.applied_on,
    "deadline": Application.deadline,
}


@dataclass(frozen=True)
class ApplicationFilters:
    stages: Sequence[Stage] = ()
    tags: Sequence[str] = ()
    text: str | None = None
    sort: str = "-updated_at"
    ids: Sequence[int] = field(default_factory=tuple)


def get_application(session: Session, owner_id: int, application_id: int) -> Application:
    application = session.scalar(
        select(Application).where(
            Application.id == application_id, Application.owner_id == owner_id
        )
    )
    if application is None:
        raise NotFound(f"Application {application_id} was not found.")
    return application


def require_owned(session: Session, owner_id: int, application_ids: Sequence[int]) -> list[int]:
    """The ids, all checked to be the owner's; a foreign or missing one answers 404."""
    wanted = list(dict.fromkeys(application_ids))
    found = set(
        session.scalars(
            select(Application.id).where(
                Application.owner_id == owner_id, Application.id.in_(wanted)
            )
        )
    )
    missing = [application_id for application_id in wanted if application_id not in found]
    if missing:
        raise NotFound(f"Application {missing[0]} was not found.")
    return wanted


def count_applications(session: Session, owner_id: int) -> int:
    query = select(func.count()).select_from(Application).where(Application.owner_id == owner_id)
    return session.scalar(query) or 0


def _filtered(owner_id: int, filters: ApplicationFilters) -> Select[Application]:
    query = select(Application).where(Application.owner_id == owner_id)
    if filters.stages:
        query = query.where(Application.stage.in_(filters.stages))
    for tag in filters.tags:
        query = query.where(
            exists().where(
                ApplicationTag.application_id == Application.id,
                ApplicationTag.name == tag.strip().lower(),
            )
        )
    if filters.text and filters.text.strip():
        pattern = "%" + _escape_like(filters.text.strip()) + "%"
        query = query.where(
            or_(
                Application.company.ilike(pattern, escape="\\"),
                Application.role.ilike(pattern, escape="\\"),
                Application.notes.ilike(pattern, escape="\\"),
                Application.location.ilike(pattern, escape="\\"),
            )
        )
    if filters.ids:
        query = query.where(Application.id.in_(filters.ids))
    return query


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _ordering(sort: str) -> list[Any]:
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in SORTABLE:
        choices = ", ".join(sorted(SORTABLE))
        raise InvalidInput(f"Cannot sort by {key!r}.", fields={"sort": f"one of {choices}"})
    column = SORTABLE[key]
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [primary, Application.id.desc() if descending else Application.id.asc()]


def list_applications(
    session: Session, owner_id: int, filters: ApplicationFilters, *, limit: int, offset: int
) -> tuple[list[Application], int]:
    query = _filtered(owner_id, filters)
    ordering = _ordering(filters.sort)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(*ordering).limit(limit).offset(offset)).all()
    return list(items), total


def list_tags(session: Session, owner_id: int, *, limit: int = 500) -> list[tuple[str, int]]:
    rows = session.execute(
        select(ApplicationTag.name, func.count())
        .where(ApplicationTag.owner_id == owner_id)
        .group_by(ApplicationTag.name)
        .order_by(func.count().desc(), ApplicationTag.name)
        .limit(limit)
    ).all()
    return [(name, count) for name, count in rows]


def create_application(
    session: Session, settings: Settings, owner: User, data: ApplicationCreate
) -> Application:
    # Held until commit, so concurrent creates by one user count one at a time.
    lock_row(session, User.__table__, owner.id)
    limit = instance_service.current_limits(session, settings).max_applications_per_user
    if limit and count_applications(session, owner.id) >= limit:
        raise QuotaExceeded(
            f"You have reached this instance's limit of {limit} applications per user. "
            "Delete one you no longer need, or ask the admin to raise the limit "
            "(Settings, or MAX_APPLICATIONS_PER_USER)."
        )
    fields = data.model_dump(exclude={"tags"})
    application = Application(owner_id=owner.id, **fields)
    _set_tags(application, owner.id, data.tags)
    if application.applied_on is None and application.stage in SENT_STAGES:
        application.applied_on = utcnow().date()
    session.add(application)
    session.flush()
    session.add(
        StageEvent(
            application_id=application.id,
            owner_id=owner.id,
            from_stage=None,
            to_stage=application.stage,
            at=application.created_at,
        )
    )
    session.commit()
    return application


def update_application(
    session: Session, owner_id: int, application_id: int, changes: ApplicationUpdate
) -> Application:
    application = get_application(session, owner_id, application_id)
    values = changes.model_dump(exclude_unset=True)
    new_tags = values.pop("tags", None)
    new_stage = values.pop("stage", None)
    for name, value in values.items():
        setattr(application, name, value)
    if new_tags is not None:
        _set_tags(application, owner_id, new_tags)
    if new_stage is not None and new_stage != application.stage:
        _move_to_stage(session, application, Stage(new_stage))
    _check_salary_range(application)
    application.updated_at = utcnow()
    session.commit()
    return application


def _move_to_stage(session: Session, application: Application, stage: Stage) -> None:
    session.add(
        StageEvent(
            application_id=application.id,
            owner_id=application.owner_id,
            from_stage=application.stage,
            to_stage=stage,
            at=utcnow(),
        )
    )
    # Moving from a stage the employer has not seen to one they have means it was sent;
    # that includes leaving Withdrawn (given up on from the wishlist) for Applied.
    if (
        application.applied_on is None
        and application.stage not in SENT_STAGES
        and stage in SENT_STAGES
    ):
        application.applied_on = utcnow().date()
    application.stage = stage


def _check_salary_range(application: Application) -> None:
    low, high = application.salary_min, application.salary_max
    if low is not None and high is not None and low > high:
        raise InvalidInput(
            "The minimum salary is greater than the maximum.",
            fields={"salary_max": SALARY_RANGE_PROBLEM},
        )


def _set_tags(application: Application, owner_id: int, tags: Sequence[str]) -> None:
    kept = {tag.name: tag for tag in application.tag_rows}
    # In the order reads load them (by name), so a write answers the tags as a read would.
    application.tag_rows = [
        kept.get(name) or ApplicationTag(owner_id=owner_id, name=name) for name in sorted(tags)
    ]


def delete_application(session: Session, owner_id: int, application_id: int) -> None:
    application = get_application(session, owner_id, application_id)
    session.execute(delete(Application).where(Application.id == application.id))
    session.commit()


def list_stage_events(
    session: Session, owner_id: int, application_id: int, *, limit: int, offset: int
) -> tuple[list[StageEvent], int]:
    get_application(session, owner_id, application_id)
    query = select(StageEvent).where(
        StageEvent.application_id == application_id, StageEvent.owner_id == owner_id
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    events = session.scalars(
        query.order_by(StageEvent.at, StageEvent.id).limit(limit).offset(offset)
    ).all()
    return list(events), total


def present(
    session: Session, owner_id: int, applications: Sequence[Application]
) -> list[ApplicationOut]:
    """Applications as the API shows them, each with its next deliverable due."""
    next_due = deliverables_service.next_due_by_application(
        session, owner_id, [application.id for application in applications]
    )
    return [
        ApplicationOut.model_validate(application).model_copy(
            update={"next_deliverable": next_due.get(application.id)}
        )
        for application in applications
    ]


def summaries(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, ApplicationSummary]:
    """Company, role and stage of each of the owner's applications among these ids."""
    if not application_ids:
        return {}
    # Columns only: whole rows would also load every application's tags.
    rows = session.execute(
        select(Application.id, Application.company, Application.role, Application.stage).where(
            Application.owner_id == owner_id, Application.id.in_(set(application_ids))
        )
    )
    return {
        row.id: ApplicationSummary(id=row.id, company=row.company, role=row.role, stage=row.stage)
        for row in rows
    }
