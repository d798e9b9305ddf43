"""Incidents keep a key of their place name (casefolded location and province).

Linking a new report looks for incidents of the same type and dates whose place is within a few
km or has the same name; with the key, the database answers both parts (a bounding box, and an
equal key), and only those candidates reach Python.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from strikewatch.store.incidents import place_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``incidents.place_key`` and fill it for the incidents already stored."""
    op.add_column("incidents", sa.Column("place_key", sa.Text(), nullable=True))
    incidents = sa.table(
        "incidents", sa.column("id"), sa.column("location"), sa.column("admin1"), sa.column("place_key")
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(incidents.c.id, incidents.c.location, incidents.c.admin1)).all()
    keys = [{"key_id": row.id, "key": place_key(row.location, row.admin1)} for row in rows]
    keys = [row for row in keys if row["key"] is not None]
    if keys:
        conn.execute(
            sa.update(incidents).where(incidents.c.id == sa.bindparam("key_id")).values(place_key=sa.bindparam("key")),
            keys,
        )


def downgrade() -> None:
    """Drop ``incidents.place_key``."""
    op.drop_column("incidents", "place_key")  # ALTER TABLE ... DROP COLUMN: SQLite 3.35+ and PostgreSQL
