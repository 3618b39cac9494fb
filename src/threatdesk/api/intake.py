"""Accept-then-assess: how a submission is stored, answered, assessed and alerted.

A submission is answered (202) once its items and its ``api.submit`` audit event are
committed; the assessment follows within milliseconds. Nothing is lost on a crash: an
item is only acknowledged once it is in the database, and an item stored without an
assessment (the process died between the two) is found and assessed when the API starts.

Two pieces, both per process:

- **One writer thread** owns every write a submission causes. It takes whatever has
  queued up since its last commit (new submissions, finished assessments) and writes it
  in one transaction: items, one audit event per request (one chain update for the lot),
  assessments, and the alert outbox rows of the urgent ones. Concurrent requests thus
  share commits instead of queueing on SQLite's write lock, and no request thread ever
  waits on a lock held by another.
- **The assessors**: worker processes, one per core, so the pipeline's ~1 ms of CPU per
  item does not run under the HTTP server's GIL; or, when the caller supplies its own
  ``Pipeline`` (the web app, tests), one thread. They receive batches of stored items and
  return encoded assessments (``scan.work.analyse_packed``, what every scan engine runs).
- **Backpressure**: while ``max_backlog`` items await assessment, new submissions wait
  (unstored, unanswered), so the time from receipt to alert stays bounded under any load.
- On SQLite, a ``WalCheckpointer`` thread copies the write-ahead log back into the
  database file beside the writer, so no commit (and no group of submissions waiting on
  it) pays for a checkpoint (``threatdesk.store.wal``).

``?wait=true`` keeps the synchronous contract: the request is answered once its items'
assessments are stored too (and its alerts queued).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Column, Connection, MetaData, Table, Text, cast, select
from sqlalchemy.types import UserDefinedType

from threatdesk import audit
from threatdesk.alerts.outbox import destinations, enqueue, item_event
from threatdesk.alerts.settings import AlertSettings
from threatdesk.analyzers import AnalyzerContext
from threatdesk.api.errors import ApiError
from threatdesk.api.heap import freeze_startup_heap
from threatdesk.api.keys import ApiKey
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.scan.work import analyse_packed, pack_batch
from threatdesk.store import Store, schema
from threatdesk.store.database import row_to_item
from threatdesk.store.records import AssessmentRecord, decode_assessment
from threatdesk.store.wal import WalCheckpointer

log = logging.getLogger("threatdesk.api")

#: Items per batch sent to an assessor, and batches in flight per assessor (one being
#: assessed, one waiting). Small batches: a waiting submission is released as soon as the
#: batch ahead of it is stored.
ASSESS_BATCH = 16
ASSESS_WINDOW = 2
#: Items stored and not yet assessed beyond which new submissions wait (at least what the
#: assessors hold in flight, so they never idle): a fraction of a second of their work, so
#: an urgent item is alerted that soon after its receipt however fast items arrive.
MAX_BACKLOG = 64
#: Times storing an item's assessment may fail before it is left for the next start.
MAX_WRITE_FAILURES = 3
#: How much nicer (lower priority) the assessor processes run than the HTTP process.
ASSESSOR_NICE = 5
#: Unassessed items read per query when the API starts (crash recovery).
RECOVERY_CHUNK = 2000


@dataclass
class Accept:
    """One request's submission, on its way through the writer."""

    key: ApiKey
    items: list[Item]
    after: dict[str, Any]
    wait: bool
    done: Callable[[Accept], None]
    new_ids: set[str] = field(default_factory=set)
    #: item id -> (label, risk, priority) of the items whose assessment is stored.
    assessed: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    waiting: set[str] = field(default_factory=set)
    error: BaseException | None = None


@dataclass
class _Assessed:
    items: dict[str, Item]
    future: Future[list[AssessmentRecord]]
    executor: Executor


_STOP = object()
_NUDGE = object()


