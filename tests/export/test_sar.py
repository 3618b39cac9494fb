"""Suspicious-activity export: the category mapping, the two file formats, what is left out."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.export.helpers import PHONE, add_personal_data, make_case, scan_records
from threatdesk import audit
from threatdesk.export.sar import FIELDS, SAR_CATEGORIES, categorize, write_sar
from threatdesk.models import Signal, now_utc
from threatdesk.store import Store, schema


def solicitation(act: str) -> Signal:
    return Signal(analyzer="solicitation.v1", kind="solicitation", reason="offer",
                  value={"offer": {"amount": 500, "currency": "USD", "kind": "cash"}, "act": act, "target": None, "terms": []})


@pytest.mark.parametrize(("label", "signals", "text", "codes"), [
    ("solicit_kill", [], "green light on the chief, 50 bands when it's done", ["SAR-06", "SAR-10"]),
    ("solicit_kill", [], "10 mil al que le dé piso al comandante", ["SAR-06", "SAR-10"]),
    ("solicit_harm", [], "Pago 5 mil al que levante al jefe de la migra", ["SAR-06", "SAR-10"]),
    ("solicit_intel", [solicitation("photos")], "2k to whoever gets me pics of where the tall agent sleeps", ["SAR-08", "SAR-11"]),
    ("solicit_intel", [solicitation("whereabouts")], "doy 500 por la dirección del agente", ["SAR-08", "SAR-12"]),
    ("direct_threat", [], "I'm going to find him and put him in the ground", ["SAR-06"]),
    ("incitement", [], "Somebody needs to shoot every fed in this city", ["SAR-06"]),
    ("doxxing", [], "Officer's plate is [PLATE], lives on [STREET]", ["SAR-06"]),
    ("surveillance_report", [], "Two guys with radios on the roof at 18th and Blue Island", ["SAR-12"]),
    ("surveillance_report", [], "Un dron sobre los agentes en la calle 26 toda la tarde", ["SAR-07", "SAR-12"]),
    ("reported_threat", [], "Prosecutors say the man offered $10,000 for the agent's killing", []),
    ("protected_speech", [], "ICE out of Chicago! Shut it down!", []),
    ("benign", [], "shoot me the photos from the game", []),
])
def test_categories(label: str, signals: list[Signal], text: str, codes: list[str]) -> None:
    assert [c.code for c in categorize(label, signals, text)] == codes


def test_the_sixteen_categories() -> None:
    assert len(SAR_CATEGORIES) == len({c.code for c in SAR_CATEGORIES}) == 16
    assert [c.part for c in SAR_CATEGORIES].count("A") == 7
    assert SAR_CATEGORIES[5].name == "Expressed or Implied Threat"


IDENTITY_TRAITS = ("ethnic", "race", "religio", "nationality", "citizenship", "immigration", "language", "lang",
                   "gender", "sex", "age", "skin")


def test_records_describe_behaviour_only() -> None:
    for field in FIELDS:
        assert not [t for t in IDENTITY_TRAITS if t in field.lower()], field


@pytest.fixture
def ids(store: Store, tmp_path: Path) -> dict[str, str]:
    found = scan_records(store, tmp_path)
    add_personal_data(store, found)
    return found


def test_json_and_csv_carry_the_same_records(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    assert write_sar(store, tmp_path / "sar.json", actor="analyst1") == 2
    assert write_sar(store, tmp_path / "sar.csv", actor="analyst1") == 2
    data = json.loads((tmp_path / "sar.json").read_text())
    rows = list(csv.DictReader((tmp_path / "sar.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["item_id"] for r in data["records"]] == [r["item_id"] for r in rows] == [ids["kill-en"], ids["intel-es"]]
    kill = data["records"][0]
    assert [c["code"] for c in kill["categories"]] == ["SAR-06", "SAR-10"]
    assert rows[0]["category_codes"] == "SAR-06;SAR-10"
    assert kill["protectee_aliases"] == ["PROTECTEE-0042"] and kill["place_name"] == "Pilsen"
    assert PHONE not in (tmp_path / "sar.json").read_text() and PHONE not in (tmp_path / "sar.csv").read_text()
    assert set(rows[0]) == set(FIELDS) and set(kill) == set(FIELDS) - {"category_codes", "category_names"} | {"categories"}
    with store.engine.connect() as conn:
        assert [e.after["records"] for e in audit.events(conn, action="export.sar")] == [2, 2]


def test_filters_and_exclusions(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    def exported(**options: object) -> list[str]:
        write_sar(store, tmp_path / "sar.json", actor="a", **options)  # type: ignore[arg-type]
        return [r["item_id"] for r in json.loads((tmp_path / "sar.json").read_text())["records"]]

    assert exported(labels=["solicit_intel"]) == [ids["intel-es"]]
    assert exported(since=datetime(2026, 10, 3, tzinfo=UTC)) == [ids["intel-es"]]
    assert exported(until=datetime(2026, 10, 3, tzinfo=UTC)) == [ids["kill-en"]]
    make_case(store, [ids["intel-es"]], status="closed", close_reason="unfounded")
    with store.transaction() as conn:
        conn.execute(schema.tips.insert().values(receipt_hash="r" * 64, item_id=ids["kill-en"], category="other",
                                                 flagged_identity_only=True, created_at=now_utc()))
    assert exported() == []


def test_a_tip_is_marked_as_one(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    with store.transaction() as conn:
        conn.execute(schema.tips.insert().values(receipt_hash="t" * 64, item_id=ids["intel-es"], category="threat",
                                                 flagged_identity_only=False, created_at=now_utc()))
    write_sar(store, tmp_path / "sar.json", actor="a")
    records = {r["item_id"]: r for r in json.loads((tmp_path / "sar.json").read_text())["records"]}
    assert (records[ids["intel-es"]]["is_tip"], records[ids["intel-es"]]["tip_category"]) == (True, "threat")
    assert records[ids["kill-en"]]["is_tip"] is False


def test_a_bad_extension_writes_nothing(store: Store, tmp_path: Path) -> None:
    from threatdesk.errors import UsageError

    with pytest.raises(UsageError, match=r"\.json or \.csv"):
        write_sar(store, tmp_path / "sar.xml", actor="a")
    assert not [p for p in tmp_path.iterdir() if "sar" in p.name]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.audit_events)).scalar_one() == 0
