"""Engines run the per-item pipeline over batches; they differ only in where it runs.

Every engine is ``map(batches of Items) -> iterator of assessment-row lists`` that yields
in input order, so the scan loop, the store writes and the ``--out`` file are the same
whatever the engine. All of them run ``work.analyse_packed`` on the same packed items.

- ``local``: this process; the pipeline is built once.
- ``process``: N processes analyse on this machine: the main one (which also reads the
  input and writes the store) and N - 1 helpers, each building its pipeline once from
  the picklable ``AnalyzerContext``. Batches are split into units of ``CHUNK`` items;
  helpers are kept fed and the main process analyses whatever they have no room for,
  so N cores stay busy. A bounded number of batches is held (``2 x workers``), so
  memory stays flat.
- ``ray``: the same, as Ray actors, on a local Ray runtime or an existing cluster
  (``scan/ray_engine.py``; Ray is the optional ``threatdesk[ray]`` extra).
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from threatdesk.analyzers import AnalyzerContext
from threatdesk.errors import ThreatdeskError, UsageError
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.scan.work import PackedItem, Row, analyse_packed, pack_batch


class Engine(Protocol):
    name: str

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """One process, the pipeline built once (on first use)."""

    name = "local"

    def __init__(self, pipeline: Pipeline | None = None, *, context: AnalyzerContext | None = None) -> None:
        self._pipeline = pipeline
        self._context = context
        #: CPU seconds and items this process spent analysing (the rest of its CPU is intake and writes).
        self.here_cpu = 0.0
        self.here_items = 0

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(context=self._context)
        return self._pipeline

    def analyse(self, packed: list[PackedItem]) -> list[Row]:
        """Analyse packed items here, counting the CPU it takes (bench/scan.py reports it)."""
        started = time.process_time()
        rows = analyse_packed(self.pipeline, packed)
        self.here_cpu += time.process_time() - started
        self.here_items += len(packed)
        return rows

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]:
        for batch in batches:
            yield self.analyse(pack_batch(batch))

    def close(self) -> None:
        pass


_worker_pipeline: Pipeline | None = None
_worker_error: BaseException | None = None


def _worker_init(context: AnalyzerContext) -> None:
    """Build the pipeline as the worker starts, while the main process opens its input.

    A failure is kept and raised with the first batch: an exception escaping an
    initializer would only break the pool and lose the message.
    """
    global _worker_pipeline, _worker_error
    # Ctrl-C goes to the whole process group; the main process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    try:
        _worker_pipeline = Pipeline(context=context)
    except Exception as exc:  # noqa: BLE001 - re-raised in _worker_analyse
        _worker_error = exc


def _exit_with_parent() -> None:
    """A worker whose main process was killed (SIGKILL, OOM) must not linger.

    The pool's queues keep a pipe open in every worker, so a worker blocked on the next
    batch would never notice its parent is gone; it waits on the parent's sentinel.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)


def _worker_analyse(packed: list[PackedItem]) -> list[Row]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_pipeline is not None
    return analyse_packed(_worker_pipeline, packed)


#: Items per unit of work handed to a helper process. Small enough that the last units of
#: a scan finish close together (the tail where one process waits for the other is at most
#: a couple of units), large enough that pickling and the round trip stay negligible.
CHUNK = 64


