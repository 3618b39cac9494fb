"""The analyzer table: every analyzer the desk runs, by versioned name, in one place.

To add one: write a module in this package whose class has ``name``, ``version`` and
``__call__(item) -> list[Signal]``, then add a line to ``DEFAULT_ANALYZERS``. Entries are
import paths, resolved only when ``build_analyzers`` is called, so importing this
package loads no model. A snapshot test pins the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from threatdesk.analyzers.base import Analyzer, registry_name
from threatdesk.errors import ConfigError

#: (versioned name, "module:Class"). Order is the order signals are listed in.
DEFAULT_ANALYZERS: tuple[tuple[str, str], ...] = (
    ("money.v1", "threatdesk.analyzers.money:MoneyAnalyzer"),
    ("intent.v1", "threatdesk.analyzers.intent:IntentAnalyzer"),
)


def analyzer_names() -> list[str]:
    return [name for name, _ in DEFAULT_ANALYZERS]


def build_analyzers(names: Sequence[str] | None = None) -> list[Analyzer]:
    """Instantiate the named analyzers (all of them by default), loading their models once."""
    table = dict(DEFAULT_ANALYZERS)
    wanted = list(names) if names is not None else [name for name, _ in DEFAULT_ANALYZERS]
    built: list[Analyzer] = []
    for name in wanted:
        if name not in table:
            raise ConfigError(
                f"unknown analyzer {name!r}", hint=f"known: {', '.join(table)}"
            )
        module_name, _, attr = table[name].partition(":")
        analyzer = getattr(importlib.import_module(module_name), attr)()
        if registry_name(analyzer) != name:
            raise ConfigError(f"analyzer {table[name]} calls itself {registry_name(analyzer)}, not {name}")
        built.append(analyzer)
    return built


__all__ = ["DEFAULT_ANALYZERS", "Analyzer", "analyzer_names", "build_analyzers", "registry_name"]
