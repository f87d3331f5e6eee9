"""Digest subscriptions: each user's choice, and queueing the digests that are due.

Several processes may queue at once: each locks the subscriptions it works on (SKIP LOCKED on
PostgreSQL, so they share the work instead of waiting), and the outbox's unique key
("digest:<user>:<local date>") refuses a second copy whatever happens.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from jobtracker.applications.models import Application
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.digests import schedule, unsubscribe
from jobtracker.digests.compose import DigestContent, DigestLine, build_email, interview_line
from jobtracker.digests.models import DigestFrequency, DigestSubscription
from jobtracker.errors import Conflict, NotFound
from jobtracker.insight import goals
from jobtracker.interviews import service as interviews_service
from jobtracker.nudges import service as nudges_service
from jobtracker.scheduler import outbox
from jobtracker.time_zones import start_of_day

# Subscriptions one transaction locks and works through.
BATCH = 100
EMAIL_OFF = (
    "Email is not set up on this instance, so there are no digests. "
    "The notification list in the app shows the same reminders."
)
LINK_NOT_VALID = "This unsubscribe link is not valid. Change your emails in Settings instead."


def subscription_for(session: Session, user_id: int) -> DigestSubscription:
    """The user's subscription, or the default (off, daily at 8) when they never chose."""
    found = session.get(DigestSubscription, user_id)
    if found is not None:
        return found
    return DigestSubscription(
        user_id=user_id, enabled=False, frequency=DigestFrequency.DAILY, hour=8, weekday=0
    )


def update_subscription(
    session: Session, settings: Settings, user: User, now: datetime, changes: dict[str, object]
) -> DigestSubscription:
    if changes.get("enabled") and not settings.email_enabled:
        raise Conflict(EMAIL_OFF, fields={"enabled": EMAIL_OFF})
    subscription = session.get(DigestSubscription, user.id)
    if subscription is None:
        subscription = subscription_for(session, user.id)
        session.add(subscription)
    for name, value in changes.items():
        setattr(subscription, name, value)
    # A send time already past today (or this week) is not a reason to mail at once: the first
    # digest goes at the next one.
    subscription.last_sent_for = schedule.latest_slot(subscription, user.time_zone, now)
    session.commit()
    return subscription


def unsubscribe_by_token(session: Session, settings: Settings, token: str) -> None:
    user_id = unsubscribe.user_id_from(settings, token)
    subscription = session.get(DigestSubscription, user_id) if user_id is not None else None
    if subscription is None:
        raise NotFound(LINK_NOT_VALID)
    subscription.enabled = False
    session.commit()


def _content(
    session: Session, user: User, frequency: DigestFrequency, day_start: datetime, now: datetime
) -> DigestContent:
    nudges = [
        DigestLine(found.nudge.title, f"/applications/{found.nudge.application_id}")
        for found in nudges_service.open_nudges(session, user, now)
    ]
    days = 1 if frequency is DigestFrequency.DAILY else 7
    interviews = interviews_service.between(
        session, user.id, day_start, day_start + timedelta(days=days)
    )
    rows = session.execute(
        select(Application.id, Application.company).where(
            Application.owner_id == user.id,
            Application.id.in_({interview.application_id for interview in interviews}),
        )
    )
    companies = {row.id: row.company for row in rows}
    return DigestContent(
        nudges=nudges,
        interviews=[
            DigestLine(
                interview_line(
                    interview.starts_at,
                    user.time_zone,
                    companies.get(interview.application_id, ""),
                    interview.kind.value,
                ),
                f"/applications/{interview.application_id}",
            )
            for interview in interviews
        ],
        goal=goals.digest_line(session, user, now),
    )


def queue_due(factory: sessionmaker[Session], settings: Settings, now: datetime) -> int:
    """Queue every digest due by now and not queued yet; how many were queued."""
    if not settings.email_enabled:
        return 0
    queued = 0
    after = 0
    while True:
        with factory() as session:
            subscriptions = session.scalars(
                select(DigestSubscription)
                .where(DigestSubscription.enabled.is_(True), DigestSubscription.user_id > after)
                .order_by(DigestSubscription.user_id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            ).all()
            if not subscriptions:
                return queued
            for subscription in subscriptions:
                after = subscription.user_id
                queued += _queue_one(session, settings, subscription, now)
            session.commit()


def _queue_one(
    session: Session, settings: Settings, subscription: DigestSubscription, now: datetime
) -> int:
    user = session.get(User, subscription.user_id)
    # A disabled account gets no email; its subscription stays for when it is enabled again.
    if user is None or user.disabled_at is not None:
        return 0
    day = schedule.is_due(subscription, user.time_zone, now)
    if day is None:
        return 0
    content = _content(
        session, user, subscription.frequency, start_of_day(day, user.time_zone), now
    )
    email = build_email(
        settings,
        user,
        frequency=subscription.frequency,
        day=day,
        content=content,
        unsubscribe_token=unsubscribe.token_for(settings, user.id),
    )
    subscription.last_sent_for = day
    added = outbox.queue(
        session,
        email,
        kind="digest",
        now=now,
        user_id=user.id,
        dedupe_key=f"digest:{user.id}:{day.isoformat()}",
    )
    return int(added)
