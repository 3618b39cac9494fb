"""The append-only, hash-chained audit trail.

Every event carries the hash of the one before it, so editing, deleting, reordering or
inserting a row breaks the chain at that point and ``verify`` names it. Writers take a
lock before reading the last hash (SQLite's write lock; a transaction-scoped advisory lock
on PostgreSQL), so concurrent writers still form one chain.

A chain alone cannot show that its *last* events were deleted: what remains is still a
whole chain. So every event also rewrites one ``audit_head`` row (last seq, last hash,
event count) in the same transaction, and ``verify`` checks the chain ends where the head
says. Someone who can write the database can rewrite the head too (or recompute every hash
after an edit); only a hash kept outside the database defeats that. Every ``verify``
reports the head hash, evidence bundles carry it in their manifest, and
``verify(conn, expect_head=HASH)`` fails unless the chain still contains that event.
docs/audit.md explains what this does and does not prove.

Call ``record`` inside the same transaction as the change it describes: the event and the
change commit together or not at all. Action names are listed in docs/audit.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, text

from threatdesk.models import now_utc
from threatdesk.store import as_utc, schema

GENESIS = "0" * 64
_LOCK_KEY = 0x7468726561  # "threa": any fixed number, shared by every writer
_HEAD_ID = 1


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


@dataclass(slots=True, frozen=True)
class Head:
    """Where the trail ends: the last event's seq and hash, and how many events there are."""

    seq: int
    hash: str
    count: int


def head(conn: Connection) -> Head | None:
    """The recorded head of the trail, or None for an empty trail."""
    h = schema.audit_head
    row = conn.execute(select(h.c.seq, h.c.hash, h.c.count).where(h.c.id == _HEAD_ID)).first()
    return Head(int(row[0]), row[1], int(row[2])) if row else None


def record(conn: Connection, *, actor: str, action: str, object_type: str | None = None,
           object_id: str | int | None = None, before: Any = None, after: Any = None) -> str:
    """Append one event; returns its hash (``record_many`` with one event: one code path for
    the lock, the head and the chain)."""
    return record_many(conn, [{"actor": actor, "action": action, "object_type": object_type,
                               "object_id": object_id, "before": before, "after": after}])[0]


def record_many(conn: Connection, events: list[dict[str, Any]]) -> list[str]:
    """Append several events in one go (``record``'s keyword arguments, one dict each); their hashes.

    The same chain as calling ``record`` once per event, but the lock, the head and its
    update are taken once for the lot: the API's group commit writes one event per request
    of a group, so this keeps the audit trail's cost per request to one inserted row.
    """
    if not events:
        return []
    a, h = schema.audit_events, schema.audit_head
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    else:
        conn.execute(h.update().where(h.c.id == _HEAD_ID).values(seq=h.c.seq))
    current = head(conn)
    if current is not None:
        prev_hash, count = current.hash, current.count
    else:
        prev_hash = conn.execute(select(a.c.hash).order_by(a.c.seq.desc()).limit(1)).scalar() or GENESIS
        count = int(conn.execute(select(func.count()).select_from(a)).scalar_one())
    at = now_utc()
    rows, digests = [], []
    for event in events:
        oid = None if event.get("object_id") is None else str(event["object_id"])
        row = {"at": at, "actor": event["actor"], "action": event["action"], "object_type": event.get("object_type"),
               "object_id": oid, "before": event.get("before"), "after": event.get("after"), "prev_hash": prev_hash}
        row["hash"] = prev_hash = event_hash(row["prev_hash"], at=at, actor=row["actor"], action=row["action"],
                                             object_type=row["object_type"], object_id=oid, before=row["before"],
                                             after=row["after"])
        rows.append(row)
        digests.append(prev_hash)
    seqs = conn.execute(a.insert().returning(a.c.seq, sort_by_parameter_order=True), rows).scalars().all()
    values = {"seq": int(seqs[-1]), "hash": prev_hash, "count": count + len(rows)}
    if current is None:
        conn.execute(h.insert().values(id=_HEAD_ID, **values))
    else:
        conn.execute(h.update().where(h.c.id == _HEAD_ID).values(**values))
    return digests


