"""Interviews: owner-scoped queries, the zone a start is read in, linked contacts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, case, delete, func, insert, select
from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.contacts import service as contacts_service
from jobtracker.contacts.models import Contact
from jobtracker.db import page_of, utcnow
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.instance import usage
from jobtracker.interviews.models import Interview, InterviewOutcome, interview_contacts
from jobtracker.interviews.schemas import (
    InterviewContact,
    InterviewCreate,
    InterviewOut,
    InterviewUpdate,
    in_zone,
)
from jobtracker.time_zones import zone
from jobtracker.webhooks import events as webhook_events

# What counts against the storage quota.
STORED_TEXT = (Interview.prep_notes, Interview.debrief)
# Enough for any hiring process; bounds what one application's page and export carry.
MAX_INTERVIEWS_PER_APPLICATION = 50
OTHER_APPLICATIONS_CONTACT = "Choose people from this application's contacts."
_BY_START = (Interview.starts_at.asc(), Interview.id.asc())


def _not_in_trash(owner_id: int) -> ColumnElement[bool]:
    # An interview of an application in the trash is hidden with it.
    return Interview.application_id.not_in(applications_service.trashed_ids(owner_id))


def _owned(owner_id: int) -> Select[Interview]:
    return select(Interview).where(Interview.owner_id == owner_id, _not_in_trash(owner_id))


def stored_bytes(owner_id: int) -> ScalarSelect[int]:
    """Bytes of text the owner keeps in interviews, for the storage quota."""
    return usage.bytes_stored(Interview.owner_id == owner_id, *STORED_TEXT)


def ends_at(interview: Interview) -> datetime:
    return interview.starts_at + timedelta(minutes=interview.duration_minutes)


def list_for_application(
    session: Session, owner_id: int, application_id: int, *, limit: int, offset: int
) -> tuple[list[Interview], int]:
    # A foreign application answers 404 rather than an empty list that looks like "none".
    applications_service.get_application(session, owner_id, application_id)
    query = _owned(owner_id).where(Interview.application_id == application_id)
    return page_of(session, query, _BY_START, limit=limit, offset=offset)


def list_interviews(
    session: Session,
    owner_id: int,
    starts_after: datetime | None,
    starts_before: datetime | None,
    *,
    limit: int,
    offset: int,
) -> tuple[list[Interview], int]:
    query = _owned(owner_id)
    if starts_after is not None:
        query = query.where(Interview.starts_at >= starts_after)
    if starts_before is not None:
        query = query.where(Interview.starts_at < starts_before)
    return page_of(session, query, _BY_START, limit=limit, offset=offset)


def get_interview(session: Session, owner_id: int, interview_id: int) -> Interview:
    interview = session.scalar(_owned(owner_id).where(Interview.id == interview_id))
    if interview is None:
        raise NotFound(f"Interview {interview_id} was not found.")
    return interview


def between(session: Session, owner_id: int, start: datetime, end: datetime) -> list[Interview]:
    """The owner's interviews starting at or after `start` and before `end`, soonest first.

    For Upcoming, digests and nudges (a thank-you after an interview).
    """
    return list(
        session.scalars(
            _owned(owner_id)
            .where(Interview.starts_at >= start, Interview.starts_at < end)
            .order_by(*_BY_START)
        )
    )


def all_of(session: Session, owner_id: int) -> list[Interview]:
    """Every interview of the owner's, soonest first (for the calendar feed)."""
    return list(session.scalars(_owned(owner_id).order_by(*_BY_START)))


def _check_room(session: Session, owner_id: int, application_id: int) -> None:
    count = session.scalar(
        select(func.count()).where(
            Interview.owner_id == owner_id, Interview.application_id == application_id
        )
    )
    if (count or 0) >= MAX_INTERVIEWS_PER_APPLICATION:
        raise QuotaExceeded(
            f"An application holds at most {MAX_INTERVIEWS_PER_APPLICATION} interviews. "
            "Delete one you no longer need first."
        )


def _start(starts_at: datetime, zone_name: str) -> datetime:
    try:
        return in_zone(starts_at, zone_name)
    except ValueError as problem:
        raise InvalidInput(str(problem), fields={"starts_at": str(problem)}) from None


def _check_contacts(
    session: Session, owner_id: int, application_id: int, contact_ids: Sequence[int]
) -> None:
    if not contact_ids:
        return
    known = {
        contact.id
        for contact in contacts_service.by_application(session, owner_id, [application_id])[
            application_id
        ]
    }
    if any(contact_id not in known for contact_id in contact_ids):
        raise InvalidInput(
            OTHER_APPLICATIONS_CONTACT, fields={"contact_ids": OTHER_APPLICATIONS_CONTACT}
        )


