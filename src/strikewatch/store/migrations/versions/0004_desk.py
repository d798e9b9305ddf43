"""The analyst's desk: review status of events, analysts' edits, API tokens.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``events.review_status`` (every stored event starts as ``machine``), ``edits`` and ``api_tokens``."""
    # plain ALTER TABLE (no batch copy of events: on SQLite that would cascade to incident links)
    op.add_column("events", sa.Column("review_status", sa.String(length=16), server_default="machine", nullable=False))
    op.create_index("ix_events_ns_etype_date", "events", ["namespace", "event_type", "date_start"])
    op.create_index("ix_events_ns_review_date", "events", ["namespace", "review_status", "date_start"])
    # a period and a map view: the date range is read in order and the box checked in the index
    op.create_index("ix_events_ns_date_lat_lon", "events", ["namespace", "date_start", "lat", "lon"])
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("old", sa.JSON(), nullable=False),
        sa.Column("new", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.Column("anchor", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_edits_target_id", "edits", ["target_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    """Drop the desk's tables, indexes and column."""
    op.drop_table("api_tokens")
    op.drop_index("ix_edits_target_id", table_name="edits")
    op.drop_table("edits")
    op.drop_index("ix_events_ns_date_lat_lon", table_name="events")
    op.drop_index("ix_events_ns_review_date", table_name="events")
    op.drop_index("ix_events_ns_etype_date", table_name="events")
    op.drop_column("events", "review_status")  # ALTER TABLE ... DROP COLUMN: SQLite 3.35+ and PostgreSQL
