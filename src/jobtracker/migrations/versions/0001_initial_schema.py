"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 12:17:41.019189
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "instance_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("max_users", sa.Integer(), nullable=True),
        sa.Column("max_applications_per_user", sa.Integer(), nullable=True),
        sa.Column("registration_open", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instance_settings")),
    )
    # The one settings row; NULL limits mean "use the environment's".
    op.bulk_insert(
        sa.table(
            "instance_settings",
            sa.column("id", sa.Integer),
            sa.column("registration_open", sa.Boolean),
        ),
        [{"id": 1, "registration_open": True}],
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum("user", "admin", name="role", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("token_version", sa.Integer(), nullable=False),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "wishlist",
                "drafting",
                "applied",
                "screening",
                "interview",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="stage",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("job_url", sa.String(length=2000), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column(
            "work_mode",
            sa.Enum("onsite", "hybrid", "remote", name="workmode", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("salary_min", sa.Integer(), nullable=True),
        sa.Column("salary_max", sa.Integer(), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("job_description", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "priority",
            sa.Enum("low", "medium", "high", name="priority", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_applications_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_applications_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_applications_owner_stage", ["owner_id", "stage"], unique=False)

    op.create_table(
        "writing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "note",
                "answer",
                "cover_letter",
                "thank_you",
                "other",
                name="writingkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_writing_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing")),
    )
    with op.batch_alter_table("writing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_writing_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "application_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_tags_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_application_tags_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_tags")),
        sa.UniqueConstraint(
            "application_id", "name", name=op.f("uq_application_tags_application_id")
        ),
    )
    with op.batch_alter_table("application_tags", schema=None) as batch_op:
        batch_op.create_index("ix_application_tags_owner_name", ["owner_id", "name"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_contacts_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_contacts_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contacts_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "deliverables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "essay",
                "question",
                "resume",
                "cover_letter",
                "form",
                "coding_task",
                "other",
                name="deliverablekind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                name="deliverablestate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_at", jobtracker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("done_at", jobtracker.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_deliverables_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_deliverables_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverables")),
    )
    with op.batch_alter_table("deliverables", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deliverables_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index("ix_deliverables_owner_due", ["owner_id", "due_at"], unique=False)

    op.create_table(
        "stage_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_stage",
            sa.Enum(
                "wishlist",
                "drafting",
                "applied",
                "screening",
                "interview",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="stage",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "wishlist",
                "drafting",
                "applied",
                "screening",
                "interview",
                "offer",
                "accepted",
                "rejected",
                "withdrawn",
                "ghosted",
                name="stage",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("at", jobtracker.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_stage_events_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_stage_events_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_events")),
    )
    with op.batch_alter_table("stage_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stage_events_application_at", ["application_id", "at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stage_events_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "writing_links",
        sa.Column("writing_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_writing_links_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["writing_id"],
            ["writing.id"],
            name=op.f("fk_writing_links_writing_id_writing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("writing_id", "application_id", name=op.f("pk_writing_links")),
    )
    with op.batch_alter_table("writing_links", schema=None) as batch_op:
        batch_op.create_index("ix_writing_links_application_id", ["application_id"], unique=False)

    op.create_table(
        "writing_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("writing_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_writing_tags_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["writing_id"],
            ["writing.id"],
            name=op.f("fk_writing_tags_writing_id_writing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_tags")),
        sa.UniqueConstraint("writing_id", "name", name=op.f("uq_writing_tags_writing_id")),
    )
    with op.batch_alter_table("writing_tags", schema=None) as batch_op:
        batch_op.create_index("ix_writing_tags_owner_name", ["owner_id", "name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("writing_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_tags_owner_name")

    op.drop_table("writing_tags")
    with op.batch_alter_table("writing_links", schema=None) as batch_op:
        batch_op.drop_index("ix_writing_links_application_id")

    op.drop_table("writing_links")
    with op.batch_alter_table("stage_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_events_owner_id"))
        batch_op.drop_index("ix_stage_events_application_at")

    op.drop_table("stage_events")
    with op.batch_alter_table("deliverables", schema=None) as batch_op:
        batch_op.drop_index("ix_deliverables_owner_due")
        batch_op.drop_index(batch_op.f("ix_deliverables_application_id"))

    op.drop_table("deliverables")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contacts_application_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("application_tags", schema=None) as batch_op:
        batch_op.drop_index("ix_application_tags_owner_name")

    op.drop_table("application_tags")
    with op.batch_alter_table("writing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_writing_owner_id"))

    op.drop_table("writing")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_owner_stage")
        batch_op.drop_index(batch_op.f("ix_applications_owner_id"))

    op.drop_table("applications")
    op.drop_table("users")
    op.drop_table("instance_settings")
