"""Applications, their tags and their stage history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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

    tag_rows: Mapped[list[ApplicationTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ApplicationTag.name"
    )

    @property
    def tags(self) -> list[str]:
        return [tag.name for tag in self.tag_rows]


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