@dataclass(slots=True, frozen=True)
class Break:
    """The first broken link: the event at ``seq`` (None when no single row is to blame)."""

    seq: int | None
    reason: str

    def __str__(self) -> str:
        return f"audit event {self.seq}: {self.reason}" if self.seq is not None else f"audit trail: {self.reason}"


def verify(conn: Connection, *, batch: int = 5000, expect_head: str | None = None) -> Break | None:
    """Walk the chain in order; return the first broken link, or None when it is whole.

    ``expect_head`` is a hash noted outside the database (a bundle manifest, an earlier
    ``audit verify``): the chain must still contain that event, else it was truncated or
    rewritten after the hash was noted.
    """
    a = schema.audit_events
    expected_prev = GENESIS
    last_seq: int | None = None
    walked = 0
    anchor_seen = expect_head is None
    while True:
        query = select(a).order_by(a.c.seq).limit(batch)
        if last_seq is not None:
            query = query.where(a.c.seq > last_seq)
        rows = conn.execute(query).mappings().all()
        if not rows:
            break
        for row in rows:
            if row["prev_hash"] != expected_prev:
                return Break(row["seq"], "does not follow the event before it (a row was deleted, inserted or reordered)")
            digest = event_hash(row["prev_hash"], at=as_utc(row["at"]), actor=row["actor"], action=row["action"],
                                object_type=row["object_type"], object_id=row["object_id"],
                                before=row["before"], after=row["after"])
            if digest != row["hash"]:
                return Break(row["seq"], "its contents do not match its hash (the row was edited)")
            anchor_seen = anchor_seen or digest == expect_head
            expected_prev = row["hash"]
            last_seq = row["seq"]
            walked += 1
    recorded = head(conn)
    if recorded is None:
        if walked:
            return Break(None, f"the head record is missing but {walked} events exist (audit_head was deleted)")
    elif walked == 0:
        return Break(recorded.seq, f"the head names event {recorded.seq} but the trail is empty (events were deleted)")
    elif recorded.seq != last_seq or recorded.hash != expected_prev:
        return Break(recorded.seq, f"the chain ends at event {last_seq} but the head names event {recorded.seq} "
                                   "(events at the end were deleted, or added without the head)")
    elif recorded.count != walked:
        return Break(recorded.seq, f"the head counts {recorded.count} events but the chain has {walked}")
    if not anchor_seen:
        return Break(None, f"the expected head {expect_head} is not in the chain "
                           "(the trail was truncated or rewritten after that hash was noted)")
    return None


@dataclass(slots=True, frozen=True)
class Event:
    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str | None
    object_id: str | None
    before: Any
    after: Any
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "at": self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor": self.actor, "action": self.action, "object_type": self.object_type,
            "object_id": self.object_id, "before": self.before, "after": self.after,
            "prev_hash": self.prev_hash, "hash": self.hash,
        }


def events(conn: Connection, *, objects: list[tuple[str, str]] | None = None, actor: str | None = None,
           action: str | None = None, limit: int | None = None, offset: int = 0,
           newest_first: bool = False) -> Iterator[Event]:
    """Events filtered by object (``[("case", "12")]``), actor or action prefix (``"export."``)."""
    a = schema.audit_events
    query = select(a)
    if objects:
        by_type: dict[str, list[str]] = {}
        for kind, oid in objects:
            by_type.setdefault(kind, []).append(str(oid))
        query = query.where(or_(*(and_(a.c.object_type == k, a.c.object_id.in_(ids)) for k, ids in by_type.items())))
    if actor:
        query = query.where(a.c.actor == actor)
    if action:
        query = query.where(a.c.action.startswith(action, autoescape=True) if action.endswith(".") else a.c.action == action)
    query = query.order_by(a.c.seq.desc() if newest_first else a.c.seq).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execute(query).mappings():
        yield Event(row["seq"], as_utc(row["at"]), row["actor"], row["action"], row["object_type"],  # type: ignore[arg-type]
                    row["object_id"], row["before"], row["after"], row["prev_hash"], row["hash"])
