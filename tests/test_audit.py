from __future__ import annotations

import sqlalchemy as sa

from threatdesk import audit
from threatdesk.store import Store, schema


def test_chain_verifies_and_an_edit_is_caught(store: Store) -> None:
    with store.transaction() as conn:
        for n in range(5):
            audit.record(conn, actor="analyst1", action="case.view", object_type="case", object_id=n, after={"n": n})
    with store.engine.connect() as conn:
        assert audit.verify(conn) is None
    with store.transaction() as conn:
        conn.execute(sa.update(schema.audit_events).where(schema.audit_events.c.seq == 3).values(actor="someone"))
    with store.engine.connect() as conn:
        broken = audit.verify(conn)
    assert broken is not None and broken.seq == 3 and "edited" in broken.reason