def _link_contacts(session: Session, interview_id: int, contact_ids: Sequence[int]) -> None:
    session.execute(
        delete(interview_contacts).where(interview_contacts.c.interview_id == interview_id)
    )
    if contact_ids:
        session.execute(
            insert(interview_contacts),
            [
                {"interview_id": interview_id, "contact_id": contact_id}
                for contact_id in contact_ids
            ],
        )


def create_interview(
    session: Session, settings: Settings, user: User, application_id: int, data: InterviewCreate
) -> Interview:
    application = applications_service.get_application(session, user.id, application_id)
    _check_room(session, user.id, application.id)
    _check_contacts(session, user.id, application.id, data.contact_ids)
    zone_name = data.time_zone or user.time_zone
    adding = usage.record_bytes(data, STORED_TEXT)
    usage.reserve_storage(session, settings, user.id, adding, what="This interview")
    values = data.model_dump(exclude={"contact_ids", "starts_at", "time_zone"})
    interview = Interview(
        owner_id=user.id,
        application_id=application.id,
        starts_at=_start(data.starts_at, zone_name),
        time_zone=zone_name,
        **values,
    )
    session.add(interview)
    session.flush()
    _link_contacts(session, interview.id, data.contact_ids)
    webhook_events.interview_scheduled(session, interview, application)
    session.commit()
    return interview


def update_interview(
    session: Session, settings: Settings, owner_id: int, interview_id: int, changes: InterviewUpdate
) -> Interview:
    interview = get_interview(session, owner_id, interview_id)
    values: dict[str, Any] = changes.model_dump(exclude_unset=True)
    contact_ids = values.pop("contact_ids", None)
    if contact_ids is not None:
        _check_contacts(session, owner_id, interview.application_id, contact_ids)
    was_at = interview.starts_at
    _move_start(interview, values.pop("starts_at", None), values.pop("time_zone", None))
    adding = usage.growth(interview, values, STORED_TEXT)
    usage.reserve_storage(session, settings, owner_id, adding, what="This change")
    for name, value in values.items():
        setattr(interview, name, value)
    if contact_ids is not None:
        _link_contacts(session, interview.id, contact_ids)
    interview.updated_at = utcnow()
    if interview.starts_at != was_at:
        webhook_events.interview_rescheduled(session, interview)
    session.commit()
    return interview


def _move_start(interview: Interview, starts_at: datetime | None, zone_name: str | None) -> None:
    if starts_at is None and zone_name is None:
        return
    if starts_at is None:
        # Same wall-clock time, read in the new zone: "10:00, but Tokyo time".
        starts_at = interview.starts_at.astimezone(zone(interview.time_zone)).replace(tzinfo=None)
    interview.time_zone = zone_name or interview.time_zone
    interview.starts_at = _start(starts_at, interview.time_zone)


def delete_interview(session: Session, owner_id: int, interview_id: int) -> None:
    interview = get_interview(session, owner_id, interview_id)
    session.delete(interview)
    session.commit()


def _linked_contacts(
    session: Session, owner_id: int, interviews: Sequence[Interview]
) -> dict[int, list[Contact]]:
    if not interviews:
        return {}
    links = session.execute(
        select(interview_contacts.c.interview_id, interview_contacts.c.contact_id).where(
            interview_contacts.c.interview_id.in_([interview.id for interview in interviews])
        )
    ).all()
    contacts = {
        contact.id: contact
        for group in contacts_service.by_application(
            session, owner_id, list({interview.application_id for interview in interviews})
        ).values()
        for contact in group
    }
    linked: dict[int, list[Contact]] = defaultdict(list)
    for interview_id, contact_id in links:
        if contact_id in contacts:
            linked[interview_id].append(contacts[contact_id])
    return linked


def present(session: Session, owner_id: int, interviews: Sequence[Interview]) -> list[InterviewOut]:
    """Interviews as the API shows them: with their end, local start, contacts and application."""
    applications = applications_service.summaries(
        session, owner_id, [interview.application_id for interview in interviews]
    )
    linked = _linked_contacts(session, owner_id, interviews)
    now = utcnow()
    return [
        InterviewOut(
            id=interview.id,
            application_id=interview.application_id,
            kind=interview.kind,
            starts_at=interview.starts_at,
            ends_at=ends_at(interview),
            time_zone=interview.time_zone,
            local_start=interview.starts_at.astimezone(zone(interview.time_zone))
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            duration_minutes=interview.duration_minutes,
            location=interview.location,
            meeting_url=interview.meeting_url,
            prep_notes=interview.prep_notes,
            outcome=interview.outcome,
            debrief=interview.debrief,
            contacts=[
                InterviewContact(
                    id=contact.id, name=contact.name, role=contact.role, email=contact.email
                )
                for contact in sorted(linked.get(interview.id, []), key=lambda contact: contact.id)
            ],
            upcoming=ends_at(interview) > now,
            application=applications[interview.application_id],
            created_at=interview.created_at,
            updated_at=interview.updated_at,
        )
        for interview in interviews
    ]


