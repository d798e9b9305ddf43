"""Monitoring state: feeds polled on a schedule, items seen, saved watches, alerts and their outbox.

``strikewatch watch run`` keeps everything it must remember across a restart here, so a restart
neither loses an item nor sends an alert twice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the ``monitor_*`` tables."""
    op.create_table(
        "monitor_feeds",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("every_seconds", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("polled_at", sa.DateTime(), nullable=True),
        sa.Column("ok_at", sa.DateTime(), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_table(
        "monitor_items",
        sa.Column("feed", sa.String(100), sa.ForeignKey("monitor_feeds.name", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "monitor_watches",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("surge", sa.Boolean(), nullable=False),
        sa.Column("webhooks", sa.JSON(), nullable=False),
        sa.Column("emails", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "monitor_alerts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("watch", sa.String(100), sa.ForeignKey("monitor_watches.name", ondelete="CASCADE"), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_monitor_alerts_watch_created", "monitor_alerts", ["watch", "created_at"])
    op.create_table(
        "monitor_alert_events",
        sa.Column("watch", sa.String(100), sa.ForeignKey("monitor_watches.name", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.String(80), primary_key=True),
        sa.Column("alert_id", sa.String(32), nullable=True),
    )
    op.create_table(
        "monitor_deliveries",
        sa.Column("alert_id", sa.String(32), sa.ForeignKey("monitor_alerts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("target", sa.Text(), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_monitor_deliveries_state_next", "monitor_deliveries", ["state", "next_attempt_at"])


def downgrade() -> None:
    """Drop the ``monitor_*`` tables."""
    for table in ("monitor_deliveries", "monitor_alert_events", "monitor_alerts", "monitor_watches", "monitor_items"):
        op.drop_table(table)
    op.drop_table("monitor_feeds")
