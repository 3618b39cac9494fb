"""Alembic environment: the connection comes from the Store, never from alembic.ini."""

from __future__ import annotations

from alembic import context

from threatdesk.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through threatdesk.store.Store, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
