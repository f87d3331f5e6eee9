"""document kinds and versions, the documents an application sent, weekly goals, and access
tokens that may delete

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("resume", "cover_letter", "other")


def _kind(**options: object) -> sa.Enum:
    return sa.Enum(*KINDS, name="documentkind", native_enum=False, length=32, **options)


def _utc() -> jobtracker.db.UTCDateTime:
    return jobtracker.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    # A batch (a table rebuild on SQLite) is needed for the self-referencing foreign key; the
    # documents table has no triggers to lose, unlike applications.
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("kind", _kind(), nullable=False, server_default="other"))
        batch.add_column(sa.Column("family_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_documents_family_id_documents"),
            "documents",
            ["family_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_documents_family_id"), ["family_id"], unique=False)
    # A file named like a resume or a cover letter most likely is one; the user can change it.
    op.execute("UPDATE documents SET kind = 'cover_letter' WHERE lower(filename) LIKE '%cover%'")
    op.execute(
        "UPDATE documents SET kind = 'resume' WHERE kind = 'other' AND ("
        "lower(filename) LIKE '%resume%' OR lower(filename) LIKE '%résumé%' "
        "OR lower(filename) LIKE '%cv%')"
    )

    op.create_table(
        "sent_documents",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("chosen_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_sent_documents_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_sent_documents_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_sent_documents_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", "kind", name=op.f("pk_sent_documents")),
    )
    op.create_index(
        op.f("ix_sent_documents_document_id"), "sent_documents", ["document_id"], unique=False
    )
    op.create_index(
        "ix_sent_documents_owner_kind", "sent_documents", ["owner_id", "kind"], unique=False
    )

    op.create_table(
        "weekly_goals",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("applications_per_week", sa.Integer(), nullable=True),
        sa.Column("contacts_per_week", sa.Integer(), nullable=True),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_weekly_goals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_weekly_goals")),
    )

    op.add_column(
        "personal_access_tokens",
        sa.Column("allow_delete", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("personal_access_tokens") as batch:
        batch.drop_column("allow_delete")
    op.drop_table("weekly_goals")
    op.drop_index("ix_sent_documents_owner_kind", table_name="sent_documents")
    op.drop_index(op.f("ix_sent_documents_document_id"), table_name="sent_documents")
    op.drop_table("sent_documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index(op.f("ix_documents_family_id"))
        batch.drop_constraint(op.f("fk_documents_family_id_documents"), type_="foreignkey")
        batch.drop_column("family_id")
        batch.drop_column("kind")
