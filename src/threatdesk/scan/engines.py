"""Engines run the per-item pipeline over batches; they differ only in where it runs.

Every engine is ``map(batches of Items) -> iterator of assessment-row lists`` that yields
in input order, so the scan loop, the store writes and the ``--out`` file are the same
whatever the engine. All of them run ``work.analyse_packed`` on the same packed items.

- ``local``: this process; the pipeline is built once.
- ``process``: N worker processes on this machine, each building its pipeline once
  from the picklable ``AnalyzerContext``. A bounded window of batches is in flight
  (``2 x workers``), so memory stays flat and the workers keep analysing while the
  main process reads the input and writes to the store.
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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

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

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(context=self._context)
        return self._pipeline

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]:
        for batch in batches:
            yield analyse_packed(self.pipeline, pack_batch(batch))

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


class ProcessEngine:
    """``workers`` processes on this machine (default: one per core)."""

    name = "process"

    def __init__(self, *, context: AnalyzerContext | None = None, workers: int | None = None, window: int | None = None) -> None:
        self.context = context or AnalyzerContext()
        self.workers = workers or os.cpu_count() or 1
        self.window = window or 2 * self.workers
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the main process holds database connections and, with a
        # progress bar, a rendering thread; neither survives a fork safely.
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init, initargs=(self.context,),
        )
        return self._pool

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]:
        """Results in input order; an input of a single batch is analysed in this process.

        Starting workers (each importing the package and loading its models) costs more
        than it saves for one batch; the output is the same either way.
        """
        it = iter(batches)
        first = next(it, None)
        if first is None:
            return
        second = next(it, None)
        if second is None and self._pool is None:
            yield next(LocalEngine(context=self.context).map([first]))
            return
        pool = self._pool or self._start()
        in_flight: deque[Future[list[Row]]] = deque()
        try:
            for batch in itertools.chain([first], [] if second is None else [second], it):
                in_flight.append(pool.submit(_worker_analyse, pack_batch(batch)))
                if len(in_flight) >= self.window:
                    yield _result(in_flight.popleft())
            while in_flight:
                yield _result(in_flight.popleft())
        finally:
            for future in in_flight:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _result(future: Future[list[Row]]) -> list[Row]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise ThreatdeskError(
            "a scan worker process died (out of memory, or killed)",
            hint="run the same command again to resume; fewer --workers use less memory",
        ) from None


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
