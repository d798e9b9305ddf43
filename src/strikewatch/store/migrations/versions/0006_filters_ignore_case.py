"""Filters ignore case, incidents know how precise their place is, documents name their publisher.

Filters match names as analysts type them ("idlib", "KHARKIV"): the province and country indexes
of events are rebuilt on ``lower(name)``, which the filters compare, so those queries still read
an index. Linking lets reports of one incident lie as far apart as their place's precision allows
(a province-level report and a town in that province): each incident keeps the ``geo_precision``
of its place. Reports, incidents and the ACLED export cite a document's publisher (its named source,
byline or web site: :func:`strikewatch.publishers.publisher`), kept in ``documents.publisher``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from strikewatch.publishers import publisher

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_OLD = {
    "ix_events_ns_type_admin1_date": ["namespace", "event_type", "admin1", "date_start"],
    "ix_events_ns_subtype_admin1_date": ["namespace", "sub_event_type", "admin1", "date_start"],
    "ix_events_ns_country_date": ["namespace", "country", "date_start"],
}
_NEW = {
    "ix_events_ns_type_admin1ci_date": ["namespace", "event_type", "lower(admin1)", "date_start"],
    "ix_events_ns_subtype_admin1ci_date": ["namespace", "sub_event_type", "lower(admin1)", "date_start"],
    "ix_events_ns_admin1ci_date": ["namespace", "lower(admin1)", "date_start"],
    "ix_events_ns_countryci_date": ["namespace", "lower(country)", "date_start"],
}


def upgrade() -> None:
    """Rebuild the name indexes on ``lower()``; add ``incidents.geo_precision`` (from each incident's first
    report) and ``documents.publisher``."""
    for name in _OLD:
        op.drop_index(name, table_name="events")
    for name, columns in _NEW.items():
        op.create_index(name, "events", [sa.text(c) if "(" in c else c for c in columns], unique=False)
    op.add_column("incidents", sa.Column("geo_precision", sa.Integer(), nullable=True))
    # an incident's id is that of its first report, whose place it took
    op.execute(
        "UPDATE incidents SET geo_precision = (SELECT events.geo_precision FROM events WHERE events.id = incidents.id)"
    )
    op.add_column("documents", sa.Column("publisher", sa.Text(), nullable=True))
    documents = sa.table(
        "documents", sa.column("id"), sa.column("source"), sa.column("url"), sa.column("text"), sa.column("publisher")
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(documents.c.id, documents.c.source, documents.c.url, documents.c.text)).all()
    names = [{"doc": row.id, "name": publisher(row.source, row.url, row.text)} for row in rows]
    names = [row for row in names if row["name"] is not None]
    if names:
        conn.execute(
            sa.update(documents).where(documents.c.id == sa.bindparam("doc")).values(publisher=sa.bindparam("name")),
            names,
        )


def downgrade() -> None:
    """Drop ``documents.publisher``, ``incidents.geo_precision``; restore the case-sensitive name indexes."""
    op.drop_column("documents", "publisher")
    op.drop_column("incidents", "geo_precision")
    for name in _NEW:
        op.drop_index(name, table_name="events")
    for name, columns in _OLD.items():
        op.create_index(name, "events", columns, unique=False)
