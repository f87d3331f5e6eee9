"""stage history recorded by the database: triggers add the stage events

An application's first stage is recorded as it is added (at its created_at), and any UPDATE
that changes its stage records the move (at the row's new updated_at), in the same
statement: the app sends no second INSERT for each, and a bulk insert or move (one
statement for many rows) keeps the history whole too.

SQLite drops a table's triggers when a migration rebuilds it (batch_alter_table with an
operation SQLite cannot ALTER in place): such a migration must create this trigger again.
tests/migrations/test_migrations.py checks that it exists at head.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 11:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("applications_first_stage", "applications_stage_history")

SQLITE = (
    """
    CREATE TRIGGER applications_first_stage AFTER INSERT ON applications
    BEGIN
        INSERT INTO stage_events (application_id, owner_id, from_stage, to_stage, at)
        VALUES (NEW.id, NEW.owner_id, NULL, NEW.stage, NEW.created_at);
    END
    """,
    """
    CREATE TRIGGER applications_stage_history AFTER UPDATE OF stage ON applications
    FOR EACH ROW WHEN OLD.stage IS NOT NEW.stage
    BEGIN
        INSERT INTO stage_events (application_id, owner_id, from_stage, to_stage, at)
        VALUES (NEW.id, NEW.owner_id, OLD.stage, NEW.stage, NEW.updated_at);
    END
    """,
)

POSTGRESQL = (
    """
    CREATE FUNCTION record_stage_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO stage_events (application_id, owner_id, from_stage, to_stage, at)
            VALUES (NEW.id, NEW.owner_id, NULL, NEW.stage, NEW.created_at);
        ELSE
            INSERT INTO stage_events (application_id, owner_id, from_stage, to_stage, at)
            VALUES (NEW.id, NEW.owner_id, OLD.stage, NEW.stage, NEW.updated_at);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER applications_first_stage AFTER INSERT ON applications
    FOR EACH ROW EXECUTE FUNCTION record_stage_event()
    """,
    """
    CREATE TRIGGER applications_stage_history AFTER UPDATE OF stage ON applications
    FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage)
    EXECUTE FUNCTION record_stage_event()
    """,
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL if postgresql else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for trigger in TRIGGERS:
        op.execute(
            f"DROP TRIGGER {trigger} ON applications" if postgresql else f"DROP TRIGGER {trigger}"
        )
    if postgresql:
        op.execute("DROP FUNCTION record_stage_event()")