def contact_names(
    session: Session, owner_id: int, interviews: Sequence[Interview]
) -> dict[int, list[str]]:
    """The names of each interview's people (the calendar and the assistant word them)."""
    return {
        interview_id: [contact.name for contact in contacts]
        for interview_id, contacts in _linked_contacts(session, owner_id, interviews).items()
    }


@dataclass(frozen=True)
class InterviewCounts:
    scheduled: int  # starting in the window
    held: int  # ended before now, not cancelled


def counts(
    session: Session, owner_id: int, start: datetime, end: datetime, now: datetime
) -> InterviewCounts:
    """For the dashboard: how many start in [start, end), and how many were held before now."""
    not_cancelled = Interview.outcome.is_(None) | (Interview.outcome != InterviewOutcome.CANCELLED)
    rows = session.execute(
        select(Interview.starts_at, Interview.duration_minutes).where(
            Interview.owner_id == owner_id, _not_in_trash(owner_id), not_cancelled
        )
    ).all()
    scheduled = sum(1 for starts_at, _ in rows if start <= starts_at < end)
    held = sum(1 for starts_at, minutes in rows if starts_at + timedelta(minutes=minutes) <= now)
    return InterviewCounts(scheduled=scheduled, held=held)


@dataclass(frozen=True)
class ApplicationInterviews:
    count: int
    next_start: datetime | None  # the soonest that has not started yet


def per_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, ApplicationInterviews]:
    """How many interviews each application has, and when its next one starts; absent: none."""
    if not application_ids:
        return {}
    now = utcnow()
    upcoming = func.min(case((Interview.starts_at >= now, Interview.starts_at)))
    rows = session.execute(
        select(Interview.application_id, func.count(), upcoming)
        .where(Interview.owner_id == owner_id, Interview.application_id.in_(application_ids))
        .group_by(Interview.application_id)
    )
    return {
        application_id: ApplicationInterviews(count=count, next_start=next_start)
        for application_id, count, next_start in rows
    }


def by_application(
    session: Session, owner_id: int, application_ids: Sequence[int]
) -> dict[int, list[Interview]]:
    """The interviews of each of these applications, earliest first (backup, assistant)."""
    grouped: dict[int, list[Interview]] = defaultdict(list)
    if not application_ids:
        return grouped
    interviews = session.scalars(
        select(Interview)
        .where(Interview.owner_id == owner_id, Interview.application_id.in_(application_ids))
        .order_by(Interview.application_id, *_BY_START)
    )
    for interview in interviews:
        grouped[interview.application_id].append(interview)
    return grouped


def linked_contact_ids(session: Session, interviews: Iterable[Interview]) -> dict[int, list[int]]:
    """The contact ids each interview is linked to (the backup keeps them)."""
    ids = [interview.id for interview in interviews]
    linked: dict[int, list[int]] = defaultdict(list)
    if not ids:
        return linked
    for interview_id, contact_id in session.execute(
        select(interview_contacts.c.interview_id, interview_contacts.c.contact_id)
        .where(interview_contacts.c.interview_id.in_(ids))
        .order_by(interview_contacts.c.contact_id)
    ):
        linked[interview_id].append(contact_id)
    return linked


@dataclass(frozen=True)
class RestoredInterview:
    """An interview as a backup holds it, for an application (and contacts) with new ids."""

    application_id: int
    fields: InterviewCreate
    contact_ids: Sequence[int]
    created_at: datetime
    updated_at: datetime


def restore_interviews(
    session: Session, owner_id: int, interviews: Sequence[RestoredInterview]
) -> None:
    """Add them exactly as they were, with their contacts; the caller commits."""
    applications_service.require_owned(
        session, owner_id, [interview.application_id for interview in interviews]
    )
    for restored in interviews:
        zone_name = restored.fields.time_zone or "UTC"
        interview = Interview(
            owner_id=owner_id,
            application_id=restored.application_id,
            starts_at=in_zone(restored.fields.starts_at, zone_name),
            time_zone=zone_name,
            created_at=restored.created_at,
            updated_at=restored.updated_at,
            **restored.fields.model_dump(exclude={"contact_ids", "starts_at", "time_zone"}),
        )
        session.add(interview)
        session.flush()
        _link_contacts(session, interview.id, restored.contact_ids)
