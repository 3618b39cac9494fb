from __future__ import annotations

import pytest

from threatdesk.analyzers import DEFAULT_ANALYZERS, build_analyzers, registry_name
from threatdesk.errors import ConfigError
from threatdesk.models import Item, Signal

#: Snapshot of the analyzer table: a change here is a change to every assessment.
EXPECTED = [
    "money.v1",
    "intent.v1",
    "behaviours.v1",
    "places.v1",
    "times.v1",
    "pii_phone.v1",
    "pii_email.v1",
    "pii_address.v1",
    "pii_plate.v1",
    "pii_dob.v1",
    "pii_ssn.v1",
    "pii_vehicle.v1",
    "pii_family.v1",
    "protectee.v1",
]


def test_registry_snapshot() -> None:
    assert [name for name, _ in DEFAULT_ANALYZERS] == EXPECTED


def test_every_analyzer_has_the_one_shape() -> None:
    item = Item.from_text("Pago 5 mil al que levante al jefe de la migra")
    for analyzer in build_analyzers():
        signals = analyzer(item)
        assert isinstance(signals, list)
        assert all(isinstance(s, Signal) and s.analyzer == registry_name(analyzer) for s in signals)
        assert all(s.reason for s in signals)


def test_unknown_analyzer_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown analyzer"):
        build_analyzers(["nope.v9"])
