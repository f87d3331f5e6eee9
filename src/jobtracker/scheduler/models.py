"""The mail outbox: every email the scheduler sends, with its attempts, so none is lost silently."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, UTCDateTime, utcnow


class OutboxMessage(Base):
    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the message stands for ("digest:12:2026-12-07"): unique, so two processes that both
    # decide to queue the same digest cannot both succeed. Null for one-off messages.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    # RFC 8058 one-click unsubscribe address, sent as List-Unsubscribe with -Post.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Due for a (next) try from this moment; the sender picks the oldest due first.
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Given up after the last retry: kept, with its error, for the admin to see.
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
