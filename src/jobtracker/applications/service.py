"""Applications: owner-scoped queries, the per-user quota, and stage-change rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    Row,
    ScalarSelect,
    Select,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session, lazyload, object_session
from sqlalchemy.orm.attributes import set_committed_value

from jobtracker.applications import events
from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.applications.next_step import next_step_of
from jobtracker.applications.schemas import (
    SALARY_RANGE_PROBLEM,
    ApplicationCreate,
    ApplicationOut,
    ApplicationSummary,
    ApplicationUpdate,
    ArchivedFilter,
    NextDeliverable,
)
from jobtracker.applications.stages import SENT_STAGES, Priority, Stage
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.db import contains_pattern, like_pattern, page_of, sort_order, tag_counts, utcnow
from jobtracker.deliverables import service as deliverables_service
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.instance import service as instance_service
from jobtracker.instance import usage
from jobtracker.time_zones import local_date
from jobtracker.webhooks import events as webhook_events

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
# Not in the trash. A trashed application is hidden from everything but the trash itself.
LIVE = Application.deleted_at.is_(None)


@dataclass(frozen=True)
class ApplicationFilters:
    stages: Sequence[Stage] = ()
    tags: Sequence[str] = ()
    text: str | None = None
    sort: str = "-updated_at"
    ids: Sequence[int] = field(default_factory=tuple)
    # Archived ones are kept unless a caller (the list, by default) leaves them out.
    archived: ArchivedFilter = ArchivedFilter.INCLUDE
    # Day ranges, both ends included; an application without that date is left out of one.
    applied_from: date | None = None
    applied_to: date | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None

    def __post_init__(self) -> None:
        # PostgreSQL text holds no NUL. Refused here, as a 422, because the spreadsheet export
        # runs its query after its answer has started, too late to turn the error into one.
        for name, values in (("query.tag", self.tags), ("query.q", (self.text or "",))):
            if any("\x00" in value for value in values):
                raise InvalidInput(
                    "A search cannot contain a NUL character.", fields={name: "contains NUL"}
                )


def get_application(session: Session, owner_id: int, application_id: int) -> Application:
    """The owner's application; its tags are read only if something asks for them."""
    application = session.scalar(
        select(Application)
        .where(Application.id == application_id, Application.owner_id == owner_id, LIVE)
        .options(lazyload(Application.tag_rows))
    )
    if application is None:
        raise _not_found(application_id)
    return application


def _not_found(application_id: int) -> NotFound:
    return NotFound(f"Application {application_id} was not found.")


