"""Outgoing webhooks: a user's subscriptions, the deliveries queued for them, and each attempt."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, Timestamped, UTCDateTime, enum_column


class WebhookEvent(StrEnum):
    APPLICATION_CREATED = "application.created"
    APPLICATION_STAGE_CHANGED = "application.stage_changed"
    DELIVERABLE_DUE = "deliverable.due"
    INTERVIEW_SCHEDULED = "interview.scheduled"
    # Sent only by the Settings page's "Send test" button; never subscribed to.
    PING = "ping"


class DeliveryState(StrEnum):
    PENDING = "pending"  # waiting for its first try or a retry
    DELIVERED = "delivered"
    FAILED = "failed"  # given up after the last retry


class Webhook(Timestamped, Base):
    """One target a user's events are POSTed to, signed with the webhook's own secret.

    Left out of backups on purpose: the secret must not travel in a file, and a webhook without
    it is of no use to a receiver, so a restored account adds its webhooks again.
    """

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(200))
    # The event names (WebhookEvent values) it is sent, space-separated in a stable order: a
    # plain string, so the scheduler's query can pick subscribers with LIKE on both databases.
    events: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # The HMAC key, encrypted with a key derived from the instance's signing secret: a copy of
    # the database alone signs nothing. Shown in full once, at creation and on rotation.
    sealed_secret: Mapped[str] = mapped_column(String(500))
    secret_hint: Mapped[str] = mapped_column(String(16))  # its last characters, to tell apart


class WebhookDelivery(Base):
    """One event for one webhook: its body, fixed when queued, and where its retries stand."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # A deliverable's due reminder is queued once per webhook and due date, however many
        # rounds and processes find it (other events leave both null, which never collide).
        UniqueConstraint("webhook_id", "deliverable_id", "due_at"),
        # The sender's query: the oldest due first, among pending ones.
        Index("ix_webhook_deliveries_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    # The id the receiver sees (body and X-JobTracker-Delivery), the same on every retry.
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event: Mapped[WebhookEvent] = mapped_column(enum_column(WebhookEvent))
    # For deliverable.due only: which deliverable, at which due date. Kept in the log if the
    # deliverable goes.
    deliverable_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliverables.id", ondelete="SET NULL")
    )
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The exact JSON body sent, so every retry sends the same bytes.
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[DeliveryState] = mapped_column(enum_column(DeliveryState))
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebhookAttempt(Base):
    """One try at a delivery, for the log in Settings: what came back, or what went wrong."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (
        # The log reads one webhook's latest attempts; pruning reads by time.
        Index("ix_webhook_attempts_webhook_at", "webhook_id", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[WebhookEvent] = mapped_column(enum_column(WebhookEvent))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status_code: Mapped[int | None] = mapped_column(Integer)  # None: no HTTP answer
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer)
    delivered: Mapped[bool] = mapped_column(Boolean)
