"""documents: uploaded files, their text, and their links to applications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:35:37.275550
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column(
            "media_type",
            sa.Enum(
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "text/plain",
                "text/markdown",
                name="mediatype",
                native_enum=False,
                length=100,
            ),
            nullable=False,
        ),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("extracted_text", sa.Text(), nullable=False),
        sa.Column("extraction_note", sa.String(length=500), nullable=True),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_documents_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("owner_id", "sha256", name="uq_documents_owner_sha256"),
    )
    op.create_table(
        "document_links",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_document_links_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_links_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "application_id", name=op.f("pk_document_links")),
    )
    with op.batch_alter_table("document_links", schema=None) as batch_op:
        batch_op.create_index("ix_document_links_application_id", ["application_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_links", schema=None) as batch_op:
        batch_op.drop_index("ix_document_links_application_id")

    op.drop_table("document_links")
    op.drop_table("documents")
