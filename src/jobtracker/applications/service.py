"""Applications: owner-scoped queries, the per-user quota, and stage-change rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ScalarSelect, Select, case, delete, exists, func, insert, select
from sqlalchemy.orm import Session, lazyload
from sqlalchemy.orm.attributes import set_committed_value

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
from jobtracker.db import contains_text, lock_row, page_of, sort_order, tag_counts, utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.instance import service as instance_service
from jobtracker.instance import usage

_STAGE_ORDER = case(
    {stage.value: index for index, stage in enumerate(Stage)}, value=Application.stage
)
_PRIORITY_ORDER = case(
    {priority.value: index for index, priority in enumerate(Priority)}, value=Application.priority
)
# What counts against the storage quota: the long text (short fields are bounded).
STORED_TEXT = (Application.job_description, Application.notes)
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

    def __post_init__(self) -> None:
        # PostgreSQL text holds no NUL. Refused here, as a 422, because the spreadsheet export
        # runs its query after its answer has started, too late to turn the error into one.
        for name, values in (("query.tag", self.tags), ("query.q", (self.text or "",))):
            if any("\x00" in value for value in values):
                raise InvalidInput(
                    "A search cannot contain a NUL character.", fields={name: "contains NUL"}
                )


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


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of long text the owner keeps in applications, for the storage quota."""
    return usage.bytes_stored(Application.owner_id == owner_id, *STORED_TEXT)


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
                ApplicationTag.owner_id == owner_id,  # lets the (owner_id, name) index serve
                ApplicationTag.name == tag.strip().lower(),
            )
        )
    if filters.text and filters.text.strip():
        query = query.where(
            contains_text(
                filters.text.strip(),
                Application.company,
                Application.role,
                Application.notes,
                Application.location,
            )
        )
    if filters.ids:
        query = query.where(Application.id.in_(filters.ids))
    return query


def _ordering(sort: str) -> list[Any]:
    return sort_order(sort, SORTABLE, Application.id, nulls_last=True)


# The list is the busiest read there is, so one query answers it: the columns the API shows,
# each application's tags and next deliverable as correlated subqueries, and the number of
# matches as a window count. Rows of columns cost a fraction of what ORM objects do.
_SHOWN_COLUMNS = [
    column for column in Application.__table__.columns if column.key in ApplicationOut.model_fields
]
_SHOWN_NAMES = [column.key for column in _SHOWN_COLUMNS]
_TAG_SEPARATOR = "\x1f"  # a control character, which tags cannot contain
_TAG_NAMES = (
    select(func.aggregate_strings(ApplicationTag.name, _TAG_SEPARATOR))
    .where(ApplicationTag.application_id == Application.id)
    .scalar_subquery()
    .label("tag_names")
)
_NEXT_DUE = deliverables_service.next_due_columns(Application.id)
_MATCHES = func.count().over().label("matches")


