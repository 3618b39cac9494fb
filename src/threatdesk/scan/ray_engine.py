"""The Ray engine: the same analyzers as Ray actors, on this machine or a cluster.

One actor per worker builds its pipeline once from the ``AnalyzerContext``; batches go
round-robin to the actors with a bounded window in flight, and results are collected in
submission order, so output order, memory and results match the process engine.

Without ``--address`` a private Ray runtime starts on 127.0.0.1 with ``--workers`` CPUs
(all cores by default), no dashboard and no usage reporting, and stops at the end. With
``--address`` (``ray://host:10001`` or ``host:6379``) the scan joins that cluster, whose
nodes must have threatdesk (same version) installed, and uses ``--workers`` actors
(default: the cluster's CPU count).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from threatdesk.analyzers import AnalyzerContext
from threatdesk.errors import ThreatdeskError, UsageError
from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.scan.work import PackedItem, Row, analyse_packed, pack_batch


class _Analyst:
    """A Ray actor holding one pipeline."""

    def __init__(self, context: AnalyzerContext) -> None:
        self.pipeline = Pipeline(context=context)

    def analyse(self, packed: list[PackedItem]) -> list[Row]:
        return analyse_packed(self.pipeline, packed)

    def cpu_seconds(self) -> float:
        """CPU this actor's process has used so far (start-up included), for bench/scan.py."""
        return time.process_time()


class RayEngine:
    name = "ray"

    def __init__(self, *, context: AnalyzerContext | None = None, workers: int | None = None, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise UsageError("the ray engine needs Ray installed", hint="pip install 'threatdesk[ray]'") from None
        self._ray = ray
        self.context = context or AnalyzerContext()
        self.workers = workers
        self.address = address
        self._actors: list[Any] = []
        self._started_runtime = False

    def _start(self) -> list[Any]:
        ray = self._ray
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if not ray.is_initialized():
            try:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False)
                else:
                    ray.init(
                        num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False,
                        _node_ip_address="127.0.0.1", log_to_driver=False,
                    )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = self.address or "a local runtime"
                raise ThreatdeskError(f"cannot start Ray on {where}: {str(exc).splitlines()[0]}",
                                      hint="check --address, or drop it to run Ray on this machine") from None
            self._started_runtime = True
        n = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Analyst)
        self._actors = [actor.remote(self.context) for _ in range(n)]
        return self._actors

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Row]]:
        actors = self._actors or self._start()
        window = 2 * len(actors)
        in_flight: deque[Any] = deque()
        for n, batch in enumerate(batches):
            in_flight.append(actors[n % len(actors)].analyse.remote(pack_batch(batch)))
            if len(in_flight) >= window:
                yield self._ray.get(in_flight.popleft())
        while in_flight:
            yield self._ray.get(in_flight.popleft())

    def worker_cpu(self) -> float:
        """CPU seconds the actors have used (not Ray's own raylet, GCS and agent processes)."""
        return float(sum(self._ray.get([actor.cpu_seconds.remote() for actor in self._actors])))

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._started_runtime:
            self._ray.shutdown()
            self._started_runtime = False
