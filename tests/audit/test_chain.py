"""Tampering with the audit trail directly in the database is caught, on both stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import Connection

from threatdesk import audit
from threatdesk.store import Store, schema

A = schema.audit_events
H = schema.audit_head
N = 6


def fill(store: Store) -> list[str]:
    with store.transaction() as conn:
        return [
            audit.record(conn, actor="analyst1", action="case.view", object_type="case", object_id=n, after={"n": n})
            for n in range(1, N + 1)
        ]


def row(conn: Connection, seq: int) -> dict:
    return dict(conn.execute(sa.select(A).where(A.c.seq == seq)).mappings().one())


def edit(**values: object) -> Callable[[Connection], None]:
    return lambda conn: conn.execute(A.update().where(A.c.seq == 3).values(**values))


def delete(*seqs: int) -> Callable[[Connection], None]:
    return lambda conn: conn.execute(A.delete().where(A.c.seq.in_(seqs)))


def swap_3_and_4(conn: Connection) -> None:
    three, four = row(conn, 3), row(conn, 4)
    for target, source in ((3, four), (4, three)):
        conn.execute(A.update().where(A.c.seq == target).values({k: v for k, v in source.items() if k != "seq"}))


def forged(prev_hash: str, seq: int) -> dict:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    body = {"at": at, "actor": "intruder", "action": "case.view", "object_type": "case", "object_id": "99",
            "before": None, "after": None}
    return {"seq": seq, "prev_hash": prev_hash, "hash": audit.event_hash(prev_hash, **body), **body}


def insert_in_middle(conn: Connection) -> None:
    for seq in range(N, 3, -1):
        conn.execute(A.update().where(A.c.seq == seq).values(seq=seq + 10))
    conn.execute(H.update().values(seq=N + 10))
    conn.execute(A.insert().values(forged(row(conn, 3)["hash"], 4)))


def append_at_end(conn: Connection) -> None:
    conn.execute(A.insert().values(forged(row(conn, N)["hash"], N + 1)))


def rehash_one(conn: Connection) -> None:
    r = row(conn, 3)
    r["actor"] = "someone"
    new = audit.event_hash(r["prev_hash"], at=r["at"].replace(tzinfo=UTC), actor=r["actor"], action=r["action"],
                           object_type=r["object_type"], object_id=r["object_id"], before=r["before"], after=r["after"])
    conn.execute(A.update().where(A.c.seq == 3).values(actor="someone", hash=new))


TAMPERINGS: list[tuple[str, Callable[[Connection], None], int | None, str]] = [
    ("edit actor", edit(actor="someone"), 3, "edited"),
    ("edit action", edit(action="case.note"), 3, "edited"),
    ("edit object", edit(object_id="7"), 3, "edited"),
    ("edit after json", edit(after={"n": 99}), 3, "edited"),
    ("edit time", edit(at=datetime(2020, 1, 1, tzinfo=UTC)), 3, "edited"),
    ("edit stored hash", edit(hash="f" * 64), 3, "edited"),
    ("edit and re-hash one row", rehash_one, 4, "does not follow"),
    ("delete a middle row", delete(3), 4, "does not follow"),
    ("delete the first row", delete(1), 2, "does not follow"),
    ("delete the last row", delete(N), N, "chain ends at event 5"),
    ("delete the last two rows", delete(N - 1, N), N, "chain ends at event 4"),
    ("delete every row", delete(*range(1, N + 1)), N, "trail is empty"),
    ("swap two rows", swap_3_and_4, 3, "does not follow"),
    ("insert a forged row in the middle", insert_in_middle, 14, "does not follow"),
    ("append a forged row at the end", append_at_end, N, f"ends at event {N + 1}"),
    ("delete the head record", lambda conn: conn.execute(H.delete()), None, "head record is missing"),
    ("lower the head count", lambda conn: conn.execute(H.update().values(count=N - 1)), N, "counts 5 events"),
]


def test_an_untouched_chain_verifies_and_the_head_is_the_last_event(chain_store: Store) -> None:
    hashes = fill(chain_store)
    with chain_store.engine.connect() as conn:
        assert audit.verify(conn) is None
        assert audit.verify(conn, expect_head=hashes[2]) is None
        head = audit.head(conn)
    assert head is not None and (head.hash, head.count) == (hashes[-1], N)


def test_an_empty_trail_verifies(chain_store: Store) -> None:
    with chain_store.engine.connect() as conn:
        assert audit.verify(conn) is None
        assert audit.head(conn) is None


@pytest.mark.parametrize(("tamper", "seq", "needle"), [t[1:] for t in TAMPERINGS], ids=[t[0] for t in TAMPERINGS])
def test_tampering_is_caught(chain_store: Store, tamper: Callable[[Connection], None], seq: int | None, needle: str) -> None:
    fill(chain_store)
    with chain_store.transaction() as conn:
        tamper(conn)
    with chain_store.engine.connect() as conn:
        broken = audit.verify(conn)
    assert broken is not None, "tampering went unnoticed"
    assert broken.seq == seq, str(broken)
    assert needle in broken.reason


def test_a_rewritten_chain_is_caught_only_by_a_hash_kept_elsewhere(chain_store: Store) -> None:
    """The limit of any unkeyed chain, stated as a test: recomputing every hash after an
    edit (and the head) passes ``verify``; the head noted before the rewrite does not."""
    hashes = fill(chain_store)
    with chain_store.transaction() as conn:
        prev = row(conn, 2)["hash"]
        for seq in range(3, N + 1):
            r = row(conn, seq)
            actor = "someone" if seq == 3 else r["actor"]
            new = audit.event_hash(prev, at=r["at"].replace(tzinfo=UTC), actor=actor, action=r["action"],
                                   object_type=r["object_type"], object_id=r["object_id"], before=r["before"],
                                   after=r["after"])
            conn.execute(A.update().where(A.c.seq == seq).values(actor=actor, prev_hash=prev, hash=new))
            prev = new
        conn.execute(H.update().values(hash=prev))
    with chain_store.engine.connect() as conn:
        assert audit.verify(conn) is None
        broken = audit.verify(conn, expect_head=hashes[-1])
    assert broken is not None and "expected head" in broken.reason


def test_events_after_a_deleted_tail_still_show_the_gap(chain_store: Store) -> None:
    fill(chain_store)
    with chain_store.transaction() as conn:
        delete(N)(conn)
    with chain_store.transaction() as conn:
        audit.record(conn, actor="analyst2", action="case.view", object_type="case", object_id=1)
    with chain_store.engine.connect() as conn:
        broken = audit.verify(conn)
        newest = audit.head(conn)
    assert newest is not None
    assert broken is not None and broken.seq == newest.seq and "does not follow" in broken.reason


def test_events_filter_by_object_actor_and_action(chain_store: Store) -> None:
    fill(chain_store)
    with chain_store.transaction() as conn:
        audit.record(conn, actor="admin", action="export.bundle", object_type="case", object_id=2)
    with chain_store.engine.connect() as conn:
        assert [e.seq for e in audit.events(conn, objects=[("case", "2")])] == [2, N + 1]
        assert [e.action for e in audit.events(conn, actor="admin")] == ["export.bundle"]
        assert len(list(audit.events(conn, action="case."))) == N
        assert [e.seq for e in audit.events(conn, limit=2, newest_first=True)] == [N + 1, N]


def test_concurrent_writers_form_one_chain(chain_store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def writer(n: int) -> None:
        for k in range(8):
            with chain_store.transaction() as conn:
                audit.record(conn, actor=f"writer{n}", action="item.view", object_type="item", object_id=f"{n}-{k}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(writer, range(4)))
    with chain_store.engine.connect() as conn:
        assert audit.verify(conn) is None
        head = audit.head(conn)
    assert head is not None and head.count == 32


@pytest.mark.parametrize("sizes", [[3], [1, 4], [2, 0, 5, 1]], ids=["one group", "two groups", "groups and singles"])
def test_events_recorded_in_groups_form_the_same_chain(chain_store: Store, sizes: list[int]) -> None:
    """record_many (one lock and head update per group) chains exactly like record, and mixes with it."""
    written = []
    with chain_store.transaction() as conn:
        audit.record(conn, actor="cli", action="key.create", object_type="api_key", object_id="a1")
    for n, size in enumerate(sizes):
        events = [{"actor": f"key:k{n}", "action": "api.submit", "object_type": "items", "after": {"i": i}}
                  for i in range(size)]
        with chain_store.transaction() as conn:
            written += audit.record_many(conn, events)
            audit.record(conn, actor="cli", action="key.revoke", object_type="api_key", object_id=str(n))
    with chain_store.engine.connect() as conn:
        assert audit.verify(conn) is None
        head = audit.head(conn)
        rows = conn.execute(sa.select(schema.audit_events.c.hash).order_by(schema.audit_events.c.seq)).scalars().all()
    assert head is not None and head.count == 1 + sum(sizes) + len(sizes) == len(rows)
    assert set(written) <= set(rows) and len(written) == sum(sizes)
