"""Notes and reusable writing (answers, cover letter drafts), linkable to applications."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobtracker.db import Base, Timestamped, enum_column


class WritingKind(StrEnum):
    NOTE = "note"
    ANSWER = "answer"
    COVER_LETTER = "cover_letter"
    THANK_YOU = "thank_you"
    OTHER = "other"


writing_links = Table(
    "writing_links",
    Base.metadata,
    Column("writing_id", ForeignKey("writing.id", ondelete="CASCADE"), primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_writing_links_application_id", "application_id"),
)


class Writing(Timestamped, Base):
    __tablename__ = "writing"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[WritingKind] = mapped_column(enum_column(WritingKind), default=WritingKind.NOTE)
    body: Mapped[str] = mapped_column(Text, default="")

    tag_rows: Mapped[list[WritingTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="WritingTag.name"
    )

    @property
    def tags(self) -> list[str]:
        return [tag.name for tag in self.tag_rows]


class WritingTag(Base):
    __tablename__ = "writing_tags"
    __table_args__ = (
        UniqueConstraint("writing_id", "name"),
        Index("ix_writing_tags_owner_name", "owner_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    writing_id: Mapped[int] = mapped_column(ForeignKey("writing.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
