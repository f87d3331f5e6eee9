"""document extraction: text is read in the background, with a state

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_STATUSES = ("pending", "ready", "unreadable")


def upgrade() -> None:
    # Documents stored so far had their text read during the upload: they are ready.
    with op.batch_alter_table("documents") as batch:
        batch.add_column(
            sa.Column(
                "text_status",
                sa.Enum(*TEXT_STATUSES, name="textstatus", native_enum=False, length=32),
                server_default="ready",
                nullable=False,
            )
        )
        batch.add_column(
            sa.Column(
                "extraction_claimed_at", jobtracker.db.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(
            sa.Column("extraction_attempts", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_index("ix_documents_text_status", "documents", ["text_status"])


def downgrade() -> None:
    op.drop_index("ix_documents_text_status", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("extraction_attempts")
        batch.drop_column("extraction_claimed_at")
        batch.drop_column("text_status")
