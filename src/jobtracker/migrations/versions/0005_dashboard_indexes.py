"""dashboard indexes: covering indexes for one user's applications, history and deliverables

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 14:15:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # INCLUDE columns exist on PostgreSQL only; SQLite gets plain indexes on the same keys.
    op.create_index(
        "ix_applications_owner_applied",
        "applications",
        ["owner_id", "applied_on"],
        postgresql_include=["id", "stage", "created_at"],
    )
    op.create_index(
        "ix_stage_events_owner_history",
        "stage_events",
        ["owner_id", "application_id"],
        postgresql_include=["at", "from_stage", "to_stage"],
    )
    op.drop_index("ix_deliverables_owner_due", table_name="deliverables")
    op.create_index(
        "ix_deliverables_owner_due_state",
        "deliverables",
        ["owner_id", "due_at"],
        postgresql_include=["state", "done_at", "application_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_deliverables_owner_due_state", table_name="deliverables")
    op.create_index("ix_deliverables_owner_due", "deliverables", ["owner_id", "due_at"])
    op.drop_index("ix_stage_events_owner_history", table_name="stage_events")
    op.drop_index("ix_applications_owner_applied", table_name="applications")
