"""PostgreSQL write benchmark: the Store's COPY path against a plain executemany.

Writes the same items and assessments, in the same batches (one transaction each), three
ways into a private database on the same server, in the same run:

- ``Store.write_rows``: COPY into a temporary table, then INSERT ... SELECT ... ON CONFLICT
  DO NOTHING (what ``threatdesk scan`` uses);
- a plain psycopg ``executemany`` of INSERT ... ON CONFLICT DO NOTHING;
- SQLAlchemy Core ``conn.execute(insert, rows)`` (the Store's previous write path).

and prints rows/s for each and the ratios. Analysis is done once beforehand, untimed.

    .venv/bin/python bench/pgwrite.py                     # 50,000 items, batches of 500
    .venv/bin/python bench/pgwrite.py --items 20000 --pg postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

from threatdesk.intake import read_items  # noqa: E402
from threatdesk.models import (
    Item,  # noqa: E402
    now_utc,  # noqa: E402
)
from threatdesk.pipeline import Pipeline  # noqa: E402
from threatdesk.store import Store, schema  # noqa: E402
from threatdesk.store.database import (  # noqa: E402
    _ASSESSMENT_COLUMNS,
    _ITEM_COLUMNS,
    AssessmentRecord,
    _item_tuple,
    assessment_row,
    encode_assessment,
    item_row,
)

Batch = tuple[list[Item], list[AssessmentRecord]]


def prepare(n: int, batch: int) -> tuple[list[Batch], list]:
    pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        items = [i for i in read_items(str(generate(Path(tmp) / "c.jsonl", n))) if isinstance(i, Item)]
    assessments = [pipeline.assess(i) for i in items]
    records = [encode_assessment(a) for a in assessments]
    batches = [(items[k : k + batch], records[k : k + batch]) for k in range(0, len(items), batch)]
    return batches, assessments


def copy_path(store: Store, batches: Sequence[Batch]) -> None:
    for items, records in batches:
        with store.transaction() as conn:
            store.write_rows(conn, items, records)


def executemany_path(store: Store, batches: Sequence[Batch]) -> None:
    ins_items = (
        f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)}) VALUES ({', '.join(['%s'] * len(_ITEM_COLUMNS))}) "
        "ON CONFLICT DO NOTHING"
    )
    ins_assess = (
        f"INSERT INTO assessments ({', '.join(_ASSESSMENT_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_ASSESSMENT_COLUMNS))}) ON CONFLICT DO NOTHING"
    )
    for items, records in batches:
        with store.transaction() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.executemany(ins_items, [_item_tuple(i, lambda v: v) for i in items])
                at = now_utc()
                cur.executemany(ins_assess, [(*r, at) for r in records])


def sqlalchemy_path(store: Store, batches: Sequence[Batch], assessments: list) -> None:
    by_id = {a.item_id: a for a in assessments}
    for items, _ in batches:
        with store.transaction() as conn:
            conn.execute(store.insert_ignore(schema.items), [item_row(i) for i in items])
            conn.execute(store.insert_ignore(schema.assessments), [assessment_row(by_id[i.id]) for i in items])


def timed(store: Store, fn: Callable[[], None]) -> float:
    with store.transaction() as conn:
        conn.execute(sa.text("TRUNCATE items CASCADE"))
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres", help="server (admin) URL")
    args = parser.parse_args()
    batches, assessments = prepare(args.items, args.batch)
    rows = 2 * sum(len(items) for items, _ in batches)
    admin = sa.create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    name = f"td_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        store = Store.open(admin.url.set(database=name).render_as_string(hide_password=False))
        results = {
            "COPY + INSERT ... SELECT (Store.write_rows)": timed(store, lambda: copy_path(store, batches)),
            "psycopg executemany": timed(store, lambda: executemany_path(store, batches)),
            "SQLAlchemy executemany (old path)": timed(store, lambda: sqlalchemy_path(store, batches, assessments)),
        }
        assert store.count(schema.assessments) == rows // 2
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print(f"rows written per method  {rows:,} ({rows // 2:,} items + their assessments, batches of {args.batch})")
    for label, seconds in results.items():
        print(f"{label:<44} {rows / seconds:>10,.0f} rows/s ({seconds:.2f}s)")
    copy_s = results["COPY + INSERT ... SELECT (Store.write_rows)"]
    print(f"ratio COPY / psycopg executemany            {results['psycopg executemany'] / copy_s:.2f}x")
    print(f"ratio COPY / SQLAlchemy executemany         {results['SQLAlchemy executemany (old path)'] / copy_s:.2f}x")


if __name__ == "__main__":
    main()
