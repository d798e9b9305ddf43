"""Events keep how precisely their date is known (ACLED's time_precision: 1 day, 2 week, 3 month).

An event dated from a report's publication day, or from "last week", is not known to the day;
analysts filter on it as ACLED's users do.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``events.time_precision`` (empty for the events already stored)."""
    op.add_column("events", sa.Column("time_precision", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop ``events.time_precision``."""
    op.drop_column("events", "time_precision")  # ALTER TABLE ... DROP COLUMN: SQLite 3.35+ and PostgreSQL
