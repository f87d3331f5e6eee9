"""Events queued where they happen, in the same transaction as the change, never sent there.

The services call these one-liners. A user without an enabled webhook (users.webhooks_active,
already loaded with the signed-in user) costs nothing more; for one with webhooks, one query
finds the subscribers and a delivery row per webhook joins the caller's commit, so an event is
queued exactly when its change is saved. The scheduler sends them (delivery.py).

Not emitted by imports (CSV, backup restore): a spreadsheet of 2,000 past applications is a
record being moved in, not 2,000 new applications a receiver should act on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application
from jobtracker.applications.stages import Stage
from jobtracker.auth.models import User
from jobtracker.db import utcnow
from jobtracker.deliverables.models import Deliverable
from jobtracker.interviews.models import Interview
from jobtracker.webhooks.models import DeliveryState, Webhook, WebhookDelivery, WebhookEvent


def application_created(session: Session, application: Application) -> None:
    _emit(
        session,
        application.owner_id,
        WebhookEvent.APPLICATION_CREATED,
        {"application": application_data(application)},
    )


def stage_changed(session: Session, application: Application, from_stage: Stage) -> None:
    stages_changed(session, application.owner_id, [(application, from_stage)])


def stages_changed(
    session: Session, owner_id: int, moves: Sequence[tuple[Application, Stage]]
) -> None:
    """One event per application that really changed stage (a bulk move: one query in all)."""
    changes = [
        {
            "application": application_data(application),
            "from": from_stage.value,
            "to": application.stage.value,
        }
        for application, from_stage in moves
        if application.stage != from_stage
    ]
    if changes:
        _emit(session, owner_id, WebhookEvent.APPLICATION_STAGE_CHANGED, *changes)


def interview_scheduled(
    session: Session, interview: Interview, application: Application, *, rescheduled: bool = False
) -> None:
    data = {
        "interview": interview_data(interview),
        "application": application_data(application),
        "rescheduled": rescheduled,
    }
    _emit(session, interview.owner_id, WebhookEvent.INTERVIEW_SCHEDULED, data)


def interview_rescheduled(session: Session, interview: Interview) -> None:
    """interview.scheduled again, with `rescheduled: true`, for a receiver keeping a calendar."""
    if not _has_webhooks(session, interview.owner_id):
        return  # before reading the application, which only the event needs
    application = session.get(Application, interview.application_id)
    if application is not None:
        interview_scheduled(session, interview, application, rescheduled=True)


def application_data(application: Application) -> dict[str, Any]:
    return {
        "id": application.id,
        "company": application.company,
        "role": application.role,
        "stage": application.stage.value,
        "job_url": application.job_url,
        "location": application.location,
        "applied_on": _day(application.applied_on),
        "deadline": _day(application.deadline),
    }


def interview_data(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "kind": interview.kind.value,
        "starts_at": interview.starts_at.isoformat(),
        "time_zone": interview.time_zone,
        "duration_minutes": interview.duration_minutes,
        "location": interview.location,
        "meeting_url": interview.meeting_url,
    }


def deliverable_data(deliverable: Deliverable) -> dict[str, Any]:
    return {
        "id": deliverable.id,
        "title": deliverable.title,
        "kind": deliverable.kind.value,
        "state": deliverable.state.value,
        "due_at": deliverable.due_at.isoformat() if deliverable.due_at else None,
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def subscribes(webhook: Webhook, event: WebhookEvent) -> bool:
    return event.value in webhook.events.split()


def new_delivery(
    webhook_id: int, event: WebhookEvent, data: Mapping[str, Any], now: datetime
) -> WebhookDelivery:
    """A pending delivery whose body, `{id, event, created_at, data}`, is fixed now."""
    event_id = str(uuid.uuid4())
    envelope = {"id": event_id, "event": event.value, "created_at": now.isoformat(), "data": data}
    return WebhookDelivery(
        webhook_id=webhook_id,
        event_id=event_id,
        event=event,
        body=json.dumps(envelope, ensure_ascii=False, separators=(",", ":")),
        created_at=now,
        state=DeliveryState.PENDING,
        next_attempt_at=now,
        attempts=0,
    )


def _emit(
    session: Session, owner_id: int, event: WebhookEvent, *occurrences: Mapping[str, Any]
) -> None:
    if not _has_webhooks(session, owner_id):
        return
    now = utcnow()
    webhooks = session.scalars(
        select(Webhook).where(Webhook.owner_id == owner_id, Webhook.enabled.is_(True))
    )
    session.add_all(
        new_delivery(webhook.id, event, data, now)
        for webhook in webhooks
        if subscribes(webhook, event)
        for data in occurrences
    )


def _has_webhooks(session: Session, owner_id: int) -> bool:
    # The signed-in owner is already in the session (the auth dependency loaded them), so
    # this reads no row; only an owner with webhooks pays for the queries that follow.
    owner = session.get(User, owner_id)
    return owner is not None and owner.webhooks_active
