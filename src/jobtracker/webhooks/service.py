"""Webhooks: owner-scoped subscriptions, their secrets, the test send and the delivery log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from jobtracker.auth.models import User
from jobtracker.capture.policy import policy_from_settings
from jobtracker.common import DEFAULT_PAGE_SIZE
from jobtracker.config import Settings
from jobtracker.db import page_of, utcnow
from jobtracker.errors import InvalidInput, NotFound, QuotaExceeded
from jobtracker.security.ratelimit import Allowance, FailureLimiter, count_use
from jobtracker.webhooks import delivery, events, sender, signing, targets
from jobtracker.webhooks.models import (
    DeliveryState,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
)
from jobtracker.webhooks.schemas import (
    SubscribableEvent,
    WebhookCreate,
    WebhookOut,
    WebhookUpdate,
    WebhookWithSecret,
)

MAX_WEBHOOKS_PER_USER = 10
# The delivery log shows this many of a webhook's latest attempts.
LOG_SIZE = DEFAULT_PAGE_SIZE
# The save-time check of the address (name lookup included) ends within this.
CHECK_SECONDS = 5.0
TESTS_PER_MINUTE = 10
TOO_MANY = (
    f"An account has at most {MAX_WEBHOOKS_PER_USER} webhooks. "
    "Delete one you no longer use, or send more events to one."
)


def present(webhook: Webhook) -> WebhookOut:
    return WebhookOut(
        id=webhook.id,
        url=webhook.url,
        events=[SubscribableEvent(name) for name in webhook.events.split()],
        description=webhook.description,
        enabled=webhook.enabled,
        secret_hint=webhook.secret_hint,
        created_at=webhook.created_at,
        updated_at=webhook.updated_at,
    )


def with_secret(webhook: Webhook, secret: str) -> WebhookWithSecret:
    return WebhookWithSecret(**present(webhook).model_dump(), secret=secret)


def list_webhooks(
    session: Session, owner_id: int, *, limit: int, offset: int
) -> tuple[list[Webhook], int]:
    query = select(Webhook).where(Webhook.owner_id == owner_id)
    return page_of(session, query, (Webhook.id,), limit=limit, offset=offset)


def get_webhook(session: Session, owner_id: int, webhook_id: int) -> Webhook:
    webhook = session.scalar(
        select(Webhook).where(Webhook.owner_id == owner_id, Webhook.id == webhook_id)
    )
    if webhook is None:
        raise NotFound(f"Webhook {webhook_id} was not found.")
    return webhook


def _checked_url(settings: Settings, url: str) -> str:
    try:
        targets.check(url, policy_from_settings(settings), CHECK_SECONDS)
    except targets.TargetRefused as refusal:
        raise InvalidInput(refusal.message, fields={"url": refusal.message}) from None
    return url.strip()


def _events_text(chosen: Sequence[SubscribableEvent]) -> str:
    return " ".join(event.value for event in chosen)


def create_webhook(
    session: Session, settings: Settings, user: User, data: WebhookCreate
) -> tuple[Webhook, str]:
    """The new webhook and its secret, which is returned this once."""
    url = _checked_url(settings, data.url)  # before the lock: the name lookup may take a while
    # The owner's row, locked: two creates at once count one after the other.
    session.execute(select(User.id).where(User.id == user.id).with_for_update())
    count = session.scalar(select(func.count()).where(Webhook.owner_id == user.id)) or 0
    if count >= MAX_WEBHOOKS_PER_USER:
        raise QuotaExceeded(TOO_MANY)
    secret = signing.new_secret()
    now = utcnow()
    webhook = Webhook(
        owner_id=user.id,
        url=url,
        description=data.description,
        events=_events_text(data.events),
        enabled=data.enabled,
        sealed_secret=signing.seal(settings, secret),
        secret_hint=signing.hint(secret),
        created_at=now,
        updated_at=now,
    )
    session.add(webhook)
    session.flush()
    _refresh_active_flag(session, user.id)
    session.commit()
    return webhook, secret


def update_webhook(
    session: Session, settings: Settings, owner_id: int, webhook_id: int, changes: WebhookUpdate
) -> Webhook:
    webhook = get_webhook(session, owner_id, webhook_id)
    values: dict[str, Any] = changes.model_dump(exclude_unset=True)
    if "url" in values:
        webhook.url = _checked_url(settings, values["url"])
    if "events" in values:
        webhook.events = _events_text(changes.events or [])
    if "description" in values:
        webhook.description = values["description"]
    if values.get("enabled") is False and webhook.enabled:
        # Switched off: what was waiting is dropped, so switching on later sends no backlog.
        session.execute(
            delete(WebhookDelivery).where(
                WebhookDelivery.webhook_id == webhook.id,
                WebhookDelivery.state == DeliveryState.PENDING,
            )
        )
    if "enabled" in values:
        webhook.enabled = values["enabled"]
    webhook.updated_at = utcnow()
    session.flush()
    _refresh_active_flag(session, owner_id)
    session.commit()
    return webhook


def rotate_secret(
    session: Session, settings: Settings, owner_id: int, webhook_id: int
) -> tuple[Webhook, str]:
    """A new secret, in force for every send from now on (retries included)."""
    webhook = get_webhook(session, owner_id, webhook_id)
    secret = signing.new_secret()
    webhook.sealed_secret = signing.seal(settings, secret)
    webhook.secret_hint = signing.hint(secret)
    webhook.updated_at = utcnow()
    session.commit()
    return webhook, secret


def delete_webhook(session: Session, owner_id: int, webhook_id: int) -> None:
    webhook = get_webhook(session, owner_id, webhook_id)
    session.delete(webhook)  # its deliveries and their log go with it (ON DELETE CASCADE)
    session.flush()
    _refresh_active_flag(session, owner_id)
    session.commit()


def _refresh_active_flag(session: Session, owner_id: int) -> None:
    """users.webhooks_active follows whether any of the owner's webhooks is enabled."""
    active = session.scalar(
        select(Webhook.id).where(Webhook.owner_id == owner_id, Webhook.enabled.is_(True)).limit(1)
    )
    session.execute(
        update(User).where(User.id == owner_id).values(webhooks_active=active is not None)
    )


