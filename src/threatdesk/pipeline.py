"""Analyze and assess: the per-item work, identical in every engine.

A ``Pipeline`` is built once per process (it loads the models) and is then a pure
function of the item, which is what lets the multi-process and Ray engines promise
byte-identical output to the single-process one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from threatdesk.analyzers import Analyzer, AnalyzerContext, build_analyzers, registry_name
from threatdesk.assess import assess
from threatdesk.models import Assessment, Item, Signal


class Pipeline:
    def __init__(self, analyzers: Sequence[Analyzer] | None = None, *, context: AnalyzerContext | None = None) -> None:
        self.context = context or AnalyzerContext()
        self.analyzers = list(analyzers) if analyzers is not None else build_analyzers(context=self.context)
        parts = []
        for analyzer in self.analyzers:
            model = getattr(analyzer, "model_version", None)
            parts.append(registry_name(analyzer) + (f"[{model}]" if model else ""))
        self.version = "+".join(parts)

    def signals(self, item: Item) -> list[Signal]:
        found: list[Signal] = []
        for analyzer in self.analyzers:
            found.extend(analyzer(item))
        return found

    def assess(self, item: Item) -> Assessment:
        return assess(item, self.signals(item), model_version=self.version)

    def assess_many(self, items: Iterable[Item]) -> list[Assessment]:
        return [self.assess(item) for item in items]
