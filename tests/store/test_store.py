from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from threatdesk.models import Item
from threatdesk.pipeline import Pipeline
from threatdesk.store import QueueFilter, Store, schema


def make_items(texts: list[str]) -> list[Item]:
    return [
        Item.from_text(t, source="test", author=f"@a{n}", posted_at=datetime(2026, 10, 1 + n, tzinfo=UTC))
        for n, t in enumerate(texts)
    ]


TEXTS = [
    "Rivera's team took them down 3-1 in the rec league final",
    "green light on the chief, 50 bands when it's done",
    "2k to whoever gets me pics of where the tall agent sleeps",
    "Prosecutors say the man offered $10,000 for the agent's killing",
]


def test_migrations_create_exactly_the_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_write_batch_is_idempotent_and_queue_ranks(store: Store) -> None:
    items = make_items(TEXTS)
    assessments = Pipeline().assess_many(items)
    assert store.write_batch(items, assessments) == 4
    assert store.write_batch(items, assessments) == 0
    assert store.count(schema.items) == store.count(schema.assessments) == 4
    rows = store.queue()
    assert [r.label for r in rows][:2] == ["solicit_kill", "solicit_intel"]
    ranks = [(r.priority, -r.risk) for r in rows]
    assert ranks == sorted(ranks)
    assert all(r.status == "new" for r in rows)


def test_queue_filters_and_pages(store: Store) -> None:
    items = make_items(TEXTS)
    store.write_batch(items, Pipeline().assess_many(items))
    assert {r.label for r in store.queue(QueueFilter(label=["benign"]))} == {"benign"}
    assert len(store.queue(QueueFilter(priority=["P4"]))) == 2
    assert store.queue(QueueFilter(since=datetime(2026, 10, 3, tzinfo=UTC)))[0].posted_at >= datetime(2026, 10, 3, tzinfo=UTC)
    first, second = store.queue(limit=2), store.queue(limit=2, offset=2)
    assert len(first) == len(second) == 2
    assert not {r.item_id for r in first} & {r.item_id for r in second}


def test_item_and_assessment_round_trip(store: Store) -> None:
    (item,) = make_items(TEXTS[1:2])
    (assessment,) = Pipeline().assess_many([item])
    store.write_batch([item], [assessment])
    got = store.get_item(item.id)
    assert got is not None
    assert got.to_json() | {"received_at": None} == item.to_json() | {"received_at": None}
    assert store.get_assessment(item.id) == assessment


def test_reopening_does_not_migrate_again(db_url: str) -> None:
    Store.open(db_url).close()
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar_one()
    store.close()


def test_protectee_matches_are_indexed_for_the_queue(store: Store) -> None:
    from threatdesk.labels import Label
    from threatdesk.models import Assessment, Signal

    (item,) = make_items(TEXTS[1:2])
    signal = Signal("protectee.v1", "protectee", "names a protectee", 0, 5, {"alias": "PROTECTEE-0042", "matched": "name"})
    assessment = Assessment(item.id, Label.SOLICIT_KILL, {}, 90, "P1", (), (signal,), "test")
    store.write_batch([item], [assessment])
    assert [r.item_id for r in store.queue(QueueFilter(protectee="PROTECTEE-0042"))] == [item.id]
    assert store.queue(QueueFilter(protectee="PROTECTEE-0001")) == []
