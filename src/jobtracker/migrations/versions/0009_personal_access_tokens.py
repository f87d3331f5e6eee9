"""personal access tokens: named, scoped, hashed, revocable credentials for programs

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "personal_access_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "scope",
            sa.Enum("read", "write", name="accesstokenscope", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", jobtracker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", jobtracker.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_personal_access_tokens_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_access_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_personal_access_tokens_token_hash")),
    )
    op.create_index(
        op.f("ix_personal_access_tokens_owner_id"), "personal_access_tokens", ["owner_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_personal_access_tokens_owner_id"), table_name="personal_access_tokens")
    op.drop_table("personal_access_tokens")