def list_applications(
    session: Session, owner_id: int, filters: ApplicationFilters, *, limit: int, offset: int
) -> tuple[list[ApplicationOut], int]:
    """One page of the owner's applications as the API shows them, and how many match."""
    matching = _filtered(owner_id, filters)
    page = (
        matching.with_only_columns(*_SHOWN_COLUMNS, _TAG_NAMES, *_NEXT_DUE.columns, _MATCHES)
        .order_by(*_ordering(filters.sort))
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(page).all()
    if rows:
        total = rows[0].matches
    else:  # past the end, or nothing matches: the window had no row to count on
        total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    now = utcnow()
    items = [
        ApplicationOut(
            **dict(zip(_SHOWN_NAMES, row, strict=False)),  # the shown columns come first
            tags=sorted(row.tag_names.split(_TAG_SEPARATOR)) if row.tag_names else [],
            next_deliverable=_NEXT_DUE.read(row, now),
        )
        for row in rows
    ]
    return items, total


def list_tags(session: Session, owner_id: int) -> list[tuple[str, int]]:
    return tag_counts(session, ApplicationTag.name, ApplicationTag.owner_id, owner_id)


_RAISE_THE_LIMIT = "ask the admin to raise the limit (Settings, or MAX_APPLICATIONS_PER_USER)."


@dataclass(frozen=True)
class ApplicationQuota:
    limit: int | None  # None: unlimited
    used: int

    @property
    def available(self) -> int | None:
        """How many more the owner may add; None when there is no limit."""
        return None if self.limit is None else max(self.limit - self.used, 0)


def application_quota(session: Session, settings: Settings, owner_id: int) -> ApplicationQuota:
    limit = instance_service.current_limits(session, settings).max_applications_per_user
    return ApplicationQuota(limit=limit or None, used=count_applications(session, owner_id))


def reserve_room(session: Session, settings: Settings, owner_id: int, adding: int) -> None:
    """Make sure `adding` more applications fit, holding the owner's lock until commit.

    Concurrent creates and imports by one user are then counted one at a time.
    """
    lock_row(session, User.__table__, owner_id)
    limit = instance_service.current_limits(session, settings).max_applications_per_user
    if not limit:
        return
    count = count_applications(session, owner_id)
    if count + adding <= limit:
        return
    if adding == 1:
        raise QuotaExceeded(
            f"You have reached this instance's limit of {limit} applications per user. "
            f"Delete one you no longer need, or {_RAISE_THE_LIMIT}"
        )
    fit = max(limit - count, 0)
    raise QuotaExceeded(
        f"Only {fit} of these {adding} applications fit: you have {count} and this instance's "
        f"limit is {limit} applications per user. Nothing was added. Add at most {fit}, "
        f"delete applications you no longer need, or {_RAISE_THE_LIMIT}"
    )


def create_application(
    session: Session, settings: Settings, owner: User, data: ApplicationCreate
) -> Application:
    reserve_room(session, settings, owner.id, 1)
    adding = usage.record_bytes(data, STORED_TEXT)
    usage.reserve_storage(session, settings, owner.id, adding, what="This application")
    application = _add_new(session, owner.id, [data])[0]
    session.commit()
    return application


def create_applications(
    session: Session, settings: Settings, owner: User, applications: Sequence[ApplicationCreate]
) -> list[Application]:
    """All of them in one transaction, or none when they do not all fit under the quota.

    They are records of the past (an import): the applied date is the one given, or none.
    """
    reserve_room(session, settings, owner.id, len(applications))
    adding = sum(usage.record_bytes(data, STORED_TEXT) for data in applications)
    usage.reserve_storage(session, settings, owner.id, adding, what="These applications")
    created = _add_new(session, owner.id, applications, fill_applied_on=False)
    session.commit()
    return created


def add_imported_batch(
    session: Session, settings: Settings, owner_id: int, applications: Sequence[ApplicationCreate]
) -> list[int]:
    """One batch of a large import, flushed in the caller's transaction (the caller commits).

    The quotas count what earlier batches flushed, so checking each batch checks the whole.
    """
    reserve_room(session, settings, owner_id, len(applications))
    adding = sum(usage.record_bytes(data, STORED_TEXT) for data in applications)
    usage.reserve_storage(session, settings, owner_id, adding, what="These applications")
    # Plain multi-row INSERTs rather than ORM objects: several times faster for thousands of
    # rows, and nothing is left in the session. Records of the past: no applied date invented.
    now = utcnow()
    rows = [
        {**data.model_dump(exclude={"tags"}), "owner_id": owner_id, "created_at": now}
        | {"updated_at": now}
        for data in applications
    ]
    ids = list(
        session.scalars(
            insert(Application).returning(Application.id, sort_by_parameter_order=True), rows
        )
    )
    session.execute(
        insert(StageEvent),
        [
            {
                "application_id": id_,
                "owner_id": owner_id,
                "from_stage": None,
                "to_stage": data.stage,
                "at": now,
            }
            for id_, data in zip(ids, applications, strict=True)
        ],
    )
    tags = [
        {"application_id": id_, "owner_id": owner_id, "name": name}
        for id_, data in zip(ids, applications, strict=True)
        for name in data.tags
    ]
    if tags:
        session.execute(insert(ApplicationTag), tags)
    return ids


def _add_new(
    session: Session,
    owner_id: int,
    applications: Sequence[ApplicationCreate],
    *,
    fill_applied_on: bool = True,
) -> list[Application]:
    now = utcnow()
    created = []
    for data in applications:
        application = Application(
            owner_id=owner_id, created_at=now, updated_at=now, **data.model_dump(exclude={"tags"})
        )
        _set_tags(application, owner_id, data.tags)
        if fill_applied_on and application.applied_on is None and application.stage in SENT_STAGES:
            application.applied_on = now.date()
        created.append(application)
    session.add_all(created)
    # One flush for the lot: both databases insert them in batches and return the ids.
    session.flush()
    session.add_all(
        StageEvent(
            application_id=application.id,
            owner_id=owner_id,
            from_stage=None,
            to_stage=application.stage,
            at=now,
        )
        for application in created
    )
    return created


def update_application(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    changes: ApplicationUpdate,
) -> Application:
    application = apply_update(session, settings, owner_id, application_id, changes)
    session.commit()
    return application


def apply_update(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    changes: ApplicationUpdate,
) -> Application:
    """The update without its commit, for a caller writing more in the same transaction."""
    application = get_application(session, owner_id, application_id)
    values = changes.model_dump(exclude_unset=True)
    adding = usage.growth(application, values, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This change")
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
    return page_of(session, query, (StageEvent.at, StageEvent.id), limit=limit, offset=offset)


def present(
    session: Session, owner_id: int, applications: Sequence[Application]
) -> list[ApplicationOut]:
    """Applications as the API shows them, each with its next deliverable due."""
    rows = session.execute(
        select(Application.id, *_NEXT_DUE.columns).where(
            Application.owner_id == owner_id,
            Application.id.in_([application.id for application in applications]),
        )
    )
    now = utcnow()
    next_due = {row.id: _NEXT_DUE.read(row, now) for row in rows}
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


def iter_applications(
    session: Session, owner_id: int, filters: ApplicationFilters, *, batch_size: int = 500
) -> Iterator[list[Application]]:
    """Every application the filters match, in their order, a batch at a time.

    Rows are streamed from the database (a server-side cursor on PostgreSQL), so memory
    stays flat however many there are; tags come with each batch. The sort is checked at
    once, before the first batch is asked for.
    """
    ordering = _ordering(filters.sort)
    query = _filtered(owner_id, filters).order_by(*ordering)
    return _batches(session, query.execution_options(yield_per=batch_size))


def _batches(session: Session, query: Select[Application]) -> Iterator[list[Application]]:
    # Tags are read here, one query per batch, rather than by the relationship's own
    # selectin loader, which re-walks every earlier batch of a streamed result.
    for partition in session.scalars(query.options(lazyload(Application.tag_rows))).partitions():
        batch = list(partition)
        tags: dict[int, list[ApplicationTag]] = defaultdict(list)
        for tag in session.scalars(
            select(ApplicationTag)
            .where(ApplicationTag.application_id.in_([application.id for application in batch]))
            .order_by(ApplicationTag.name)
        ):
            tags[tag.application_id].append(tag)
        for application in batch:
            set_committed_value(application, "tag_rows", tags.get(application.id, []))
        yield batch


def stage_events_by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, list[StageEvent]]:
    """The stage history of each of these applications of the owner's, oldest first."""
    history: dict[int, list[StageEvent]] = defaultdict(list)
    if not application_ids:
        return history
    events = session.scalars(
        select(StageEvent)
        .where(StageEvent.owner_id == owner_id, StageEvent.application_id.in_(application_ids))
        .order_by(StageEvent.application_id, StageEvent.at, StageEvent.id)
    )
    for event in events:
        history[event.application_id].append(event)
    return history


def stage_entries(session: Session, owner_id: int, stage: Stage) -> list[StageEvent]:
    """Every moment one of the owner's applications entered that stage, oldest first."""
    return list(
        session.scalars(
            select(StageEvent)
            .where(StageEvent.owner_id == owner_id, StageEvent.to_stage == stage)
            .order_by(StageEvent.at, StageEvent.id)
        )
    )


@dataclass(frozen=True)
class ApplicationDeadline:
    id: int
    company: str
    role: str
    deadline: date
    updated_at: datetime


def application_deadlines(session: Session, owner_id: int) -> list[ApplicationDeadline]:
    """The owner's applications that have a deadline, soonest first."""
    rows = session.execute(
        select(
            Application.id,
            Application.company,
            Application.role,
            Application.deadline,
            Application.updated_at,
        )
        .where(Application.owner_id == owner_id, Application.deadline.is_not(None))
        .order_by(Application.deadline, Application.id)
    )
    return [
        ApplicationDeadline(row.id, row.company, row.role, row.deadline, row.updated_at)
        for row in rows
    ]


@dataclass(frozen=True)
class StageChange:
    from_stage: Stage | None
    to_stage: Stage
    at: datetime


@dataclass(frozen=True)
class RestoredApplication:
    """An application as a backup holds it: its fields, timestamps and stage history."""

    fields: ApplicationCreate
    created_at: datetime
    updated_at: datetime
    history: Sequence[StageChange]


def restore_applications(
    session: Session, owner_id: int, applications: Sequence[RestoredApplication]
) -> list[int]:
    """Add them exactly as they were (no rule fills in applied_on); the caller commits.

    Answers their new ids, in the order given. The quota is the caller's to check
    (`reserve_room`), since an operator's restore is not held to it.
    """
    added = []
    for restored in applications:
        application = Application(
            owner_id=owner_id,
            created_at=restored.created_at,
            updated_at=restored.updated_at,
            **restored.fields.model_dump(exclude={"tags"}),
        )
        _set_tags(application, owner_id, restored.fields.tags)
        added.append(application)
    session.add_all(added)
    session.flush()
    session.add_all(
        StageEvent(
            application_id=application.id,
            owner_id=owner_id,
            from_stage=change.from_stage,
            to_stage=change.to_stage,
            at=change.at,
        )
        for application, restored in zip(added, applications, strict=True)
        for change in restored.history
    )
    return [application.id for application in added]
