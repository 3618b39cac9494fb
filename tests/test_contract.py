"""The JSON form of the data contract is stable: docs/contract.md documents this file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from threatdesk.labels import Label
from threatdesk.models import Assessment, Item, Place, Reason, Signal

GOLDEN = Path(__file__).parent / "golden" / "contract.json"


def example() -> tuple[Item, Assessment]:
    item = Item.from_text(
        "2k to whoever gets me pics of where the tall agent sleeps",
        source="telegram",
        external_id="msg-1",
        author="@example_handle",
        lang="en",
        posted_at=datetime(2026, 10, 3, 21, 14, tzinfo=UTC),
        place=Place(name="Pilsen"),
    )
    signal = Signal("money.v1", "money", "amount of money: 2,000", 0, 2, {"amount": 2000, "currency": None}, 0.9)
    assessment = Assessment(
        item_id=item.id,
        label=Label.SOLICIT_INTEL,
        scores={"solicit_intel": 0.91, "benign": 0.02},
        risk=60,
        priority="P2",
        reasons=(Reason("label", "reads as solicit_intel", 50), Reason("money_offered", "offers 2,000", 10)),
        signals=(signal,),
        model_version="money.v1+intent.v1",
    )
    return item, assessment


def test_json_form_matches_golden_file() -> None:
    item, assessment = example()
    golden = json.loads(GOLDEN.read_text())
    assert item.to_json() == golden["item"]
    assert assessment.to_json() == golden["assessment"]


def test_round_trip() -> None:
    item, assessment = example()
    assert Item.from_json(item.to_json()) == item
    assert Assessment.from_json(assessment.to_json()) == assessment


def test_item_id_derives_from_content() -> None:
    a = Item.from_text("same words", author="x")
    b = Item.from_text("same words", author="x")
    c = Item.from_text("same words", author="y")
    assert a.id == b.id != c.id
    assert a.id == "itm_" + a.content_sha256[:20]
