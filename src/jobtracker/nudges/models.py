"""Each user's nudge rules, and what they did with a nudge (done, dismissed, snoozed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, UTCDateTime, utcnow

# The defaults a user starts with; a NULL number turns its rule off.
DEFAULT_FOLLOW_UP_DAYS = 7
DEFAULT_FOLLOW_UP_AGAIN_DAYS = 7
DEFAULT_DEADLINE_SOON_DAYS = 3
DEFAULT_GHOSTED_DAYS = 30


class NudgeRules(Base):
    __tablename__ = "nudge_rules"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # No column defaults: a NULL the user chose (rule off) must not be replaced by one.
    follow_up_days: Mapped[int | None] = mapped_column(Integer)
    # Days after the first follow-up nudge for the second one.
    follow_up_again_days: Mapped[int | None] = mapped_column(Integer)
    thank_you: Mapped[bool] = mapped_column(Boolean)
    deadline_soon_days: Mapped[int | None] = mapped_column(Integer)
    deadline_passed: Mapped[bool] = mapped_column(Boolean)
    deliverables_due: Mapped[bool] = mapped_column(Boolean)
    ghosted_days: Mapped[int | None] = mapped_column(Integer)

    @classmethod
    def defaults(cls, user_id: int) -> NudgeRules:
        return cls(
            user_id=user_id,
            follow_up_days=DEFAULT_FOLLOW_UP_DAYS,
            follow_up_again_days=DEFAULT_FOLLOW_UP_AGAIN_DAYS,
            thank_you=True,
            deadline_soon_days=DEFAULT_DEADLINE_SOON_DAYS,
            deadline_passed=True,
            deliverables_due=True,
            ghosted_days=DEFAULT_GHOSTED_DAYS,
        )


class NudgeState(Base):
    """What the user did with one nudge, found again by its key on every read."""

    __tablename__ = "nudge_states"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The nudge's identity: its rule, its subject's id and the date it is about
    # ("follow_up:12:2026-11-30"), so a changed date makes a new nudge.
    key: Mapped[str] = mapped_column(String(100))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
