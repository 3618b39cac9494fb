"""The bulk write path (COPY on PostgreSQL, executemany on SQLite) keeps the Store's promises."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema
from threatdesk.store.database import encode_assessment

TEXTS = [
    "2k to whoever gets me pics of where the tall agent sleeps, dm me",
    "Pago 5 mil al que levante al jefe de la migra, con pruebas",
    "La marcha de mañana sale a las 10 de la 18 y Blue Island, traigan agua",
    "City council approved the new budget 31-19 after a long debate",
]


def _encoded(items: list[Item]) -> list:
    pipeline = Pipeline()
    return [encode_assessment(pipeline.assess(i)) for i in items]


def test_new_items_only_in_input_order_with_their_assessments(store: Store) -> None:
    items = [Item.from_text(t, source="x") for t in TEXTS]
    records = _encoded(items)
    with store.transaction() as conn:
        assert store.write_rows(conn, items[:1], records[:1]) == [items[0].id]
    with store.transaction() as conn:
        added = store.write_rows(conn, [items[2], items[0], items[1], items[2], items[3]], records)
    assert added == [items[2].id, items[1].id, items[3].id]
    assert store.count(schema.items) == store.count(schema.assessments) == 4
    for item in items:
        assert store.get_assessment(item.id) == Pipeline().assess(item)
        assert store.get_item(item.id).text == item.text  # type: ignore[union-attr]


def test_a_failed_batch_leaves_nothing(store: Store) -> None:
    items = [Item.from_text(t, source="y") for t in TEXTS]
    records = _encoded(items)
    with pytest.raises(RuntimeError), store.transaction() as conn:
        store.write_rows(conn, items, records)
        raise RuntimeError("killed mid-batch")
    assert store.count(schema.items) == store.count(schema.assessments) == 0
    with store.transaction() as conn:
        assert len(store.write_rows(conn, items, records)) == 4


def test_a_stored_assessment_is_never_overwritten(store: Store) -> None:
    item = Item.from_text(TEXTS[0], source="z")
    [record] = _encoded([item])
    with store.transaction() as conn:
        store.write_rows(conn, [item], [record])
    with store.transaction() as conn:
        assert store.write_rows(conn, [item], [record._replace(label="benign", risk=0)]) == []
    with store.engine.connect() as conn:
        label = conn.execute(select(schema.assessments.c.label)).scalar_one()
    assert label == record.label != "benign"
