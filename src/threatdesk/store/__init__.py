"""Persistence: SQLite by default, PostgreSQL by URL, one schema migrated with Alembic."""

from threatdesk.store.database import DEFAULT_DB, QueueFilter, QueueRow, Store, as_utc, resolve_url

__all__ = ["DEFAULT_DB", "QueueFilter", "QueueRow", "Store", "as_utc", "resolve_url"]
