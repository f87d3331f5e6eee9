"""Uploaded documents, kept in the database with their text, and their links to applications."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import (
    Column,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jobtracker.db import Base, Timestamped


class MediaType(StrEnum):
    """The kinds of file accepted, decided from the bytes, never from the name or the header."""

    PDF = "application/pdf"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    TEXT = "text/plain"
    MARKDOWN = "text/markdown"


# One resume is often sent to several companies, so a document links to any number of them.
document_links = Table(
    "document_links",
    Base.metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_document_links_application_id", "application_id"),
)


class Document(Timestamped, Base):
    __tablename__ = "documents"
    # The same bytes are stored once per owner; the constraint also serves owner-scoped lookups.
    __table_args__ = (UniqueConstraint("owner_id", "sha256", name="uq_documents_owner_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Shown to the user only; never used as a path.
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[MediaType] = mapped_column(
        # Like db.enum_column, but wide enough for the Word media type.
        Enum(
            MediaType,
            native_enum=False,
            length=100,
            values_callable=lambda members: [member.value for member in members],
            validate_strings=True,
        )
    )
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists and metadata never pull megabytes of bytes or text along.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    extracted_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    extraction_note: Mapped[str | None] = mapped_column(String(500))
