"""What an application asks for: essays, forms, coding tasks, each with a due date."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, Timestamped, UTCDateTime, enum_column


class DeliverableKind(StrEnum):
    ESSAY = "essay"
    QUESTION = "question"
    RESUME = "resume"
    COVER_LETTER = "cover_letter"
    FORM = "form"
    CODING_TASK = "coding_task"
    OTHER = "other"


class DeliverableState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Deliverable(Timestamped, Base):
    __tablename__ = "deliverables"
    __table_args__ = (
        # Upcoming lists and the dashboard's counts read one user's rows from the index alone.
        Index(
            "ix_deliverables_owner_due_state",
            "owner_id",
            "due_at",
            postgresql_include=["state", "done_at", "application_id"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[DeliverableKind] = mapped_column(
        enum_column(DeliverableKind), default=DeliverableKind.OTHER
    )
    state: Mapped[DeliverableState] = mapped_column(
        enum_column(DeliverableState), default=DeliverableState.NOT_STARTED
    )
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
