"""Each user's digest subscription: how often, at which local hour, and the last day sent."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, UTCDateTime, enum_column, utcnow


class DigestFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class DigestSubscription(Base):
    __tablename__ = "digest_subscriptions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    frequency: Mapped[DigestFrequency] = mapped_column(
        enum_column(DigestFrequency), default=DigestFrequency.DAILY
    )
    hour: Mapped[int] = mapped_column(Integer, default=8)  # local hour, 0-23
    weekday: Mapped[int] = mapped_column(Integer, default=0)  # weekly: Monday 0 ... Sunday 6
    # The local date of the last digest queued: a later slot is due, this one or older is not.
    last_sent_for: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
