"""Shared fixtures: a real SQLite file per test, a real PostgreSQL database per session.

PostgreSQL tests use the server on 127.0.0.1:5432 (override with THREATDESK_TEST_PG).
Each test session creates its own database and drops it at the end, so parallel runs
never see each other's rows. With CI set, an unreachable server fails the run instead
of skipping: a green CI must mean both stores were tested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from threatdesk.store import Store

PG_ADMIN = os.environ.get("THREATDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("THREATDESK_") and name != "THREATDESK_TEST_PG":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"td_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN}: {exc.orig}")
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """An empty schema state for each test: drop every table the previous test made."""
    engine = sa.create_engine(pg_server_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield pg_server_url


@pytest.fixture
def sqlite_url(tmp_path: pytest.TempPathFactory) -> str:
    return str(tmp_path / "threatdesk.db")  # type: ignore[operator]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()
