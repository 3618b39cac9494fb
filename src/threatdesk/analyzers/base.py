"""The one shape every analyzer has.

An analyzer is a callable ``(item) -> list[Signal]`` with a ``name`` and a ``version``.
It looks at one item alone: anything that needs several analyzers' signals together
(the label, doxxing, risk) belongs to the assessor, and anything that needs several
items (fixation, reposts, cases) belongs to correlation. That keeps every analyzer
trivially parallel: the same code runs in a test, the CLI, the web app and on Ray.

Analyzers that load a model do so in ``__init__``, once per process; ``__call__`` must be
cheap and must not touch the network or the database.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from threatdesk.models import Item, Signal


@runtime_checkable
class Analyzer(Protocol):
    name: str
    version: int

    def __call__(self, item: Item) -> list[Signal]: ...


def registry_name(analyzer: Analyzer) -> str:
    return f"{analyzer.name}.v{analyzer.version}"
