"""interviews and each user's time zone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 14:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    "recruiter_call",
    "phone_screen",
    "video",
    "technical",
    "take_home",
    "onsite",
    "panel",
    "final",
)
OUTCOMES = ("waiting", "advanced", "offer", "rejected", "cancelled")


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="interviewkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("starts_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=True),
        sa.Column("meeting_url", sa.String(length=2000), nullable=True),
        sa.Column("prep_notes", sa.Text(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(*OUTCOMES, name="interviewoutcome", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("debrief", sa.Text(), nullable=True),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_interviews_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_interviews_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    op.create_index("ix_interviews_owner_starts", "interviews", ["owner_id", "starts_at"])
    op.create_index(op.f("ix_interviews_application_id"), "interviews", ["application_id"])
    op.create_table(
        "interview_contacts",
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interview_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_interview_contacts_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interview_id", "contact_id", name=op.f("pk_interview_contacts")),
    )
    op.create_index("ix_interview_contacts_contact_id", "interview_contacts", ["contact_id"])
    # Plain ALTER TABLE: existing accounts read their dates in UTC, as before, until they choose.
    op.add_column(
        "users",
        sa.Column("time_zone", sa.String(length=64), server_default="UTC", nullable=False),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE users DROP COLUMN time_zone")
    op.drop_index("ix_interview_contacts_contact_id", table_name="interview_contacts")
    op.drop_table("interview_contacts")
    op.drop_index(op.f("ix_interviews_application_id"), table_name="interviews")
    op.drop_index("ix_interviews_owner_starts", table_name="interviews")
    op.drop_table("interviews")
