"""One migrated database per store for the whole module, emptied between tests.

Migrating a fresh PostgreSQL schema costs about a second; the tampering table has a
row per tampering on each store, so the chain tests share one database per store and
start each test from an empty trail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from threatdesk.store import Store


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def _module_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if request.param == "sqlite":
        url = str(Path(tmp_path_factory.mktemp("trail")) / "threatdesk.db")
    else:
        url = request.getfixturevalue("pg_server_url")
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    store = Store.open(url)
    yield store
    store.close()


@pytest.fixture
def chain_store(_module_store: Store) -> Store:
    """A store with an empty audit trail whose next event is number 1."""
    with _module_store.transaction() as conn:
        if _module_store.dialect == "postgresql":
            conn.execute(sa.text("TRUNCATE audit_events, audit_head RESTART IDENTITY"))
        else:
            conn.execute(sa.text("DELETE FROM audit_events"))
            conn.execute(sa.text("DELETE FROM audit_head"))
    return _module_store
