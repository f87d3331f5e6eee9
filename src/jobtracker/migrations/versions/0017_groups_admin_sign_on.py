"""groups, coaches and sharing, comments, invitations, sign-on identities, the admin audit
log, and users' disabled state, last sign-in and quota overrides

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 17:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> jobtracker.db.UTCDateTime:
    return jobtracker.db.UTCDateTime(timezone=True)


def _group_role() -> sa.Enum:
    return sa.Enum("coach", "member", name="grouprole", native_enum=False, length=32)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    # Plain ALTER TABLE (nullable columns, no keys): nothing on users is rebuilt.
    for column in (
        sa.Column("disabled_at", _utc(), nullable=True),
        sa.Column("last_sign_in_at", _utc(), nullable=True),
        sa.Column("max_applications", sa.Integer(), nullable=True),
        sa.Column("max_storage_mb", sa.Integer(), nullable=True),
        sa.Column("max_assistant_messages_per_day", sa.Integer(), nullable=True),
    ):
        op.add_column("users", column)

    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", _group_role(), nullable=False),
        sa.Column("joined_at", _utc(), nullable=False),
        _fk("group_members", "group_id", "groups"),
        _fk("group_members", "user_id", "users"),
        sa.PrimaryKeyConstraint("group_id", "user_id", name=op.f("pk_group_members")),
    )
    op.create_index("ix_group_members_user_id", "group_members", ["user_id"], unique=False)
    op.create_table(
        "shares",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("board", sa.Boolean(), nullable=False),
        sa.Column("documents", sa.Boolean(), nullable=False),
        sa.Column("conversations", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        _fk("shares", "group_id", "groups"),
        _fk("shares", "member_id", "users"),
        sa.PrimaryKeyConstraint("group_id", "member_id", name=op.f("pk_shares")),
    )
    op.create_table(
        "coach_views",
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("last_viewed_at", _utc(), nullable=False),
        _fk("coach_views", "coach_id", "users"),
        _fk("coach_views", "member_id", "users"),
        sa.PrimaryKeyConstraint("coach_id", "member_id", name=op.f("pk_coach_views")),
    )
    op.create_table(
        "application_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("read_by_owner_at", _utc(), nullable=True),
        _fk("application_comments", "application_id", "applications"),
        _fk("application_comments", "owner_id", "users"),
        _fk("application_comments", "author_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_comments")),
    )
    op.create_index(
        "ix_application_comments_application_at",
        "application_comments",
        ["application_id", "created_at"],
        unique=False,
    )
    op.create_index(op.f("ix_application_comments_owner_id"), "application_comments", ["owner_id"])
    op.create_index(
        op.f("ix_application_comments_author_id"), "application_comments", ["author_id"]
    )
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("group_role", _group_role(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("revoked_at", _utc(), nullable=True),
        _fk("invites", "created_by_id", "users", "SET NULL"),
        _fk("invites", "group_id", "groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invites")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invites_token_hash")),
    )
    op.create_index(op.f("ix_invites_created_by_id"), "invites", ["created_by_id"])
    op.create_index(op.f("ix_invites_group_id"), "invites", ["group_id"])
    op.create_table(
        "user_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("linked_at", _utc(), nullable=False),
        sa.Column("last_used_at", _utc(), nullable=True),
        _fk("user_identities", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_identities")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_user_identities_issuer")),
    )
    op.create_index(op.f("ix_user_identities_user_id"), "user_identities", ["user_id"])
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_user_id", sa.Integer(), nullable=True),
        sa.Column("target_email", sa.String(length=254), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_audit")),
    )
    op.create_index(op.f("ix_admin_audit_at"), "admin_audit", ["at"])
    op.create_index(op.f("ix_admin_audit_target_user_id"), "admin_audit", ["target_user_id"])


def downgrade() -> None:
    for table in (
        "admin_audit",
        "user_identities",
        "invites",
        "application_comments",
        "coach_views",
        "shares",
        "group_members",
        "groups",
    ):
        op.drop_table(table)
    with op.batch_alter_table("users") as batch:
        for column in (
            "max_assistant_messages_per_day",
            "max_storage_mb",
            "max_applications",
            "last_sign_in_at",
            "disabled_at",
        ):
            batch.drop_column(column)
