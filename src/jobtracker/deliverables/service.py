"""Deliverables: owner-scoped queries, done/overdue rules."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.applications.schemas import NextDeliverable
from jobtracker.db import utcnow
from jobtracker.deliverables.models import Deliverable, DeliverableState


def next_due_by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, NextDeliverable]:
    """For each application, its open deliverable due soonest (undated ones last)."""
    if not application_ids:
        return {}
    open_deliverables = session.scalars(
        select(Deliverable)
        .where(
            Deliverable.owner_id == owner_id,
            Deliverable.application_id.in_(application_ids),
            Deliverable.state != DeliverableState.DONE,
        )
        .order_by(Deliverable.due_at.asc().nulls_last(), Deliverable.id)
    )
    now = utcnow()
    next_due: dict[int, NextDeliverable] = {}
    for deliverable in open_deliverables:
        if deliverable.application_id not in next_due:
            next_due[deliverable.application_id] = NextDeliverable(
                id=deliverable.id,
                title=deliverable.title,
                due_at=deliverable.due_at,
                overdue=deliverable.due_at is not None and deliverable.due_at < now,
            )
    return next_due
