"""A user's weekly goals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, UTCDateTime, utcnow


class WeeklyGoal(Base):
    """How many applications (and, optionally, new networking contacts) a week the user aims
    for; a null target is not set. Weeks start on Monday in the user's time zone."""

    __tablename__ = "weekly_goals"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    applications_per_week: Mapped[int | None] = mapped_column(Integer)
    contacts_per_week: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