def require_owned(session: Session, owner_id: int, application_ids: Sequence[int]) -> list[int]:
    """The ids, all checked to be the owner's; a foreign or missing one answers 404."""
    wanted = list(dict.fromkeys(application_ids))
    found = set(
        session.scalars(
            select(Application.id).where(
                Application.owner_id == owner_id, Application.id.in_(wanted), LIVE
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


def ids_matching(owner_id: int, pattern: str) -> Select[int]:
    """The owner's applications whose company or role matches a `like_pattern`, as a subquery.

    For other domains' searches ("contacts at Acme"), without them reading this table.
    """
    return select(Application.id).where(
        Application.owner_id == owner_id,
        LIVE,
        contains_pattern(pattern, Application.company, Application.role),
    )


def trashed_ids(owner_id: int) -> Select[int]:
    """The owner's applications in the trash, as a subquery: other domains leave out what
    belongs to them, without reading this table."""
    return select(Application.id).where(
        Application.owner_id == owner_id, Application.deleted_at.is_not(None)
    )


_APPLICATION_COUNT = (
    select(func.count())
    .select_from(Application)
    # The trash does not count: what is in it has been given up (restoring checks the limit).
    .where(Application.owner_id == bindparam("owner_id"), LIVE)
    .scalar_subquery()
)


def count_applications(session: Session, owner_id: int) -> int:
    return session.scalar(select(_APPLICATION_COUNT), {"owner_id": owner_id}) or 0


# A search looks for its text in these.
_SEARCHED = (Application.company, Application.role, Application.notes, Application.location)


@dataclass(frozen=True)
class _Matching:
    """Which filters a request uses: its statement has one shape per combination, with the
    values bound as parameters, so it is built (and SQLAlchemy works out its cache key) once
    per combination rather than on every request."""

    stages: bool
    tag_count: int
    text: bool
    ids: bool
    archived: ArchivedFilter
    # The day bounds given, by name (applied_from, deadline_to, ...).
    day_bounds: tuple[str, ...] = ()

    @staticmethod
    def of(filters: ApplicationFilters) -> _Matching:
        return _Matching(
            stages=bool(filters.stages),
            tag_count=len(filters.tags),
            text=bool(filters.text and filters.text.strip()),
            ids=bool(filters.ids),
            archived=filters.archived,
            day_bounds=tuple(name for name in _DAY_BOUNDS if getattr(filters, name) is not None),
        )


# Each day bound: the column it is on, and whether it is the first (or last) day of the range.
_DAY_BOUNDS = {
    "applied_from": (Application.applied_on, True),
    "applied_to": (Application.applied_on, False),
    "deadline_from": (Application.deadline, True),
    "deadline_to": (Application.deadline, False),
}


def _filter_values(owner_id: int, filters: ApplicationFilters) -> dict[str, Any]:
    """The parameters of `_filtered`'s statement for these filters."""
    values: dict[str, Any] = {"owner_id": owner_id, "stages": list(filters.stages)}
    values |= {f"tag_{index}": tag.strip().lower() for index, tag in enumerate(filters.tags)}
    values |= {"text": like_pattern((filters.text or "").strip()), "ids": list(filters.ids)}
    values |= {name: getattr(filters, name) for name in _DAY_BOUNDS}
    return values


@lru_cache(maxsize=256)
def _filtered(matching: _Matching) -> Select[Application]:
    owner_id: BindParameter[int] = bindparam("owner_id")
    query = select(Application).where(Application.owner_id == owner_id, LIVE)
    if matching.archived is ArchivedFilter.EXCLUDE:
        query = query.where(Application.archived_at.is_(None))
    elif matching.archived is ArchivedFilter.ONLY:
        query = query.where(Application.archived_at.is_not(None))
    if matching.stages:
        query = query.where(Application.stage.in_(bindparam("stages", expanding=True)))
    for index in range(matching.tag_count):
        query = query.where(
            exists().where(
                ApplicationTag.application_id == Application.id,
                ApplicationTag.owner_id == owner_id,  # lets the (owner_id, name) index serve
                ApplicationTag.name == bindparam(f"tag_{index}"),
            )
        )
    if matching.text:
        query = query.where(contains_pattern(bindparam("text"), *_SEARCHED))
    if matching.ids:
        query = query.where(Application.id.in_(bindparam("ids", expanding=True)))
    for name in matching.day_bounds:
        column, first_day = _DAY_BOUNDS[name]
        day: BindParameter[date] = bindparam(name)
        query = query.where(column >= day if first_day else column <= day)
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
# Statements built once with bound parameters: SQLAlchemy then works out their cache key
# once, instead of walking the whole statement again on every request.
_OWNED = (
    Application.id == bindparam("application_id"),
    Application.owner_id == bindparam("owner_id"),
    LIVE,
)
_SHOWN_ONE = select(*_SHOWN_COLUMNS, _TAG_NAMES, *_NEXT_DUE.columns).where(*_OWNED)
# The application to change, with what the answer needs that the change leaves as it is.
_EDITABLE = (
    select(Application, _TAG_NAMES, *_NEXT_DUE.columns)
    .where(*_OWNED)
    .options(lazyload(Application.tag_rows))
)


def _tag_list(tag_names: str | None) -> list[str]:
    return sorted(tag_names.split(_TAG_SEPARATOR)) if tag_names else []


def _shown_row(row: Row[*tuple[Any, ...]], now: datetime) -> ApplicationOut:
    # Values of typed columns, as the model would validate them: built without checking again.
    next_deliverable = _NEXT_DUE.read(row, now)
    return ApplicationOut.model_construct(
        **dict(zip(_SHOWN_NAMES, row, strict=False)),  # the shown columns come first
        tags=_tag_list(row.tag_names),
        next_deliverable=next_deliverable,
        next_step=next_step_of(row.stage, row.deadline, next_deliverable),
    )


def shown(
    application: Application,
    *,
    tags: Sequence[str] | None = None,
    next_deliverable: NextDeliverable | None = None,
) -> ApplicationOut:
    """An application in memory as the API shows it; its tags read from it unless given."""
    return ApplicationOut(
        **{name: getattr(application, name) for name in _SHOWN_NAMES},
        tags=application.tags if tags is None else tags,
        next_deliverable=next_deliverable,
        next_step=next_step_of(application.stage, application.deadline, next_deliverable),
    )


def read_application(session: Session, owner_id: int, application_id: int) -> ApplicationOut:
    """One of the owner's applications as the API shows it, from one statement."""
    # On the connection: rows of columns need none of the ORM's work around a statement.
    row = (
        session.connection()
        .execute(_SHOWN_ONE, {"application_id": application_id, "owner_id": owner_id})
        .first()
    )
    if row is None:
        raise _not_found(application_id)
    return _shown_row(row, utcnow())


@lru_cache(maxsize=256)
def _page(matching: _Matching, sort: str) -> Select[Any]:
    return (
        _filtered(matching)
        .with_only_columns(*_SHOWN_COLUMNS, _TAG_NAMES, *_NEXT_DUE.columns, _MATCHES)
        .order_by(*_ordering(sort))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


def list_applications(
    session: Session, owner_id: int, filters: ApplicationFilters, *, limit: int, offset: int
) -> tuple[list[ApplicationOut], int]:
    """One page of the owner's applications as the API shows them, and how many match."""
    matching = _Matching.of(filters)
    values = _filter_values(owner_id, filters)
    page = _page(matching, filters.sort)
    # On the connection: rows of columns need none of the ORM's work around a statement.
    rows = session.connection().execute(page, values | {"limit": limit, "offset": offset}).all()
    if rows:
        total = rows[0].matches
    else:  # past the end, or nothing matches: the window had no row to count on
        everything = select(func.count()).select_from(_filtered(matching).subquery())
        total = session.scalar(everything, values) or 0
    now = utcnow()
    return [_shown_row(row, now) for row in rows], total


def list_tags(session: Session, owner_id: int) -> list[tuple[str, int]]:
    return tag_counts(session, ApplicationTag.name, ApplicationTag.owner_id, owner_id)


@dataclass(frozen=True)
class ApplicationQuota:
    limit: int | None  # None: unlimited
    used: int

    @property
    def available(self) -> int | None:
        """How many more the owner may add; None when there is no limit."""
        return None if self.limit is None else max(self.limit - self.used, 0)


@dataclass(frozen=True)
class ApplicationLimit:
    """How many applications the owner may keep (0: no limit), and whose limit that is."""

    count: int
    personal: bool  # the admin set it for this owner, over the instance's

    def words(self) -> str:
        applications = "application" if self.count == 1 else "applications"
        if self.personal:
            return f"your limit of {self.count} {applications}"
        return f"this instance's limit of {self.count} {applications} per user"

    def how_to_raise(self) -> str:
        if self.personal:
            return "ask the admin to raise your limit (Users, in the admin's settings)."
        return "ask the admin to raise the limit (Settings, or MAX_APPLICATIONS_PER_USER)."


def applications_limit(session: Session, settings: Settings, owner_id: int) -> ApplicationLimit:
    """The admin's override for the owner, else the instance's limit."""
    owner = usage.owner_override(session, owner_id)
    override = owner.max_applications if owner is not None else None
    if override is not None:
        return ApplicationLimit(override, personal=True)
    limits = instance_service.current_limits(session, settings)
    return ApplicationLimit(limits.max_applications_per_user, personal=False)


def application_quota(session: Session, settings: Settings, owner_id: int) -> ApplicationQuota:
    limit = applications_limit(session, settings, owner_id).count
    return ApplicationQuota(limit=limit or None, used=count_applications(session, owner_id))


def reserve_room(
    session: Session,
    settings: Settings,
    owner_id: int,
    adding: int,
    *,
    text_bytes: int = 0,
    what: str = "These applications",
    added: bool = False,
) -> None:
    """Make sure `adding` more applications, with `text_bytes` of long text, fit the owner's
    quotas, holding the owner's lock until commit.

    Concurrent creates and imports by one user are then counted one at a time. Both counts
    come from one statement, after the lock. `added`: they are already flushed in this
    transaction, so the counts include them.
    """
    limit = applications_limit(session, settings, owner_id)
    storage_limit = usage.storage_limit(session, settings, owner_id, text_bytes)
    figures: list[ScalarSelect[int]] = []
    if limit.count:
        figures.append(_APPLICATION_COUNT)
    if storage_limit:
        figures.append(usage.storage_used_query(owner_id))
    if not figures:
        return  # nothing to count, so nothing to serialise
    usage.lock_owner(session, owner_id)
    used = list(session.execute(select(*figures), {"owner_id": owner_id}).one())
    if limit.count:
        _check_application_limit(used.pop(0) - adding * added, adding, limit)
    if storage_limit:
        usage.check_storage(used.pop(0) - text_bytes * added, text_bytes, storage_limit, what=what)


def _check_application_limit(count: int, adding: int, limit: ApplicationLimit) -> None:
    if count + adding <= limit.count:
        return
    if adding == 1:
        raise QuotaExceeded(
            f"You have reached {limit.words()}. "
            f"Delete one you no longer need, or {limit.how_to_raise()}"
        )
    fit = max(limit.count - count, 0)
    raise QuotaExceeded(
        f"Only {fit} of these {adding} applications fit: you have {count} and "
        f"{limit.words()}. Nothing was added. Add at most {fit}, "
        f"delete applications you no longer need, or {limit.how_to_raise()}"
    )


def create_application(
    session: Session, settings: Settings, owner: User, data: ApplicationCreate
) -> Application:
    application = _add_new(session, owner.id, [data])[0]
    # Checked once it is in: the owner's lock is then held only for the count and the commit.
    # Creates at once still count one at a time, each seeing every one committed before it.
    adding = usage.record_bytes(data, STORED_TEXT)
    reserve_room(
        session, settings, owner.id, 1, text_bytes=adding, what="This application", added=True
    )
    webhook_events.application_created(session, application)
    session.commit()
    return application


def create_applications(
    session: Session, settings: Settings, owner: User, applications: Sequence[ApplicationCreate]
) -> list[Application]:
    """All of them in one transaction, or none when they do not all fit under the quota.

    They are records of the past (an import): the applied date is the one given, or none.
    """
    adding = sum(usage.record_bytes(data, STORED_TEXT) for data in applications)
    reserve_room(session, settings, owner.id, len(applications), text_bytes=adding)
    created = _add_new(session, owner.id, applications, fill_applied_on=False)
    session.commit()
    return created


def add_imported_batch(
    session: Session, settings: Settings, owner_id: int, applications: Sequence[ApplicationCreate]
) -> list[int]:
    """One batch of a large import, flushed in the caller's transaction (the caller commits).

    The quotas count what earlier batches flushed, so checking each batch checks the whole.
    """
    adding = sum(usage.record_bytes(data, STORED_TEXT) for data in applications)
    reserve_room(session, settings, owner_id, len(applications), text_bytes=adding)
    # Plain multi-row INSERTs rather than ORM objects: several times faster for thousands of
    # rows, and nothing is left in the session. Records of the past: no applied date invented.
    # The database records each one's first stage event (migration 0011).
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
    """Add them; the database records each one's first stage event (migration 0011)."""
    now = utcnow()
    created = []
    for data in applications:
        application = Application(
            owner_id=owner_id, created_at=now, updated_at=now, **data.model_dump(exclude={"tags"})
        )
        _set_tags(application, owner_id, data.tags)
        if fill_applied_on and application.applied_on is None and application.stage in SENT_STAGES:
            application.applied_on = _owners_today(session, owner_id, now)
        created.append(application)
    session.add_all(created)
    # One flush for the lot: both databases insert them in batches and return the ids.
    session.flush()
    return created


def update_application(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    changes: ApplicationUpdate,
) -> ApplicationOut:
    """Change the application and answer it as the API shows it, without reading it again."""
    found = session.execute(
        _EDITABLE, {"application_id": application_id, "owner_id": owner_id}
    ).first()
    if found is None:
        raise _not_found(application_id)
    application: Application = found.Application
    from_stage = application.stage
    retagged = _apply_changes(session, settings, application, changes)
    webhook_events.stage_changed(session, application, from_stage)
    session.commit()
    # Deliverables are not changed here, so the next one due is still the one read above.
    return shown(
        application,
        tags=None if retagged else _tag_list(found.tag_names),
        next_deliverable=_NEXT_DUE.read(found, utcnow()),
    )


def apply_update(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    changes: ApplicationUpdate,
) -> Application:
    """The update without its commit, for a caller writing more in the same transaction."""
    application = get_application(session, owner_id, application_id)
    _apply_changes(session, settings, application, changes)
    return application


def _apply_changes(
    session: Session, settings: Settings, application: Application, changes: ApplicationUpdate
) -> bool:
    """Write the changes over the application (flushed later); True when its tags changed."""
    values = changes.model_dump(exclude_unset=True)
    adding = usage.growth(application, values, STORED_TEXT)
    usage.reserve_storage(session, settings, application.owner_id, adding, what="This change")
    new_tags = values.pop("tags", None)
    new_stage = values.pop("stage", None)
    for name, value in values.items():
        setattr(application, name, value)
    if new_tags is not None:
        _set_tags(application, application.owner_id, new_tags)
    sent = new_stage is not None and new_stage != application.stage
    if sent:
        sent = _move_to_stage(application, Stage(new_stage))
    _check_salary_range(application)
    application.updated_at = utcnow()
    if sent:
        events.announce_sent(session, application.owner_id, [application.id])
    return new_tags is not None


def _owners_today(session: Session, owner_id: int, now: datetime) -> date:
    """The date on the owner's calendar. The signed-in owner is already in the session (the
    auth dependency loaded them), so this reads no row; elsewhere it reads one."""
    owner = session.get(User, owner_id)
    return local_date(now, owner.time_zone if owner else None)


def _move_to_stage(application: Application, stage: Stage) -> bool:
    """Move it; True when this move sends it (the caller then announces it, see events)."""
    # The database records the move in the stage history, at the new updated_at (0011).
    # Moving from a stage the employer has not seen to one they have means it was sent;
    # that includes leaving Withdrawn (given up on from the wishlist) for Applied.
    sent = application.stage not in SENT_STAGES and stage in SENT_STAGES
    if application.applied_on is None and sent:
        session = object_session(application)
        now = utcnow()
        application.applied_on = (
            _owners_today(session, application.owner_id, now) if session else now.date()
        )
    application.stage = stage
    # Its place was in the old column; a board move that places it sets one after this.
    application.board_position = None
    return sent


def move_to_stage(application: Application, stage: Stage) -> bool:
    """Move it as an edit does (flushed later), for a caller moving several at once; True
    when it is sent, which the caller announces (events.announce_sent) for them all at once."""
    return _move_to_stage(application, stage)


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
    """Move it to the trash, where it stays restorable until it is purged."""
    application = get_application(session, owner_id, application_id)
    application.deleted_at = utcnow()
    session.commit()


def list_stage_events(
    session: Session, owner_id: int, application_id: int, *, limit: int, offset: int
) -> tuple[list[StageEvent], int]:
    get_application(session, owner_id, application_id)
    query = select(StageEvent).where(
        StageEvent.application_id == application_id, StageEvent.owner_id == owner_id
    )
    return page_of(session, query, (StageEvent.at, StageEvent.id), limit=limit, offset=offset)


def summaries(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, ApplicationSummary]:
    """Company, role and stage of each of the owner's applications among these ids."""
    if not application_ids:
        return {}
    # Columns only: whole rows would also load every application's tags.
    rows = session.execute(
        select(Application.id, Application.company, Application.role, Application.stage).where(
            Application.owner_id == owner_id, Application.id.in_(set(application_ids)), LIVE
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
    query = _filtered(_Matching.of(filters)).order_by(*ordering)
    values = _filter_values(owner_id, filters)
    return _batches(session, query.execution_options(yield_per=batch_size), values)


def _batches(
    session: Session, query: Select[Application], values: dict[str, Any]
) -> Iterator[list[Application]]:
    # Tags are read here, one query per batch, rather than by the relationship's own
    # selectin loader, which re-walks every earlier batch of a streamed result.
    streamed = session.scalars(query.options(lazyload(Application.tag_rows)), values)
    for partition in streamed.partitions():
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
            .where(
                StageEvent.owner_id == owner_id,
                StageEvent.to_stage == stage,
                StageEvent.application_id.not_in(trashed_ids(owner_id)),
            )
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
        .where(Application.owner_id == owner_id, LIVE, Application.deadline.is_not(None))
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
    archived_at: datetime | None = None


def _entered_current_stage(restored: RestoredApplication) -> datetime:
    """When the backup's history last moved it into its stage; its creation without one."""
    entries = [change.at for change in restored.history if change.to_stage == restored.fields.stage]
    return max(entries, default=restored.created_at)


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
            archived_at=restored.archived_at,
            stage_entered_at=_entered_current_stage(restored),
            **restored.fields.model_dump(exclude={"tags"}),
        )
        _set_tags(application, owner_id, restored.fields.tags)
        added.append(application)
    session.add_all(added)
    session.flush()
    # The backup's own history replaces the first event the database recorded for each.
    ids = [application.id for application in added]
    session.execute(delete(StageEvent).where(StageEvent.application_id.in_(ids)))
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
    return ids
