"""capture fields: salary period, employment type and the date a posting went up

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "salary_period",
                sa.Enum(
                    "hour",
                    "day",
                    "week",
                    "month",
                    "year",
                    name="salaryperiod",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column(
                "employment_type",
                sa.Enum(
                    "full_time",
                    "part_time",
                    "contract",
                    "temporary",
                    "internship",
                    "volunteer",
                    "other",
                    name="employmenttype",
                    native_enum=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("posted_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("posted_on")
        batch_op.drop_column("employment_type")
        batch_op.drop_column("salary_period")