class ProcessEngine:
    """``workers`` processes analyse: this one and ``workers - 1`` helpers (default: one per core).

    The main process reads the input and writes the store for every item (about 70 µs an
    item against some 1.3 ms of analysis, docs/performance.md), so it also analyses: it
    keeps each helper fed with ``2`` units of ``CHUNK`` items, and whenever the helpers
    have enough and no finished batch is waiting to be written, it analyses the next
    unit itself. N processes on N cores are then all busy, from the first item (the
    helpers need a second or so to start, while this process is already analysing) to
    the last (no process waits more than a unit or two at the end).
    """

    name = "process"

    def __init__(self, *, context: AnalyzerContext | None = None, workers: int | None = None, chunk: int = CHUNK) -> None:
        self.context = context or AnalyzerContext()
        self.workers = workers or os.cpu_count() or 1
        self.helpers = self.workers - 1
        self.chunk = chunk
        self._local = LocalEngine(context=self.context)
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the main process holds database connections and, with a
        # progress bar, a rendering thread; neither survives a fork safely.
        self._pool = ProcessPoolExecutor(
            self.helpers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init, initargs=(self.context,),
        )
        return self._pool

    @property
    def here_cpu(self) -> float:
        """CPU seconds this (the main) process spent analysing."""
        return self._local.here_cpu

    @property
    def here_items(self) -> int:
        return self._local.here_items

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]:
        """Results in input order; an input of a single batch is analysed in this process.

        Starting helpers (each importing the package and loading its models) costs more
        than it saves for one batch; the output is the same either way.
        """
        it = iter(batches)
        first = next(it, None)
        if first is None:
            return
        second = next(it, None)
        if self.helpers < 1 or (second is None and self._pool is None):
            for batch in itertools.chain([first], [] if second is None else [second], it):
                yield self._local.analyse(pack_batch(batch))
            return
        yield from self._shared(itertools.chain([first, second], it), self._pool or self._start())

    def _shared(self, source: Iterator[list[Item]], pool: ProcessPoolExecutor) -> Iterator[list[Row]]:
        """Split batches into units; helpers take units while they have room, this process the rest.

        Memory stays bounded: a batch is read only when every unit read so far has been
        handed out, and at most ``2 x workers`` batches are held.
        """
        depth = 2 * self.helpers
        max_held = 2 * self.workers
        held: deque[list[Any]] = deque()  # per batch read: one slot per unit (Future, or rows when done here)
        todo: deque[tuple[list[Any], int, list[PackedItem]]] = deque()  # units nobody has taken yet
        running: list[Future[list[Row]]] = []
        exhausted = False
        try:
            while True:
                running = [f for f in running if not f.done()]
                while held and all(_done(slot) for slot in held[0]):
                    yield [row for slot in held.popleft() for row in _rows(slot)]
                if not todo and not exhausted and len(held) < max_held:
                    batch = next(source, None)
                    if batch is None:
                        exhausted = True
                        continue
                    packed = pack_batch(batch)
                    starts = range(0, len(packed), self.chunk)
                    slots: list[Any] = [None] * len(starts)
                    held.append(slots)
                    todo.extend((slots, k, packed[at:at + self.chunk]) for k, at in enumerate(starts))
                    continue
                while todo and len(running) < depth:
                    slots, k, unit = todo.popleft()
                    try:
                        slots[k] = pool.submit(_worker_analyse, unit)
                    except BrokenProcessPool:
                        raise _died() from None
                    running.append(slots[k])
                if todo:
                    slots, k, unit = todo.popleft()
                    slots[k] = self._local.analyse(unit)
                    continue
                if not held:
                    return
                wait(running, return_when=FIRST_COMPLETED)
        finally:
            for slots in held:
                for slot in slots:
                    if isinstance(slot, Future):
                        slot.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _done(slot: Future[list[Row]] | list[Row] | None) -> bool:
    return slot is not None and (not isinstance(slot, Future) or slot.done())


def _rows(slot: Future[list[Row]] | list[Row]) -> list[Row]:
    return _result(slot) if isinstance(slot, Future) else slot


def _result(future: Future[list[Row]]) -> list[Row]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _died() from None


def _died() -> ThreatdeskError:
    return ThreatdeskError(
        "a scan worker process died (out of memory, or killed)",
        hint="run the same command again to resume; fewer --workers use less memory",
    )


ENGINES = ("local", "process", "ray")


def default_engine(workers: int | None) -> str:
    """Processes whenever more than one would run (``--workers N`` or all cores), else local."""
    n = workers if workers is not None else (os.cpu_count() or 1)
    return "process" if n > 1 else "local"


def make_engine(
    name: str | None = None, *, context: AnalyzerContext | None = None, workers: int | None = None, address: str | None = None
) -> Engine:
    """Build the named engine; each of its workers builds its own Pipeline from ``context``."""
    name = name or default_engine(workers)
    if address is not None and name != "ray":
        raise UsageError("--address is for the ray engine", hint="add --engine ray, or drop --address")
    if name == "local":
        return LocalEngine(context=context)
    if name == "process":
        return ProcessEngine(context=context, workers=workers)
    if name == "ray":
        from threatdesk.scan.ray_engine import RayEngine

        return RayEngine(context=context, workers=workers, address=address)
    raise UsageError(f"unknown engine {name!r}", hint=f"use one of: {', '.join(ENGINES)}")
