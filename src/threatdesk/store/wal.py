"""Checkpoint a SQLite write-ahead log beside the writer, not inside its commits.

Why: in WAL mode SQLite copies the log back into the database file (a checkpoint) from
inside the commit that takes the log past ``wal_autocheckpoint`` pages (1,000 by
default). That commit then also writes the pages back and syncs the database file:
about 20-25 ms instead of 0.2-0.4 ms on the development machine, every few tenths of a
second under the API's load test. Every submission in that commit's group (up to all 50
of the bench's clients) waited for it, which put a step in the latency's tail.

``WalCheckpointer`` runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own connection, in
its own thread, shortly after commits, and while it runs the store's connections do not
checkpoint on commit (``wal_autocheckpoint=0``, set as each connection is checked out
of the pool, and put back to SQLite's default once the thread stops). A passive
checkpoint takes no write lock, so the writer keeps committing while it runs, and the
sqlite3 module releases the GIL while SQLite works, so the event loop keeps answering.

Turning the automatic checkpoint off matters, not only running this one: commits that
keep coming during a passive checkpoint keep the log from being fully copied back at the
moment the next write begins, which is when SQLite restarts the log from its start; a
log past the threshold then made every commit checkpoint its own few frames (with a
sync of the database file, 3-5 ms each). The log restarts as soon as one checkpoint
completes between two commits. Should it still grow past ``MAX_LOG_PAGES`` (writes
that never pause), this thread runs one RESTART checkpoint, which makes the writer wait
for it once, as a commit used to, and restarts the log.

Nothing about durability changes: what a commit guarantees is settled when it writes
the log (the store's ``synchronous=NORMAL`` in WAL mode), not by who copies the log back
into the database file later, or when.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import event

from threatdesk.store.database import Store

log = logging.getLogger("threatdesk.store")

#: Seconds between checkpoints while commits keep coming: at the API's peak write rate the
#: log grows by a few hundred pages in this time, well under the 1,000 of the automatic one.
CHECKPOINT_INTERVAL = 0.1
#: SQLite's own ``wal_autocheckpoint`` default (pages), put back when the thread stops.
AUTOCHECKPOINT_PAGES = 1000
#: A log this long (pages) that passive checkpoints could not restart gets a RESTART checkpoint.
MAX_LOG_PAGES = 4 * AUTOCHECKPOINT_PAGES


class WalCheckpointer:
    """A thread that checkpoints ``store``'s log after commits (``notify()``); SQLite only, else a no-op.

    One per store is the intent (the API's intake makes one). Two on one store, one
    running and one not, would each set ``wal_autocheckpoint`` as connections are
    checked out; the worst that does is let some commits checkpoint as they did before.
    """

    def __init__(self, store: Store, *, interval: float = CHECKPOINT_INTERVAL) -> None:
        self.store = store
        self.interval = interval
        self.enabled = store.dialect == "sqlite"
        self.checkpoints = 0
        self._dirty = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.restarts = 0
        if self.enabled:
            event.listen(store.engine, "checkout", self._on_checkout)

    def _on_checkout(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """No checkpoint on commit while this thread runs; SQLite's default otherwise."""
        wanted = 0 if self._thread is not None else AUTOCHECKPOINT_PAGES
        if record.info.get("wal_autocheckpoint", AUTOCHECKPOINT_PAGES) != wanted:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={wanted}")
            record.info["wal_autocheckpoint"] = wanted

    def start(self) -> WalCheckpointer:
        if self.enabled and self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="threatdesk-wal-checkpoint", daemon=True)
            self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread is not None

    def notify(self) -> None:
        """Something was committed: checkpoint within ``interval`` seconds."""
        self._dirty.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop, after one last checkpoint of what is committed."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self._dirty.set()
        thread.join(timeout)

    def checkpoint(self, mode: str = "PASSIVE") -> tuple[int, int, int]:
        """One checkpoint: (busy, frames in the log, frames checkpointed), as SQLite reports them."""
        assert mode in ("PASSIVE", "RESTART")
        with self.store.engine.connect() as conn:
            row = conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").one()
            conn.commit()
        self.checkpoints += 1
        return int(row[0]), int(row[1]), int(row[2])

    def _run(self) -> None:
        while True:
            self._dirty.wait()
            if self._stop.is_set():
                self._checkpoint_logged()
                return
            self._dirty.clear()
            self._checkpoint_logged()
            self._stop.wait(self.interval)  # commits meanwhile set _dirty: one checkpoint per interval at most

    def _checkpoint_logged(self) -> None:
        try:
            _busy, frames, _done = self.checkpoint()
            if frames > MAX_LOG_PAGES:
                self.checkpoint("RESTART")
                self.restarts += 1
        except Exception:  # noqa: BLE001 - the next notify tries again
            log.exception("WAL checkpoint failed; trying again after the next commit")


__all__ = ["CHECKPOINT_INTERVAL", "WalCheckpointer"]
