"""Each link of a report to its incident keeps the report's independent source.

An incident counts its independent sources (publishers, else web sites, else documents); with
the key on each link, the database counts them when a report joins, instead of every report of
the incident being read back and keyed again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from strikewatch.store.incidents import source_key

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``incident_events.source_key`` and fill it for the links already stored."""
    op.add_column("incident_events", sa.Column("source_key", sa.Text(), nullable=True))
    links = sa.table("incident_events", sa.column("event_id"), sa.column("source_key"))
    events = sa.table("events", sa.column("id"), sa.column("document_id"))
    documents = sa.table("documents", sa.column("id"), sa.column("source"), sa.column("url"))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(links.c.event_id, events.c.document_id, documents.c.source, documents.c.url).select_from(
            links.join(events, events.c.id == links.c.event_id).outerjoin(
                documents, documents.c.id == events.c.document_id
            )
        )
    ).all()
    keys = [{"link": row.event_id, "key": source_key(row.source, row.url, row.document_id)} for row in rows]
    if keys:
        conn.execute(
            sa.update(links).where(links.c.event_id == sa.bindparam("link")).values(source_key=sa.bindparam("key")),
            keys,
        )


def downgrade() -> None:
    """Drop ``incident_events.source_key``."""
    op.drop_column("incident_events", "source_key")  # ALTER TABLE ... DROP COLUMN: SQLite 3.35+ and PostgreSQL
