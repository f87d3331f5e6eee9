"""Uploaded documents, kept in the database with their text, and their links to applications."""

from __future__ import annotations

from datetime import datetime
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

from jobtracker.db import Base, Timestamped, UTCDateTime, enum_column, utcnow
from jobtracker.documents.media_types import MediaType as MediaType


class DocumentKind(StrEnum):
    """What a document is for: the resume and cover letter an application sent are chosen from
    documents of that kind."""

    RESUME = "resume"
    COVER_LETTER = "cover_letter"
    OTHER = "other"


class TextStatus(StrEnum):
    """Where reading a document's text stands; PDF and Word files are read after the upload."""

    PENDING = "pending"
    READY = "ready"
    UNREADABLE = "unreadable"


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
    __table_args__ = (
        UniqueConstraint("owner_id", "sha256", name="uq_documents_owner_sha256"),
        # The few documents still to read are found without scanning everyone's.
        Index("ix_documents_text_status", "text_status"),
    )

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
    kind: Mapped[DocumentKind] = mapped_column(
        enum_column(DocumentKind),
        default=DocumentKind.OTHER,
        server_default=DocumentKind.OTHER.value,
    )
    # Versions of one document (Resume v1, v2, v3) share the id of the first, kept here on every
    # later one; null on the first and on a document with no other versions.
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists and metadata never pull megabytes of bytes or text along.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    extracted_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    extraction_note: Mapped[str | None] = mapped_column(String(500))
    text_status: Mapped[TextStatus] = mapped_column(
        enum_column(TextStatus), default=TextStatus.READY, server_default=TextStatus.READY.value
    )
    # Set while an app process reads the text; a claim this old is from a process that died.
    extraction_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    extraction_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SentDocument(Base):
    """The resume or cover letter that went out with an application, chosen when it moved to
    Applied. Its file name is kept too, so the record still says what was sent after the
    document is deleted (the link then becomes null)."""

    __tablename__ = "sent_documents"
    __table_args__ = (Index("ix_sent_documents_owner_kind", "owner_id", "kind"),)

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
