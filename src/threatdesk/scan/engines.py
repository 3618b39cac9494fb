"""Engines run the per-item pipeline over batches; they differ only in where it runs.

Every engine is a callable ``(batches) -> iterator of assessment lists`` that yields in
input order, so the scan loop, the store writes and the ``--out`` file are the same
whatever the engine. The multi-process and Ray engines plug in here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from threatdesk.analyzers import AnalyzerContext
from threatdesk.models import Assessment, Item
from threatdesk.pipeline import Pipeline


class Engine(Protocol):
    name: str

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Assessment]]: ...

    def close(self) -> None: ...


class LocalEngine:
    """One process, the pipeline built once."""

    name = "local"

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self.pipeline = pipeline or Pipeline()

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Assessment]]:
        for batch in batches:
            yield self.pipeline.assess_many(batch)

    def close(self) -> None:
        pass


ENGINES = ("local",)


def make_engine(
    name: str = "local", *, context: AnalyzerContext | None = None, workers: int | None = None, address: str | None = None
) -> Engine:
    """Build the named engine; each of its workers builds its own Pipeline from ``context``."""
    if name == "local":
        return LocalEngine(Pipeline(context=context))
    from threatdesk.errors import UsageError

    raise UsageError(f"unknown engine {name!r}", hint=f"use one of: {', '.join(ENGINES)}")
