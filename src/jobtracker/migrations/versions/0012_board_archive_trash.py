"""the board's own layout, archive, trash and order within a column

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import jobtracker.db

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


COLUMNS = ("archived_at", "deleted_at", "board_position", "stage_entered_at")

# stage_entered_at is kept by the database, beside the stage history of 0011, so no way of
# adding or moving applications (the ORM, a bulk INSERT or UPDATE, an import) can leave it
# behind: a new row entered its stage when it was created unless it says otherwise (a restore
# gives its own), and a move sets it to the row's new updated_at, the time its stage event has.
STAGE_ENTERED_TRIGGERS = (
    "applications_stage_entered_on_insert",
    "applications_stage_entered_on_move",
)

# SQLite's BEFORE triggers cannot change the new row, so these write it again after; the
# second UPDATE sets no stage, so neither fires the other or the history's triggers.
STAGE_ENTERED_SQLITE = (
    """
    CREATE TRIGGER applications_stage_entered_on_insert AFTER INSERT ON applications
    FOR EACH ROW WHEN NEW.stage_entered_at IS NULL
    BEGIN
        UPDATE applications SET stage_entered_at = NEW.created_at WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER applications_stage_entered_on_move AFTER UPDATE OF stage ON applications
    FOR EACH ROW WHEN OLD.stage IS NOT NEW.stage
    BEGIN
        UPDATE applications SET stage_entered_at = NEW.updated_at WHERE id = NEW.id;
    END
    """,
)

STAGE_ENTERED_POSTGRESQL = (
    """
    CREATE FUNCTION keep_stage_entered_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            NEW.stage_entered_at := NEW.created_at;
        ELSE
            NEW.stage_entered_at := NEW.updated_at;
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER applications_stage_entered_on_insert BEFORE INSERT ON applications
    FOR EACH ROW WHEN (NEW.stage_entered_at IS NULL)
    EXECUTE FUNCTION keep_stage_entered_at()
    """,
    """
    CREATE TRIGGER applications_stage_entered_on_move BEFORE UPDATE OF stage ON applications
    FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage)
    EXECUTE FUNCTION keep_stage_entered_at()
    """,
)


# Plain ALTER TABLE, not batch mode: a batch would rebuild the table on SQLite and lose the stage
# history triggers of 0011. SQLite has dropped columns in place since 3.35.
def upgrade() -> None:
    for name in ("archived_at", "deleted_at", "stage_entered_at"):
        op.add_column(
            "applications",
            sa.Column(name, jobtracker.db.UTCDateTime(timezone=True), nullable=True),
        )
    op.add_column("applications", sa.Column("board_position", sa.Float(), nullable=True))
    op.create_index("ix_applications_deleted_at", "applications", ["deleted_at"], unique=False)
    # When each application entered its current stage: its latest recorded move, or its creation.
    op.execute(
        """
        UPDATE applications SET stage_entered_at = COALESCE(
            (SELECT MAX(stage_events.at) FROM stage_events
             WHERE stage_events.application_id = applications.id),
            applications.created_at)
        """
    )
    op.add_column("users", sa.Column("board_layout", sa.JSON(), nullable=True))
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in STAGE_ENTERED_POSTGRESQL if postgresql else STAGE_ENTERED_SQLITE:
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for trigger in STAGE_ENTERED_TRIGGERS:
        op.execute(
            f"DROP TRIGGER {trigger} ON applications" if postgresql else f"DROP TRIGGER {trigger}"
        )
    if postgresql:
        op.execute("DROP FUNCTION keep_stage_entered_at()")
    op.execute("ALTER TABLE users DROP COLUMN board_layout")
    op.drop_index("ix_applications_deleted_at", table_name="applications")
    for name in COLUMNS:
        op.execute(f"ALTER TABLE applications DROP COLUMN {name}")
