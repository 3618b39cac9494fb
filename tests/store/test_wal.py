"""The WAL checkpointer: the log is copied back beside the writer, and commits stop doing it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from threatdesk.store import Store
from threatdesk.store.wal import AUTOCHECKPOINT_PAGES, MAX_LOG_PAGES, WalCheckpointer


def _commit_rows(store: Store, n: int) -> None:
    """``n`` commits of a few pages each, as the API's writer makes them."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)")
    for _ in range(n):  # 8 rows of 3,000 bytes: about 8 pages
        with store.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO filler (body) VALUES (:b)"), [{"b": "x" * 3000} for _ in range(8)])


def _wal_pages(sqlite_url: str) -> int:
    """How far the log has ever grown since it last restarted (its file is reused, not shrunk)."""
    wal = Path(sqlite_url + "-wal")
    return wal.stat().st_size // (4096 + 24) if wal.exists() else 0


def test_a_checkpoint_copies_every_committed_frame_back(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        _commit_rows(store, 20)
        busy, log, done = WalCheckpointer(store).checkpoint()
        assert busy == 0
        assert log > 0
        assert done == log


def test_the_thread_checkpoints_soon_after_commits_and_once_more_when_stopped(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        checkpointer = WalCheckpointer(store, interval=0.01).start()
        try:
            _commit_rows(store, 5)
            checkpointer.notify()
            deadline = time.monotonic() + 5
            while checkpointer.checkpoints == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert checkpointer.checkpoints >= 1
            before_stop = checkpointer.checkpoints
            _commit_rows(store, 2)
            checkpointer.notify()
        finally:
            checkpointer.stop()
        assert checkpointer.checkpoints > before_stop
        # everything committed is back in the database file
        _busy, log, done = WalCheckpointer(store).checkpoint()
        assert done == log


def _autocheckpoint(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())


def test_commits_do_not_checkpoint_while_the_thread_runs_and_do_again_after(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        assert _autocheckpoint(store) == AUTOCHECKPOINT_PAGES
        checkpointer = WalCheckpointer(store).start()
        try:
            assert _autocheckpoint(store) == 0
        finally:
            checkpointer.stop()
        assert _autocheckpoint(store) == AUTOCHECKPOINT_PAGES


def test_the_log_stays_bounded_when_commits_never_pause(sqlite_url: str) -> None:
    """Passive checkpoints racing with commits cannot restart the log; past the bound a RESTART one does."""
    with Store.open(sqlite_url) as store:
        checkpointer = WalCheckpointer(store, interval=0.005).start()
        try:
            for _ in range(700):  # some 5,600 pages: past the bound
                _commit_rows(store, 1)
                checkpointer.notify()
        finally:
            checkpointer.stop()
        pages = _wal_pages(sqlite_url)
    assert pages < MAX_LOG_PAGES + 1000, pages


@pytest.mark.postgres
def test_postgresql_has_nothing_to_checkpoint(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        checkpointer = WalCheckpointer(store).start()
        assert not checkpointer.enabled
        checkpointer.notify()
        checkpointer.stop()
        assert checkpointer.checkpoints == 0


@pytest.mark.parametrize(("frames", "modes"), [
    (10, ["PASSIVE"]),
    (MAX_LOG_PAGES, ["PASSIVE"]),
    (MAX_LOG_PAGES + 1, ["PASSIVE", "RESTART"]),
])
def test_a_log_past_the_bound_gets_one_restart_checkpoint(sqlite_url: str, frames: int, modes: list[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(sqlite_url) as store:
        checkpointer = WalCheckpointer(store)
        ran: list[str] = []

        def fake(mode: str = "PASSIVE") -> tuple[int, int, int]:
            ran.append(mode)
            return 0, frames, frames

        monkeypatch.setattr(checkpointer, "checkpoint", fake)
        checkpointer._checkpoint_logged()
        assert ran == modes
        assert checkpointer.restarts == modes.count("RESTART")
