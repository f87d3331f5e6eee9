"""The scheduler's webhook rounds: queue due-deliverable reminders, send what is due, prune.

Mirrors the mail outbox (scheduler/outbox.py): a delivery is claimed on its own with a lease
(a conditional UPDATE only one process wins; SKIP LOCKED on PostgreSQL passes over rows another
process is claiming), committed before the POST, so no lock or transaction is held while a
receiver answers and two processes never send the same delivery. A failure (no answer, or
not 2xx) is logged as an attempt and tried again after a growing wait; after the last one the
delivery is kept as failed.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from jobtracker.applications.models import Application
from jobtracker.capture.policy import FetchPolicy, policy_from_settings
from jobtracker.config import Settings
from jobtracker.deliverables.models import Deliverable, DeliverableState
from jobtracker.webhooks import events, sender, signing
from jobtracker.webhooks.models import (
    DeliveryState,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
)

log = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt: six tries over about nine hours, then failed.
RETRY_WAITS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_WAITS) + 1
# Deliveries one round sends at most, and the time it may spend on them: each send may take
# sender.SEND_SECONDS, and the round must leave room for the scheduler's other work.
SEND_BATCH = 20
ROUND_SECONDS = 25.0
# How long a claimed delivery is this process's to send before another may try it.
CLAIM_LEASE = timedelta(minutes=5)
# "Due soon": a deliverable due within this is announced, once per webhook and due date.
DUE_WITHIN = timedelta(hours=24)
DUE_BATCH = 500
# The delivery log keeps this much history.
KEEP_LOG = timedelta(days=30)
SIGNING_KEY_LOST = (
    "The signing secret can no longer be read (the instance's JWT_SECRET changed). "
    "Rotate the secret in Settings."
)


def retry_wait(attempts: int) -> timedelta:
    return RETRY_WAITS[min(attempts, len(RETRY_WAITS)) - 1]


def deliver_due(factory: sessionmaker[Session], settings: Settings, now: datetime) -> int:
    """Send the deliveries due by `now`, each claimed on its own; how many were delivered."""
    policy = policy_from_settings(settings)
    round_ends = time.monotonic() + ROUND_SECONDS
    delivered = 0
    for _ in range(SEND_BATCH):
        if time.monotonic() > round_ends:
            break
        with factory() as session:
            candidate = _oldest_due(session, now)
            if candidate is None:
                break
            outgoing = _claim(session, settings, candidate, now)
        if outgoing is None:
            continue  # another process claimed it first
        result = _send(outgoing, policy, now)
        with factory() as session:
            delivered += record_attempt(session, candidate, result, now, retry=True)
            session.commit()
    return delivered


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        WebhookDelivery.state == DeliveryState.PENDING,
        WebhookDelivery.next_attempt_at <= now,
    )


def _oldest_due(session: Session, now: datetime) -> int | None:
    return session.scalar(
        select(WebhookDelivery.id)
        .where(*_due(now))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def _claim(
    session: Session, settings: Settings, delivery_id: int, now: datetime
) -> sender.Outgoing | None:
    """Claim the delivery (its next attempt moved a lease ahead, committed) and read what the
    send needs; None when another process won it."""
    claimed = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, *_due(now))
        .values(next_attempt_at=now + CLAIM_LEASE)
    )
    session.commit()
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return outgoing_of(session, settings, delivery_id)


def outgoing_of(session: Session, settings: Settings, delivery_id: int) -> sender.Outgoing | None:
    row = session.execute(
        select(WebhookDelivery, Webhook)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(WebhookDelivery.id == delivery_id)
    ).one_or_none()
    if row is None:
        return None
    delivery, webhook = row
    return sender.Outgoing(
        url=webhook.url,
        secret=signing.open_sealed(settings, webhook.sealed_secret) or "",
        event=delivery.event.value,
        event_id=delivery.event_id,
        body=delivery.body.encode(),
    )


def _send(outgoing: sender.Outgoing, policy: FetchPolicy, now: datetime) -> sender.SendResult:
    if not outgoing.secret:
        return sender.SendResult(
            delivered=False, status_code=None, error=SIGNING_KEY_LOST, duration_ms=0
        )
    return sender.send(outgoing, policy, now)


def send_now(
    session: Session, settings: Settings, delivery_id: int, now: datetime
) -> sender.SendResult:
    """Send one delivery at once (the Settings page's test), without retries."""
    outgoing = outgoing_of(session, settings, delivery_id)
    session.commit()  # no transaction is held while the receiver answers
    assert outgoing is not None  # the caller has just made it
    result = _send(outgoing, policy_from_settings(settings), now)
    record_attempt(session, delivery_id, result, now, retry=False)
    session.commit()
    return result


def record_attempt(
    session: Session,
    delivery_id: int,
    result: sender.SendResult,
    now: datetime,
    *,
    retry: bool,
) -> bool:
    """Log the attempt and move the delivery on: delivered, retried later, or failed."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        return False  # its webhook was deleted while it was being sent
    delivery.attempts += 1
    session.add(
        WebhookAttempt(
            webhook_id=delivery.webhook_id,
            delivery_id=delivery.id,
            event=delivery.event,
            attempted_at=now,
            status_code=result.status_code,
            error=result.error,
            duration_ms=result.duration_ms,
            delivered=result.delivered,
        )
    )
    if result.delivered:
        delivery.state = DeliveryState.DELIVERED
        delivery.finished_at = now
    elif retry and delivery.attempts < MAX_ATTEMPTS:
        delivery.next_attempt_at = now + retry_wait(delivery.attempts)
    else:
        delivery.state = DeliveryState.FAILED
        delivery.finished_at = now
        if retry:
            log.warning(
                "gave up on webhook delivery %s (%s) after %s attempts: %s",
                delivery.id,
                delivery.event.value,
                delivery.attempts,
                result.error,
            )
    return result.delivered


def queue_due_deliverables(factory: sessionmaker[Session], now: datetime) -> int:
    """Queue deliverable.due for open deliverables due within DUE_WITHIN, once per webhook and
    due date: a row already queued is skipped by the query, and one queued meanwhile by another
    process by the unique constraint. How many were queued."""
    already_queued = (
        select(WebhookDelivery.id)
        .where(
            WebhookDelivery.webhook_id == Webhook.id,
            WebhookDelivery.deliverable_id == Deliverable.id,
            WebhookDelivery.due_at == Deliverable.due_at,
        )
        .exists()
    )
    subscribed = (literal(" ") + Webhook.events + literal(" ")).like(
        f"% {WebhookEvent.DELIVERABLE_DUE.value} %"
    )
    query = (
        select(Deliverable, Application, Webhook.id)
        .join(Application, Application.id == Deliverable.application_id)
        .join(Webhook, Webhook.owner_id == Deliverable.owner_id)
        .where(
            Webhook.enabled.is_(True),
            subscribed,
            Deliverable.state != DeliverableState.DONE,
            Deliverable.due_at > now,
            Deliverable.due_at <= now + DUE_WITHIN,
            Application.deleted_at.is_(None),
            ~already_queued,
        )
        .order_by(Deliverable.due_at, Deliverable.id, Webhook.id)
        .limit(DUE_BATCH)
    )
    queued = 0
    with factory() as session:
        for deliverable, application, webhook_id in session.execute(query).all():
            data = {
                "deliverable": events.deliverable_data(deliverable),
                "application": events.application_data(application),
            }
            delivery = events.new_delivery(webhook_id, WebhookEvent.DELIVERABLE_DUE, data, now)
            delivery.deliverable_id = deliverable.id
            delivery.due_at = deliverable.due_at
            try:
                with session.begin_nested():  # a duplicate undoes only its own row
                    session.add(delivery)
            except IntegrityError:
                continue
            queued += 1
        session.commit()
    return queued


def prune(factory: sessionmaker[Session], now: datetime) -> int:
    """Delete finished deliveries and attempts older than KEEP_LOG; how many deliveries went."""
    with factory() as session:
        session.execute(delete(WebhookAttempt).where(WebhookAttempt.attempted_at < now - KEEP_LOG))
        deleted = session.execute(
            delete(WebhookDelivery).where(
                WebhookDelivery.state != DeliveryState.PENDING,
                WebhookDelivery.finished_at < now - KEEP_LOG,
            )
        )
        session.commit()
    count: int = deleted.rowcount  # type: ignore[attr-defined]
    return count
