"""Retention: forget what the desk has no reason to keep, and say so in the audit trail.

Two rules, applied to items received more than N days ago (``DEFAULT_DAYS``, or
THREATDESK_RETENTION_DAYS, or ``--days``):

- ``unfounded``: the item belongs to a case closed as unfounded;
- ``non_actionable``: the item's label is reported_threat, protected_speech or benign and
  it belongs to no case at all (an item in an open case, or in a case closed as actioned,
  is evidence and is kept whatever its label).

Purging deletes the item row; its assessment, case link, protectee matches and tip
receipt go with it (foreign keys cascade). Each purge leaves a tombstone event,
``retention.purge``, that says which item, its content hash, the SHA-256 of its raw record,
the rule and the cut-off, never a word of its content. Batches commit whole, tombstones
with them, so an interrupted run leaves no item deleted without its tombstone.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, exists, select

from threatdesk import audit
from threatdesk.errors import ConfigError, UsageError
from threatdesk.labels import Label
from threatdesk.models import now_utc
from threatdesk.store import Store, schema

DEFAULT_DAYS = 365
ENV = "THREATDESK_RETENTION_DAYS"
NON_ACTIONABLE = (Label.REPORTED_THREAT, Label.PROTECTED_SPEECH, Label.BENIGN)
RULES = ("unfounded", "non_actionable")
_BATCH = 500


def retention_days(days: int | None = None) -> int:
    """``days`` if given, else THREATDESK_RETENTION_DAYS, else DEFAULT_DAYS; a bad setting stops."""
    if days is None:
        setting = os.environ.get(ENV)
        if setting is None or setting == "":
            return DEFAULT_DAYS
        try:
            days = int(setting)
        except ValueError:
            raise ConfigError(f"{ENV}={setting!r} is not a whole number of days", hint=f"unset it for {DEFAULT_DAYS}") from None
    if days < 1:
        raise UsageError(f"retention of {days} days would purge today's items: give at least 1")
    return days


@dataclass(slots=True)
class RetentionReport:
    days: int
    cutoff: datetime
    dry_run: bool
    purged: Counter[str] = field(default_factory=Counter)
    item_ids: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"days": self.days, "cutoff": self.cutoff.isoformat().replace("+00:00", "Z"), "dry_run": self.dry_run,
                "purged": {rule: self.purged.get(rule, 0) for rule in RULES}, "total": sum(self.purged.values())}


def candidates(conn: Connection, cutoff: datetime) -> list[tuple[str, str]]:
    """(item id, rule) for every item the rules would purge, oldest first; unfounded wins a tie."""
    i, a, ci, c = schema.items, schema.assessments, schema.case_items, schema.cases
    old = i.c.received_at < cutoff
    unfounded = (select(i.c.id).select_from(i.join(ci, ci.c.item_id == i.c.id).join(c, c.c.id == ci.c.case_id))
                 .where(old, c.c.status == "closed", c.c.close_reason == "unfounded").order_by(i.c.received_at, i.c.id))
    in_case = exists().where(ci.c.item_id == i.c.id)
    loose = (select(i.c.id).select_from(i.join(a, a.c.item_id == i.c.id))
             .where(and_(old, a.c.label.in_([str(x) for x in NON_ACTIONABLE]), ~in_case))
             .order_by(i.c.received_at, i.c.id))
    found: dict[str, str] = {}
    for item_id in conn.execute(unfounded).scalars():
        found.setdefault(item_id, "unfounded")
    for item_id in conn.execute(loose).scalars():
        found.setdefault(item_id, "non_actionable")
    return list(found.items())


def apply(store: Store, *, days: int | None = None, dry_run: bool = False, actor: str = "retention") -> RetentionReport:
    """Purge (or with ``dry_run`` only count) what the rules select; returns counts per rule."""
    days = retention_days(days)
    cutoff = now_utc() - timedelta(days=days)
    report = RetentionReport(days=days, cutoff=cutoff, dry_run=dry_run)
    with store.engine.connect() as conn:
        chosen = candidates(conn, cutoff)
    for item_id, rule in chosen:
        report.item_ids.setdefault(rule, []).append(item_id)
    if dry_run:
        report.purged.update(rule for _, rule in chosen)
        return report
    i, a, ci = schema.items, schema.assessments, schema.case_items
    for start in range(0, len(chosen), _BATCH):
        batch = dict(chosen[start:start + _BATCH])
        with store.transaction() as conn:
            rows = conn.execute(
                select(i.c.id, i.c.content_sha256, i.c.raw, i.c.received_at, a.c.label, ci.c.case_id)
                .select_from(i.outerjoin(a, a.c.item_id == i.c.id).outerjoin(ci, ci.c.item_id == i.c.id))
                .where(i.c.id.in_(list(batch)))
            ).mappings().all()
            for row in rows:
                rule = batch[row["id"]]
                audit.record(conn, actor=actor, action="retention.purge", object_type="item", object_id=row["id"],
                             before={"content_sha256": row["content_sha256"],
                                     "raw_sha256": hashlib.sha256(row["raw"].encode()).hexdigest() if row["raw"] is not None else None,
                                     "label": row["label"], "case_id": row["case_id"]},
                             after={"rule": rule, "days": days, "cutoff": report.to_json()["cutoff"]})
                report.purged[rule] += 1
            conn.execute(i.delete().where(i.c.id.in_([r["id"] for r in rows])))
    with store.transaction() as conn:
        audit.record(conn, actor=actor, action="retention.apply", object_type="retention", object_id=None,
                     after=report.to_json())
    return report
