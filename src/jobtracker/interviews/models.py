"""Interviews on an application: when (UTC and the zone it was given in), how, where, who."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, Timestamped, UTCDateTime, enum_column


class InterviewKind(StrEnum):
    RECRUITER_CALL = "recruiter_call"
    PHONE_SCREEN = "phone_screen"
    VIDEO = "video"
    TECHNICAL = "technical"
    TAKE_HOME = "take_home"
    ONSITE = "onsite"
    PANEL = "panel"
    FINAL = "final"


class InterviewOutcome(StrEnum):
    """How it went, recorded afterwards; null until then."""

    WAITING = "waiting"  # held, no answer yet
    ADVANCED = "advanced"
    OFFER = "offer"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


# Which of the application's contacts the interview is with.
interview_contacts = Table(
    "interview_contacts",
    Base.metadata,
    Column("interview_id", ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_interview_contacts_contact_id", "contact_id"),
)


class Interview(Timestamped, Base):
    __tablename__ = "interviews"
    __table_args__ = (
        # Upcoming, the dashboard, digests and the calendar read one user's rows by time.
        Index("ix_interviews_owner_starts", "owner_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[InterviewKind] = mapped_column(enum_column(InterviewKind))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The IANA zone the time was given in, so it is shown as the person arranged it.
    time_zone: Mapped[str] = mapped_column(String(64))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(500))
    meeting_url: Mapped[str | None] = mapped_column(String(2000))
    prep_notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[InterviewOutcome | None] = mapped_column(enum_column(InterviewOutcome))
    debrief: Mapped[str | None] = mapped_column(Text)
