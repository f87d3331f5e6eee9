"""The mail outbox: queue an email in the caller's transaction, send due ones with retries.

A message is queued with the change that causes it (a reset link with its row), so it is never
lost between the two; the scheduler sends it, one row locked at a time (SKIP LOCKED on
PostgreSQL), so two processes never send the same message. A failure is recorded on the row
and tried again later with a growing wait, up to MAX_ATTEMPTS; then it is kept as failed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from jobtracker import mail
from jobtracker.config import Settings
from jobtracker.scheduler.models import OutboxMessage

log = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt; the last one is repeated until MAX_ATTEMPTS.
RETRY_WAITS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = 8
# Messages one tick sends at most, so a backlog never holds the scheduler for long.
SEND_BATCH = 50
# How long a claimed message is this process's to send before another may try it.
CLAIM_LEASE = timedelta(minutes=10)


def queue(
    session: Session,
    email: mail.Email,
    *,
    kind: str,
    now: datetime,
    user_id: int | None = None,
    dedupe_key: str | None = None,
) -> bool:
    """Add the email to the outbox (not committed); False if one with its key already exists."""
    message = OutboxMessage(
        dedupe_key=dedupe_key,
        kind=kind,
        user_id=user_id,
        to_address=email.to,
        subject=email.subject[:200],
        text_body=email.text,
        html_body=email.html,
        unsubscribe_url=email.unsubscribe_url,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
    )
    if dedupe_key is None:
        session.add(message)
        return True
    try:
        with session.begin_nested():  # a savepoint: the duplicate's error undoes only this row
            session.add(message)
    except IntegrityError:
        return False
    return True


def retry_wait(attempts: int) -> timedelta:
    return RETRY_WAITS[min(attempts, len(RETRY_WAITS)) - 1]


def send_due(factory: sessionmaker[Session], settings: Settings, now: datetime) -> int:
    """Send the messages due by `now`, each claimed on its own; how many were sent."""
    if not settings.email_enabled:
        return 0
    sent = 0
    for _ in range(SEND_BATCH):
        with factory() as session:
            candidate = _oldest_due(session, now)
            if candidate is None:
                return sent
            message = _claim(session, candidate, now)
            if message is None:
                continue  # another process claimed it first
            _attempt(settings, message, now)
            session.commit()
            sent += message.sent_at is not None
    return sent


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
    )


def _oldest_due(session: Session, now: datetime) -> int | None:
    # SKIP LOCKED: on PostgreSQL a process passes over a row another is claiming.
    return session.scalar(
        select(OutboxMessage.id)
        .where(*_due(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def _claim(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    """Claim the message for this process: a lease, committed before sending.

    The claim moves its next attempt CLAIM_LEASE ahead with a conditional UPDATE that only one
    process can win (SQLite serialises the writes; PostgreSQL locks the row). No lock is held
    while SMTP talks; a process that dies mid-send leaves the lease to expire, and the message
    is tried again then.
    """
    claimed = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_due(now))
        .values(next_attempt_at=now + CLAIM_LEASE)
    )
    session.commit()
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(OutboxMessage, message_id)


def _attempt(settings: Settings, message: OutboxMessage, now: datetime) -> None:
    email = mail.Email(
        to=message.to_address,
        subject=message.subject,
        text=message.text_body,
        html=message.html_body,
        unsubscribe_url=message.unsubscribe_url,
    )
    message.attempts += 1
    try:
        mail.send_email(settings, email)
    except mail.MailNotSent as failure:
        message.last_error = failure.reason[:500] or "not sent"
        if message.attempts >= MAX_ATTEMPTS:
            message.failed_at = now
            log.error(
                "gave up on outbox message %s (%s) after %s attempts: %s",
                message.id,
                message.kind,
                message.attempts,
                message.last_error,
            )
        else:
            message.next_attempt_at = now + retry_wait(message.attempts)
        return
    message.sent_at = now
    message.last_error = None


def status(session: Session) -> tuple[int, int, str | None]:
    """Messages waiting, given up, and the latest error recorded (for the admin)."""
    waiting = session.scalar(
        select(func.count()).where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None)
        )
    )
    failed = session.scalar(select(func.count()).where(OutboxMessage.failed_at.is_not(None)))
    last_error = session.scalar(
        select(OutboxMessage.last_error)
        .where(OutboxMessage.last_error.is_not(None))
        .order_by(OutboxMessage.next_attempt_at.desc())
        .limit(1)
    )
    return waiting or 0, failed or 0, last_error


# Sent messages are kept this long (the admin's view of what went out), failed ones longer.
KEEP_SENT = timedelta(days=30)
KEEP_FAILED = timedelta(days=90)


def prune(factory: sessionmaker[Session], now: datetime) -> int:
    """Delete sent and given-up messages past their keeping time; how many were deleted."""
    with factory() as session:
        deleted = session.execute(
            delete(OutboxMessage).where(
                or_(
                    OutboxMessage.sent_at < now - KEEP_SENT,
                    OutboxMessage.failed_at < now - KEEP_FAILED,
                )
            )
        )
        session.commit()
    count: int = deleted.rowcount  # type: ignore[attr-defined]
    return count
