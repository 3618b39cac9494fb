"""The append-only, hash-chained audit trail.

Every event carries the hash of the one before it, so editing, deleting, reordering or
inserting a row breaks the chain at that point and ``verify`` names it. Writers take a
lock before reading the last hash (SQLite's write lock; a transaction-scoped advisory lock
on PostgreSQL), so concurrent writers still form one chain.

Call ``record`` inside the same transaction as the change it describes: the event and the
change commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from threatdesk.models import now_utc
from threatdesk.store import as_utc, schema

GENESIS = "0" * 64
_LOCK_KEY = 0x7468726561  # "threa": any fixed number, shared by every writer


def _canonical(event: dict[str, Any]) -> bytes:
    return json.dumps(event, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def event_hash(prev_hash: str, *, at: datetime | None, actor: str, action: str, object_type: str | None,
               object_id: str | None, before: Any, after: Any) -> str:
    body = {
        "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if at else None,
        "actor": actor, "action": action, "object_type": object_type, "object_id": object_id,
        "before": before, "after": after,
    }
    return hashlib.sha256(prev_hash.encode() + _canonical(body)).hexdigest()


def record(conn: Connection, *, actor: str, action: str, object_type: str | None = None,
           object_id: str | int | None = None, before: Any = None, after: Any = None) -> str:
    """Append one event; returns its hash."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    a = schema.audit_events
    prev = conn.execute(select(a.c.hash).order_by(a.c.seq.desc()).limit(1)).scalar()
    prev_hash = prev or GENESIS
    at = now_utc()
    oid = None if object_id is None else str(object_id)
    digest = event_hash(prev_hash, at=at, actor=actor, action=action, object_type=object_type,
                        object_id=oid, before=before, after=after)
    conn.execute(a.insert().values(at=at, actor=actor, action=action, object_type=object_type,
                                   object_id=oid, before=before, after=after,
                                   prev_hash=prev_hash, hash=digest))
    return digest


@dataclass(slots=True, frozen=True)
class Break:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit event {self.seq}: {self.reason}"


def verify(conn: Connection, *, batch: int = 5000) -> Break | None:
    """Walk the chain in order; return the first broken link, or None when it is whole."""
    a = schema.audit_events
    expected_prev = GENESIS
    last_seq = 0
    while True:
        rows = conn.execute(select(a).where(a.c.seq > last_seq).order_by(a.c.seq).limit(batch)).mappings().all()
        if not rows:
            return None
        for row in rows:
            at = as_utc(row["at"])
            if row["prev_hash"] != expected_prev:
                return Break(row["seq"], "does not follow the event before it (a row was deleted, inserted or reordered)")
            digest = event_hash(row["prev_hash"], at=at, actor=row["actor"], action=row["action"],
                                object_type=row["object_type"], object_id=row["object_id"],
                                before=row["before"], after=row["after"])
            if digest != row["hash"]:
                return Break(row["seq"], "its contents do not match its hash (the row was edited)")
            expected_prev = row["hash"]
            last_seq = row["seq"]