def check_test_rate(limiter: FailureLimiter, owner_id: int) -> None:
    """Refuse a test past the user's per-minute allowance: each one is a POST to the outside."""
    count_use(
        limiter,
        Allowance(f"webhook-test:user:{owner_id}", TESTS_PER_MINUTE),
        f"You've sent {TESTS_PER_MINUTE} tests in the last minute.",
    )


def send_test(
    session: Session, settings: Settings, owner_id: int, webhook_id: int
) -> sender.SendResult:
    """Send a `ping` now and answer how it went; logged like any delivery, never retried."""
    webhook = get_webhook(session, owner_id, webhook_id)
    now = utcnow()
    ping = events.new_delivery(
        webhook.id,
        WebhookEvent.PING,
        {
            "webhook_id": webhook.id,
            "message": "A test from Job Tracker: this webhook is set up and signed.",
        },
        now,
    )
    session.add(ping)
    session.flush()
    return delivery.send_now(session, settings, ping.id, now)


def list_attempts(
    session: Session, owner_id: int, webhook_id: int, *, limit: int, offset: int
) -> tuple[list[WebhookAttempt], int]:
    """The webhook's attempts, newest first."""
    webhook = get_webhook(session, owner_id, webhook_id)
    query = select(WebhookAttempt).where(WebhookAttempt.webhook_id == webhook.id)
    newest_first = (WebhookAttempt.attempted_at.desc(), WebhookAttempt.id.desc())
    return page_of(session, query, newest_first, limit=min(limit, LOG_SIZE), offset=offset)
