"""Deliverables: owner-scoped queries, done/overdue rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Label,
    Row,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    and_,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.schemas import NextDeliverable
from jobtracker.config import Settings
from jobtracker.db import page_of, utcnow
from jobtracker.deliverables.models import Deliverable, DeliverableKind, DeliverableState
from jobtracker.deliverables.schemas import DeliverableCreate, DeliverableOut, DeliverableUpdate
from jobtracker.errors import NotFound
from jobtracker.instance import usage

# What counts against the storage quota (titles are short and bounded).
STORED_TEXT = (Deliverable.content,)
# Soonest first; undated ones have no urgency, so they go last.
_DUE_ORDER = (Deliverable.due_at.asc().nulls_last(), Deliverable.id.asc())


@dataclass(frozen=True)
class DeliverableFilters:
    """What the "Upcoming" view may narrow by; empty means everything of the owner's."""

    due_before: datetime | None = None
    due_after: datetime | None = None
    states: Sequence[DeliverableState] = ()
    kinds: Sequence[DeliverableKind] = ()
    overdue: bool | None = None
    application_id: int | None = None


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of text the owner keeps in deliverables, for the storage quota."""
    return usage.bytes_stored(Deliverable.owner_id == owner_id, *STORED_TEXT)


def is_overdue(deliverable: Deliverable, now: datetime) -> bool:
    return (
        deliverable.due_at is not None
        and deliverable.due_at < now
        and deliverable.state != DeliverableState.DONE
    )


def _overdue_condition(overdue: bool, now: datetime) -> ColumnElement[bool]:
    if overdue:
        return and_(Deliverable.due_at < now, Deliverable.state != DeliverableState.DONE)
    # Spelled out rather than negated: NOT over a NULL due_at would drop undated rows.
    return or_(
        Deliverable.due_at.is_(None),
        Deliverable.due_at >= now,
        Deliverable.state == DeliverableState.DONE,
    )


def _not_in_trash(owner_id: int) -> ColumnElement[bool]:
    # An application in the trash is hidden, and so is what belongs to it.
    return Deliverable.application_id.not_in(applications_service.trashed_ids(owner_id))


def _filtered(owner_id: int, filters: DeliverableFilters, now: datetime) -> Select[Deliverable]:
    query = select(Deliverable).where(Deliverable.owner_id == owner_id)
    if filters.application_id is not None:
        query = query.where(Deliverable.application_id == filters.application_id)
    else:  # one application's were checked by the caller; across them, the trash's are hidden
        query = query.where(_not_in_trash(owner_id))
    if filters.due_before is not None:
        query = query.where(Deliverable.due_at < filters.due_before)
    if filters.due_after is not None:
        query = query.where(Deliverable.due_at >= filters.due_after)
    if filters.states:
        query = query.where(Deliverable.state.in_(filters.states))
    if filters.kinds:
        query = query.where(Deliverable.kind.in_(filters.kinds))
    if filters.overdue is not None:
        query = query.where(_overdue_condition(filters.overdue, now))
    return query


def list_deliverables(
    session: Session, owner_id: int, filters: DeliverableFilters, *, limit: int, offset: int
) -> tuple[list[Deliverable], int]:
    if filters.application_id is not None:
        # A foreign application answers 404 rather than an empty list that looks like "none".
        applications_service.get_application(session, owner_id, filters.application_id)
    query = _filtered(owner_id, filters, utcnow())
    return page_of(session, query, _DUE_ORDER, limit=limit, offset=offset)


def get_deliverable(session: Session, owner_id: int, deliverable_id: int) -> Deliverable:
    deliverable = session.scalar(
        select(Deliverable).where(
            Deliverable.id == deliverable_id,
            Deliverable.owner_id == owner_id,
            _not_in_trash(owner_id),
        )
    )
    if deliverable is None:
        raise NotFound(f"Deliverable {deliverable_id} was not found.")
    return deliverable


def create_deliverable(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    data: DeliverableCreate,
) -> Deliverable:
    application = applications_service.get_application(session, owner_id, application_id)
    adding = usage.record_bytes(data, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This deliverable")
    deliverable = Deliverable(owner_id=owner_id, application_id=application.id, **data.model_dump())
    if deliverable.state == DeliverableState.DONE:
        deliverable.done_at = utcnow()
    session.add(deliverable)
    session.commit()
    return deliverable


def update_deliverable(
    session: Session,
    settings: Settings,
    owner_id: int,
    deliverable_id: int,
    changes: DeliverableUpdate,
) -> Deliverable:
    deliverable = get_deliverable(session, owner_id, deliverable_id)
    values: dict[str, Any] = changes.model_dump(exclude_unset=True)
    adding = usage.growth(deliverable, values, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This change")
    new_state = values.pop("state", None)
    for name, value in values.items():
        setattr(deliverable, name, value)
    if new_state is not None:
        _move_to_state(deliverable, DeliverableState(new_state))
    deliverable.updated_at = utcnow()
    session.commit()
    return deliverable


def _move_to_state(deliverable: Deliverable, state: DeliverableState) -> None:
    # done_at records when it was finished: kept while it stays done, gone once reopened.
    if state == DeliverableState.DONE and deliverable.state != DeliverableState.DONE:
        deliverable.done_at = utcnow()
    elif state != DeliverableState.DONE:
        deliverable.done_at = None
    deliverable.state = state


def delete_deliverable(session: Session, owner_id: int, deliverable_id: int) -> None:
    deliverable = get_deliverable(session, owner_id, deliverable_id)
    session.delete(deliverable)
    session.commit()


def present(
    session: Session, owner_id: int, deliverables: Sequence[Deliverable]
) -> list[DeliverableOut]:
    """Deliverables as the API shows them: flagged when overdue, labelled with their application."""
    applications = applications_service.summaries(
        session, owner_id, [deliverable.application_id for deliverable in deliverables]
    )
    now = utcnow()
    return [
        DeliverableOut(
            id=deliverable.id,
            application_id=deliverable.application_id,
            title=deliverable.title,
            kind=deliverable.kind,
            state=deliverable.state,
            due_at=deliverable.due_at,
            content=deliverable.content,
            done_at=deliverable.done_at,
            overdue=is_overdue(deliverable, now),
            application=applications[deliverable.application_id],
            created_at=deliverable.created_at,
            updated_at=deliverable.updated_at,
        )
        for deliverable in deliverables
    ]


@dataclass(frozen=True)
class NextDueColumns:
    """An application's earliest-due open deliverable, as columns of a query of applications."""

    id: ScalarSelect[int]
    title: ScalarSelect[str]
    due_at: ScalarSelect[datetime | None]

    @property
    def columns(self) -> tuple[Label[Any], ...]:
        return (
            self.id.label("next_due_id"),
            self.title.label("next_due_title"),
            self.due_at.label("next_due_at"),
        )

    @staticmethod
    def read(row: Row[*tuple[Any, ...]], now: datetime) -> NextDeliverable | None:
        if row.next_due_id is None:
            return None
        due_at = row.next_due_at
        return NextDeliverable(
            id=row.next_due_id,
            title=row.next_due_title,
            due_at=due_at,
            overdue=due_at is not None and due_at < now,  # open, so only the date decides
        )


