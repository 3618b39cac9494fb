"""The analyzer table: every analyzer the desk runs, by versioned name, in one place.

To add one: write a module in this package whose class has ``name``, ``version`` and
``__call__(item) -> list[Signal]``, then add a line to ``DEFAULT_ANALYZERS``. Entries are
import paths, resolved only when ``build_analyzers`` is called, so importing this
package loads no model. A snapshot test pins the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass

from threatdesk.analyzers.base import Analyzer, registry_name
from threatdesk.errors import ConfigError

#: (versioned name, "module:Class"). Order is the order signals are listed in.
DEFAULT_ANALYZERS: tuple[tuple[str, str], ...] = (
    ("money.v1", "threatdesk.analyzers.money:MoneyAnalyzer"),
    ("intent.v1", "threatdesk.analyzers.intent:IntentAnalyzer"),
    ("behaviours.v1", "threatdesk.analyzers.behaviours:BehaviourAnalyzer"),
    ("places.v1", "threatdesk.analyzers.places:PlaceAnalyzer"),
    ("times.v1", "threatdesk.analyzers.times:TimeAnalyzer"),
    ("pii_phone.v1", "threatdesk.analyzers.pii_phone:PhoneAnalyzer"),
    ("pii_email.v1", "threatdesk.analyzers.pii_email:EmailAnalyzer"),
    ("pii_address.v1", "threatdesk.analyzers.pii_address:AddressAnalyzer"),
    ("pii_plate.v1", "threatdesk.analyzers.pii_plate:PlateAnalyzer"),
    ("pii_dob.v1", "threatdesk.analyzers.pii_dob:DobAnalyzer"),
    ("pii_ssn.v1", "threatdesk.analyzers.pii_ssn:SsnAnalyzer"),
    ("pii_vehicle.v1", "threatdesk.analyzers.pii_vehicle:VehicleAnalyzer"),
    ("pii_family.v1", "threatdesk.analyzers.pii_family:FamilyAnalyzer"),
    ("protectee.v1", "threatdesk.analyzers.protectee:ProtecteeAnalyzer"),
)

#: The PII analyzers, for callers that want personal data alone (redaction, the benchmark).
PII_ANALYZERS: tuple[str, ...] = tuple(name for name, _ in DEFAULT_ANALYZERS if name.startswith("pii_"))


@dataclass(slots=True, frozen=True)
class AnalyzerContext:
    """What an analyzer may need from outside the item, given once at build time.

    Plain strings only, so a context pickles to worker processes and Ray tasks, where each
    worker builds its own analyzers (and loads its own models and indexes) from it.
    ``db`` is the store URL (for analyzers that load an index, such as protectee
    fingerprints); ``key_file`` the path of the fingerprint key.
    """

    db: str | None = None
    key_file: str | None = None


def analyzer_names() -> list[str]:
    return [name for name, _ in DEFAULT_ANALYZERS]


def build_analyzers(names: Sequence[str] | None = None, *, context: AnalyzerContext | None = None) -> list[Analyzer]:
    """Instantiate the named analyzers (all of them by default), loading their models once.

    A class whose ``__init__`` accepts a ``context`` keyword gets it; others are built bare.
    """
    context = context or AnalyzerContext()
    table = dict(DEFAULT_ANALYZERS)
    wanted = list(names) if names is not None else [name for name, _ in DEFAULT_ANALYZERS]
    built: list[Analyzer] = []
    for name in wanted:
        if name not in table:
            raise ConfigError(
                f"unknown analyzer {name!r}", hint=f"known: {', '.join(table)}"
            )
        module_name, _, attr = table[name].partition(":")
        cls = getattr(importlib.import_module(module_name), attr)
        wants_context = _accepts_context(cls)
        analyzer = cls(context=context) if wants_context else cls()
        if registry_name(analyzer) != name:
            raise ConfigError(f"analyzer {table[name]} calls itself {registry_name(analyzer)}, not {name}")
        built.append(analyzer)
    return built


def _accepts_context(cls: type) -> bool:
    import inspect

    try:
        return "context" in inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False


__all__ = ["AnalyzerContext", "DEFAULT_ANALYZERS", "Analyzer", "analyzer_names", "build_analyzers", "registry_name"]
