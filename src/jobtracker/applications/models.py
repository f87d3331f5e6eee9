"""Applications, their tags and their stage history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobtracker.applications.stages import (
    EmploymentType,
    Priority,
    SalaryPeriod,
    Stage,
    WorkMode,
)
from jobtracker.db import Base, Timestamped, UTCDateTime, enum_column, utcnow


class Application(Timestamped, Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_owner_stage", "owner_id", "stage"),
        # Covering index for the dashboard: one user's rows read from the index alone.
        Index(
            "ix_applications_owner_applied",
            "owner_id",
            "applied_on",
            postgresql_include=["id", "stage", "created_at"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.WISHLIST)
    job_url: Mapped[str | None] = mapped_column(String(2000))
    location: Mapped[str | None] = mapped_column(String(200))
    work_mode: Mapped[WorkMode | None] = mapped_column(enum_column(WorkMode))
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    # None means per year, the way most postings and every earlier row state a salary.
    salary_period: Mapped[SalaryPeriod | None] = mapped_column(enum_column(SalaryPeriod))
    employment_type: Mapped[EmploymentType | None] = mapped_column(enum_column(EmploymentType))
    source: Mapped[str | None] = mapped_column(String(200))
    job_description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority), default=Priority.MEDIUM)
    applied_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    posted_on: Mapped[date | None] = mapped_column(Date)
    # When it entered its current stage, for "days in stage" on the board.
    stage_entered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Off the board but still counted in analytics and found by search.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # In the trash since then: hidden everywhere, restorable, purged after 30 days.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Its place within its stage's column, as the user dragged it; null sorts by default order.
    board_position: Mapped[float | None] = mapped_column(Float)

    tag_rows: Mapped[list[ApplicationTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ApplicationTag.name"
    )

    @property
    def tags(self) -> list[str]:
        return [tag.name for tag in self.tag_rows]


# The database keeps stage_entered_at (triggers in migration 0012) on every path. These give an
# application in memory the same value as it is written, so an answer built from it is right
# without reading the row again.
@event.listens_for(Application, "before_insert")
def _entered_first_stage_on_creation(_mapper: Any, _connection: Any, target: Application) -> None:
    if target.created_at is None:
        target.created_at = utcnow()
    if target.stage_entered_at is None:
        target.stage_entered_at = target.created_at


@event.listens_for(Application, "before_update")
def _entered_stage_on_move(_mapper: Any, _connection: Any, target: Application) -> None:
    state = inspect(target)
    stage = state.attrs.stage.history
    if not (stage.deleted and stage.added and stage.deleted[0] != stage.added[0]):
        return
    if not state.attrs.updated_at.history.added:
        target.updated_at = utcnow()
    target.stage_entered_at = target.updated_at


class ApplicationTag(Base):
    __tablename__ = "application_tags"
    __table_args__ = (
        UniqueConstraint("application_id", "name"),
        Index("ix_application_tags_owner_name", "owner_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    # Denormalised owner, so tag filters and tag lists never join through applications.
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))


class StageEvent(Base):
    __tablename__ = "stage_events"
    __table_args__ = (
        Index("ix_stage_events_application_at", "application_id", "at"),
        # Covering index for the dashboard's one pass over a user's whole history.
        Index(
            "ix_stage_events_owner_history",
            "owner_id",
            "application_id",
            postgresql_include=["at", "from_stage", "to_stage"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