def next_due_columns(application_id: SQLColumnExpression[int]) -> NextDueColumns:
    def first_open(column: SQLColumnExpression[Any]) -> ScalarSelect[Any]:
        return (
            select(column)
            .where(
                Deliverable.application_id == application_id,
                Deliverable.state != DeliverableState.DONE,
            )
            .order_by(*_DUE_ORDER)
            .limit(1)
            .scalar_subquery()
        )

    return NextDueColumns(
        id=first_open(Deliverable.id),
        title=first_open(Deliverable.title),
        due_at=first_open(Deliverable.due_at),
    )


@dataclass(frozen=True)
class DeliverableCounts:
    total: int
    open: int  # not done yet


def counts_by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, DeliverableCounts]:
    """How many deliverables each application has, and how many are not done; absent: none."""
    if not application_ids:
        return {}
    not_done = case((Deliverable.state != DeliverableState.DONE, 1), else_=0)
    rows = session.execute(
        select(Deliverable.application_id, func.count(), func.sum(not_done))
        .where(Deliverable.owner_id == owner_id, Deliverable.application_id.in_(application_ids))
        .group_by(Deliverable.application_id)
    )
    return {
        application_id: DeliverableCounts(total=total, open=int(open_count or 0))
        for application_id, total, open_count in rows
    }


def by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, list[Deliverable]]:
    """The deliverables of each of these applications, in the order they were added."""
    grouped: dict[int, list[Deliverable]] = defaultdict(list)
    if not application_ids:
        return grouped
    deliverables = session.scalars(
        select(Deliverable)
        .where(Deliverable.owner_id == owner_id, Deliverable.application_id.in_(application_ids))
        .order_by(Deliverable.application_id, Deliverable.id)
    )
    for deliverable in deliverables:
        grouped[deliverable.application_id].append(deliverable)
    return grouped


def with_due_dates(session: Session, owner_id: int) -> list[Deliverable]:
    """Every deliverable of the owner's that has a due date, soonest first (for the calendar)."""
    return list(
        session.scalars(
            select(Deliverable)
            .where(
                Deliverable.owner_id == owner_id,
                Deliverable.due_at.is_not(None),
                _not_in_trash(owner_id),
            )
            .order_by(*_DUE_ORDER)
        )
    )


@dataclass(frozen=True)
class RestoredDeliverable:
    """A deliverable as a backup holds it, for an application restored with the new id."""

    application_id: int
    fields: DeliverableCreate
    done_at: datetime | None
    created_at: datetime
    updated_at: datetime


def restore_deliverables(
    session: Session, owner_id: int, deliverables: Sequence[RestoredDeliverable]
) -> None:
    """Add them exactly as they were, done_at included; the caller commits."""
    applications_service.require_owned(
        session, owner_id, [deliverable.application_id for deliverable in deliverables]
    )
    session.add_all(
        Deliverable(
            owner_id=owner_id,
            application_id=restored.application_id,
            done_at=restored.done_at,
            created_at=restored.created_at,
            updated_at=restored.updated_at,
            **restored.fields.model_dump(),
        )
        for restored in deliverables
    )