class _EncodedJSON(UserDefinedType):  # type: ignore[type-arg]
    """JSON text already encoded, bound as it is; PostgreSQL is told to read it as JSON."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "JSON"

    def bind_expression(self, bindvalue: Any) -> Any:
        return cast(bindvalue, JSON)


def _assessments_table(dialect: str) -> Table:
    """``assessments`` with its JSON columns taking encoded text.

    The assessor hands back that JSON already encoded (canonically, as every scan engine
    stores it), so the writer stores those strings instead of decoding and encoding them
    again on the thread that shares the GIL with the HTTP server.
    """
    json_type = _EncodedJSON() if dialect == "postgresql" else Text()
    return Table("assessments", MetaData(), *(
        Column(c.name, json_type if isinstance(c.type, JSON) else c.type, primary_key=c.primary_key)
        for c in schema.assessments.columns
    ))


_ASSESSMENTS_AS_TEXT = {d: _assessments_table(d) for d in ("sqlite", "postgresql")}


def _assessed_row(record: AssessmentRecord, at: Any) -> dict[str, Any]:
    return {"item_id": record.item_id, "label": record.label, "risk": record.risk, "priority": record.priority,
            "scores": record.scores, "reasons": record.reasons, "signals": record.signals,
            "model_version": record.model_version, "assessed_at": at}


def _assessor_init(context: AnalyzerContext) -> None:
    """An assessor process: lower priority than the HTTP process, then the scan workers' set-up.

    Assessment is background work; when both want the CPU, the process that answers
    (and stores) submissions goes first, so its latency does not depend on the analysis.
    """
    with contextlib.suppress(OSError):  # not permitted here: same priority, still correct
        os.nice(ASSESSOR_NICE)
    from threatdesk.scan.engines import _worker_init

    _worker_init(context)
    freeze_startup_heap()  # the pipeline's objects live as long as the process (threatdesk.api.heap)


def _warm() -> int:
    """Submitted at start, so each assessor process builds its pipeline before the first item.

    Returns the process id, so ``Intake.wait_ready`` can tell the processes apart; holds
    the process a moment so that the next such task goes to another process if one is ready.
    """
    time.sleep(0.02)
    return os.getpid()


class Intake:
    """The writer thread and the assessor. ``start()`` once; ``accept(job)`` from any thread; ``stop()``."""

    def __init__(self, store: Store, settings: AlertSettings, *, pipeline: Pipeline | None = None,
                 context: AnalyzerContext | None = None, wake: Callable[[], None] | None = None,
                 processes: int | None = None) -> None:
        self.store = store
        self.settings = settings
        self.pipeline = pipeline
        self.context = context
        self.wake = wake
        #: Assessor processes (one thread when a pipeline is given): one per core by default,
        #: since the HTTP process itself needs a fraction of a core.
        self.processes = 1 if pipeline is not None else max(1, processes or os.cpu_count() or 1)
        self.max_backlog = max(MAX_BACKLOG, ASSESS_WINDOW * ASSESS_BATCH * self.processes)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._executor: Executor | None = None
        self._lock = threading.Lock()
        #: Stored, not yet sent to the assessor / sent and not yet stored back (writer thread only).
        self._pending: dict[str, Item] = {}
        self._in_flight: dict[str, Item] = {}
        self._batches_in_flight = 0
        self._waiters: dict[str, list[Accept]] = {}
        self._failures: dict[str, int] = {}
        self._deferred: list[Accept] = []
        self._stopped = False
        #: SQLite: the log is checkpointed by this thread, not inside the writer's commits.
        self.checkpointer = WalCheckpointer(store)

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._stopped = False
            self._executor = self._new_executor()
            for _ in range(self.processes):
                self._executor.submit(_warm)
            self.checkpointer.start()
            self._thread = threading.Thread(target=self._run, name="threatdesk-api-writer", daemon=True)
            self._thread.start()

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Block until every assessor process has built its pipeline; False if ``timeout`` passed first.

        Why: submissions that arrive while the assessors still start (seconds: each builds
        its pipeline) are stored, then wait on the backpressure until the assessors catch
        up, so the first requests after a start took as long as the start-up. The
        standalone server calls this before it opens its port, so its first requests are
        answered as promptly as the rest.
        """
        if self.pipeline is not None:
            return True
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        while len(seen) < self.processes:
            executor = self._executor
            if executor is None:
                return False
            try:
                futures = [executor.submit(_warm) for _ in range(self.processes)]
                for future in futures:
                    seen.add(future.result(timeout=max(0.0, deadline - time.monotonic())))
            except (TimeoutError, RuntimeError, BrokenProcessPool):
                return False
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None

    def stop(self, timeout: float = 30.0) -> None:
        """Finish what is queued (answers, assessments of stored items), then stop."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopped = True
        if thread is None:
            return
        self._queue.put(_STOP)
        thread.join(timeout)
        self.checkpointer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _new_executor(self) -> Executor:
        if self.pipeline is not None:
            return ThreadPoolExecutor(1, thread_name_prefix="threatdesk-assess")
        # spawn, not fork: this process holds database connections and threads.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_assessor_init, initargs=(self.context or AnalyzerContext(),))

    def accept(self, job: Accept) -> None:
        """Queue a submission; ``job.done(job)`` is called from the writer thread when it is answered."""
        if self._thread is None:
            if self._stopped:
                raise ApiError(503, "the API is shutting down; send the items again in a moment")
            self.start()
        self._queue.put(job)

    # --- the writer thread --------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._recover()
        except Exception:  # noqa: BLE001 - the API still accepts; the next start recovers
            log.exception("could not look for unassessed items")
        stopping = False
        while True:
            work = [self._queue.get()]
            while True:
                try:
                    work.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if any(w is _STOP for w in work):
                stopping = True
                work = [w for w in work if w is not _STOP and w is not _NUDGE]
            # Backpressure: while the assessors are max_backlog items behind, new submissions wait
            # (unstored, unanswered) rather than grow a queue whose tail would alert late.
            work = self._deferred + work
            self._deferred = []
            if len(self._pending) + len(self._in_flight) >= self.max_backlog:
                self._deferred = [w for w in work if isinstance(w, Accept)]
                work = [w for w in work if not isinstance(w, Accept)]
            self._write(work)
            self._pump()
            if self._deferred and len(self._pending) + len(self._in_flight) < self.max_backlog:
                self._queue.put(_NUDGE)  # room again: take the deferred ones on the next turn
            if stopping and not self._batches_in_flight and not self._pending and not self._deferred:
                break
        for jobs in self._waiters.values():  # only when the assessor is gone for good
            for job in jobs:
                self._finish(job)

    def _recover(self) -> None:
        """Items stored but never assessed (the process stopped in between): assess them now."""
        i, a = schema.items, schema.assessments
        last = ""
        with self.store.engine.connect() as conn:
            while True:
                rows = conn.execute(
                    select(i).outerjoin(a, a.c.item_id == i.c.id).where(a.c.item_id.is_(None), i.c.id > last)
                    .order_by(i.c.id).limit(RECOVERY_CHUNK)
                ).mappings().all()
                for row in rows:
                    item = row_to_item(row)
                    self._pending.setdefault(item.id, item)
                if len(rows) < RECOVERY_CHUNK:
                    break
                last = rows[-1]["id"]
        if self._pending:
            log.warning("assessing %d stored items that had no assessment", len(self._pending))
        self._pump()

    def _write(self, work: list[Any]) -> None:
        accepts = [w for w in work if isinstance(w, Accept)]
        assessed: list[tuple[dict[str, Item], list[AssessmentRecord]]] = []
        for done in (w for w in work if isinstance(w, _Assessed)):
            self._batches_in_flight -= 1
            try:
                assessed.append((done.items, done.future.result()))
            except BrokenProcessPool:
                log.error("the assessor process died; restarting it and assessing its batch again")
                if done.executor is self._executor:
                    self._executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._new_executor()
                self._requeue(done.items, failed=True)  # an item that kills its assessor is tried a few times only
            except Exception:  # noqa: BLE001 - one bad batch must not stop intake
                log.exception("assessing %d items failed", len(done.items))
                self._give_up(done.items)
        if not accepts and not assessed:
            return
        queued = 0
        try:
            with self.store.transaction() as conn:
                if accepts:
                    self._store_accepts(conn, accepts)
                if assessed:
                    queued = self._store_assessed(conn, assessed)
        except Exception as exc:  # noqa: BLE001 - each waiting request answers with it
            log.exception("writing a group of %d submissions and %d assessed batches failed", len(accepts), len(assessed))
            for job in accepts:
                job.error = exc
                job.done(job)
            for items, _ in assessed:
                self._requeue(items, failed=True)
            return
        self.checkpointer.notify()
        if queued and self.wake is not None:
            self.wake()
        for items, records in assessed:
            for record in records:
                self._in_flight.pop(record.item_id, None)
                self._failures.pop(record.item_id, None)
                for job in self._waiters.pop(record.item_id, []):
                    job.assessed[record.item_id] = (record.label, record.risk, record.priority)
                    job.waiting.discard(record.item_id)
                    if not job.waiting:
                        self._finish(job)
            for item_id in set(items) - {r.item_id for r in records}:
                self._in_flight.pop(item_id, None)
        for job in accepts:
            for item in job.items:
                if item.id in job.new_ids:
                    self._pending.setdefault(item.id, item)
            if job.wait:
                job.waiting = {i.id for i in job.items if i.id not in job.assessed}
                for item_id in job.waiting:
                    self._waiters.setdefault(item_id, []).append(job)
                    if item_id not in self._pending and item_id not in self._in_flight:
                        # stored earlier and never assessed (another process's, or a failed batch): do it now
                        item = next(i for i in job.items if i.id == item_id)
                        self._pending[item_id] = item
            if not job.waiting:
                self._finish(job)

    def _finish(self, job: Accept) -> None:
        try:
            job.done(job)
        except Exception:  # noqa: BLE001 - a callback's failure must not stop the writer
            log.exception("answering a submission failed")

    def _store_accepts(self, conn: Connection, jobs: list[Accept]) -> None:
        items = [i for job in jobs for i in job.items]
        added = set(self.store.write_rows(conn, items, []))
        claimed: set[str] = set()
        for job in jobs:  # the same new item in two requests of one group is new for the first only
            job.new_ids = {i.id for i in job.items if i.id in added and i.id not in claimed}
            claimed |= job.new_ids
        earlier = [i.id for i in items if i.id not in added]
        if earlier:  # already stored: answer with the assessment on record
            a = schema.assessments
            found = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
                select(a.c.item_id, a.c.label, a.c.risk, a.c.priority).where(a.c.item_id.in_(earlier)))}
            for job in jobs:
                job.assessed = {i.id: found[i.id] for i in job.items if i.id in found}
        audit.record_many(conn, [
            {"actor": job.key.actor, "action": "api.submit", "object_type": "items",
             "after": dict(job.after, new=len(job.new_ids))}
            for job in jobs
        ])

    def _store_assessed(self, conn: Connection, assessed: list[tuple[dict[str, Item], list[AssessmentRecord]]]) -> int:
        from threatdesk.models import now_utc

        at = now_utc()
        records = [r for _, batch in assessed for r in batch]
        if not records:
            return 0
        conn.execute(self.store.insert_ignore(_ASSESSMENTS_AS_TEXT[self.store.dialect]), [_assessed_row(r, at) for r in records])
        self.store._write_protectee_links(conn, records, {r.item_id for r in records})
        items = {k: v for batch_items, _ in assessed for k, v in batch_items.items()}
        events = [item_event(items[r.item_id], decode_assessment(r)) for r in records
                  if self.settings.alerting(r.priority) and r.item_id in items]
        return enqueue(self.store, conn, events, destinations(conn, self.settings)) if events else 0

    # --- feeding the assessor -------------------------------------------------------------------

    def _requeue(self, items: dict[str, Item], *, failed: bool = False) -> None:
        """Assess these again (their assessor died, or storing the result failed: a few times at most)."""
        retry: dict[str, Item] = {}
        for item_id, item in items.items():
            self._failures[item_id] = self._failures.get(item_id, 0) + int(failed)
            if self._failures[item_id] > MAX_WRITE_FAILURES:
                continue
            retry[item_id] = item
        self._give_up({k: v for k, v in items.items() if k not in retry})
        for item_id, item in retry.items():
            self._in_flight.pop(item_id, None)
            self._pending.setdefault(item_id, item)

    def _give_up(self, items: dict[str, Item]) -> None:
        """Leave these stored and unassessed (assessed when the API next starts); answer whoever waits on them."""
        if items:
            log.error("%d items stay stored without an assessment until the API restarts: %s",
                      len(items), ", ".join(sorted(items)[:10]))
        for item_id in items:
            self._in_flight.pop(item_id, None)
            self._failures.pop(item_id, None)
            for job in self._waiters.pop(item_id, []):
                job.waiting.discard(item_id)
                if not job.waiting:
                    self._finish(job)

    def _pump(self) -> None:
        while self._pending and self._batches_in_flight < ASSESS_WINDOW * self.processes and self._executor is not None:
            ids = list(self._pending)[:ASSESS_BATCH]
            batch = {item_id: self._pending.pop(item_id) for item_id in ids}
            self._in_flight.update(batch)
            packed = pack_batch(list(batch.values()))
            try:
                if self.pipeline is not None:
                    future = self._executor.submit(analyse_packed, self.pipeline, packed)
                else:
                    from threatdesk.scan.engines import _worker_analyse

                    future = self._executor.submit(_worker_analyse, packed)
            except RuntimeError:  # shut down (stop() timed out): the next start assesses them
                self._give_up(batch)
                return
            self._batches_in_flight += 1
            executor = self._executor
            future.add_done_callback(lambda f, b=batch, e=executor: self._queue.put(_Assessed(b, f, e)))  # type: ignore[misc]


__all__ = ["Accept", "Intake"]
