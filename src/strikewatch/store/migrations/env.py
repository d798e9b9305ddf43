"""Alembic environment: migrate the connection the store hands over, or the URL in alembic's config.

The store runs ``upgrade head`` itself on open (:func:`strikewatch.store.repo.upgrade`); developers
can also run ``alembic -x db=URL upgrade head`` with ``script_location`` pointing here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from strikewatch.settings import database_url
from strikewatch.store.schema import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new one to the configured database."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db")
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
