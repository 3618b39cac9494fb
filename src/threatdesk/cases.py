"""The case workflow: states, who may move a case where, notes, assignment, merge and split.

    new ──> triage ──> escalated ──> referred ──> closed (actioned | unfounded)
     │        │            │                        │
     └────────┴────────────┴──> closed              └──> triage (reopen)

Every change is written twice in the same transaction: to ``case_changes`` (the case's
own timeline, shown on its page) and to the hash-chained audit trail. Functions take an
open Connection so callers (CLI, web, API, correlation) compose them into one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from threatdesk import audit
from threatdesk import risk as risk_policy
from threatdesk.errors import ConflictError, NotFoundError, UsageError
from threatdesk.labels import ACTIONABLE
from threatdesk.models import CASE_STATUSES, CLOSE_REASONS, Case, now_utc
from threatdesk.store import as_utc, schema

#: Allowed moves, whoever makes them.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("triage", "closed"),
    "triage": ("escalated", "closed"),
    "escalated": ("referred", "triage", "closed"),
    "referred": ("closed",),
    "closed": ("triage",),
}

#: Which role may make which move. Supervisors and admins may make every allowed move.
ROLE_MOVES: dict[str, frozenset[tuple[str, str]]] = {
    "analyst": frozenset({("new", "triage"), ("new", "closed"), ("triage", "closed")}),
}
ROLES = ("analyst", "supervisor", "auditor", "admin")

#: How soon a case must be looked at, by priority. P4 is a record: no due time.
DUE_AFTER: dict[str, timedelta | None] = {
    "P1": timedelta(hours=1),
    "P2": timedelta(hours=24),
    "P3": timedelta(days=7),
    "P4": None,
}


#: Item ids per ``IN (...)`` query.
_IN_CHUNK = 5000


def allowed_moves(status: str, role: str = "supervisor") -> tuple[str, ...]:
    """The states a user of ``role`` may move a case to from ``status`` (for buttons)."""
    if role == "auditor":
        return ()
    moves = TRANSITIONS.get(status, ())
    if role in ROLE_MOVES:
        moves = tuple(m for m in moves if (status, m) in ROLE_MOVES[role])
    return moves


def due_for(priority: str, start: datetime) -> datetime | None:
    after = DUE_AFTER.get(priority)
    return start + after if after else None


@dataclass(slots=True)
class CaseItem:
    item_id: str
    text: str
    author: str | None
    posted_at: datetime | None
    label: str | None
    risk: int | None
    priority: str | None
    reasons: list[dict[str, Any]] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class CaseView:
    case: Case
    items: list[CaseItem]
    notes: list[dict[str, Any]]
    changes: list[dict[str, Any]]


def _change(conn: Connection, case_id: int, actor: str, action: str, detail: dict[str, Any],
            before: Any = None, after: Any = None) -> None:
    at = now_utc()
    conn.execute(insert(schema.case_changes).values(case_id=case_id, actor=actor, action=action, detail=detail, at=at))
    audit.record(conn, actor=actor, action=f"case.{action}", object_type="case", object_id=case_id,
                 before=before, after=after if after is not None else detail)


def record_change(conn: Connection, case_id: int, actor: str, action: str, detail: dict[str, Any]) -> None:
    """Write a change made outside this module (correlation) to the case timeline and the audit trail."""
    _change(conn, case_id, actor, action, detail)


def _row(conn: Connection, case_id: int) -> dict[str, Any]:
    row = conn.execute(select(schema.cases).where(schema.cases.c.id == case_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no case {case_id}", hint="threatdesk cases list shows the cases")
    return dict(row)


def _case(conn: Connection, row: dict[str, Any]) -> Case:
    ci, ip = schema.case_items, schema.item_protectees
    item_ids = list(conn.execute(select(ci.c.item_id).where(ci.c.case_id == row["id"]).order_by(ci.c.added_at, ci.c.item_id)).scalars())
    # a join, not a list of ids: a case may hold more items than a query may carry parameters
    aliases = sorted(set(conn.execute(select(ip.c.alias).join(ci, ci.c.item_id == ip.c.item_id)
                                      .where(ci.c.case_id == row["id"]).distinct()).scalars()))
    return Case(
        id=row["id"], title=row["title"], status=row["status"], priority=row["priority"], risk=row["risk"],
        assignee=row["assignee"], close_reason=row["close_reason"], item_ids=item_ids, protectees=aliases,
        created_at=as_utc(row["created_at"]), updated_at=as_utc(row["updated_at"]), due_at=as_utc(row["due_at"]),
    )


def refresh(conn: Connection, case_id: int) -> None:
    """A case ranks as its most urgent actionable item, plus the weight of its case-level signals.

    Reported threats (news about a threat) are linked to a case but never rank it, unless
    the case holds nothing else. Case-level signals (fixation, energy burst, reposts; see
    ``threatdesk.correlate``) add their weight to the best item's risk.
    """
    a, ci, cs = schema.assessments, schema.case_items, schema.case_signals
    base = select(func.max(a.c.risk), func.min(a.c.priority)).join(ci, ci.c.item_id == a.c.item_id).where(ci.c.case_id == case_id)
    risk, priority = conn.execute(base.where(a.c.label.in_([str(label) for label in ACTIONABLE]))).one()
    if risk is None:
        risk, priority = conn.execute(base).one()
    bonus = conn.execute(select(func.coalesce(func.sum(cs.c.weight), 0)).where(cs.c.case_id == case_id)).scalar_one()
    risk = min(100, (risk or 0) + int(bonus)) if risk is not None else 0
    priority = min(priority or "P4", risk_policy.priority_for(risk))
    row = _row(conn, case_id)
    values: dict[str, Any] = {"risk": risk, "priority": priority, "updated_at": now_utc()}
    if priority != row["priority"] and row["status"] != "closed":
        values["due_at"] = due_for(priority, as_utc(row["created_at"]) or now_utc())
    conn.execute(update(schema.cases).where(schema.cases.c.id == case_id).values(**values))


def create(conn: Connection, *, title: str, item_ids: list[str], actor: str, reason: str | None = None) -> int:
    """Open a case over items that are in no case yet (items already in a case are moved)."""
    if not item_ids:
        raise UsageError("a case needs at least one item")
    at = now_utc()
    case_id = conn.execute(
        insert(schema.cases).values(title=title[:512], status="new", priority="P4", risk=0, created_at=at, updated_at=at)
    ).inserted_primary_key[0]
    _attach(conn, case_id, item_ids, at)
    refresh(conn, case_id)
    _change(conn, case_id, actor, "create", {"items": sorted(item_ids), "reason": reason})
    return int(case_id)


def _attach(conn: Connection, case_id: int, item_ids: list[str], at: datetime) -> list[int]:
    """Put items into a case; returns the cases they were taken from."""
    ci = schema.case_items
    previous: set[int] = set()
    for start in range(0, len(item_ids), _IN_CHUNK):  # a query carries at most so many parameters (SQLite: 32,766)
        chunk = item_ids[start:start + _IN_CHUNK]
        previous.update(conn.execute(select(ci.c.case_id).where(ci.c.item_id.in_(chunk))).scalars())
        conn.execute(delete(ci).where(ci.c.item_id.in_(chunk)))
    conn.execute(insert(ci), [{"case_id": case_id, "item_id": i, "added_at": at} for i in dict.fromkeys(item_ids)])
    return sorted(previous - {case_id})


def get(conn: Connection, case_id: int) -> Case:
    return _case(conn, _row(conn, case_id))


def view(conn: Connection, case_id: int) -> CaseView:
    """Everything a case page shows: items with their assessments, notes, timeline."""
    case = get(conn, case_id)
    i, a = schema.items, schema.assessments
    rows = conn.execute(
        select(i.c.id, i.c.text, i.c.author, i.c.posted_at, a.c.label, a.c.risk, a.c.priority, a.c.reasons, a.c.signals)
        .select_from(i.outerjoin(a, a.c.item_id == i.c.id)).where(i.c.id.in_(select(schema.case_items.c.item_id).where(schema.case_items.c.case_id == case_id)))
        .order_by(i.c.posted_at, i.c.id)
    ).all()
    items = [CaseItem(r[0], r[1], r[2], as_utc(r[3]), r[4], r[5], r[6], r[7] or [], r[8] or []) for r in rows]
    n, c = schema.case_notes, schema.case_changes
    notes = [dict(r) for r in conn.execute(select(n).where(n.c.case_id == case_id).order_by(n.c.created_at, n.c.id)).mappings()]
    changes = [dict(r) for r in conn.execute(select(c).where(c.c.case_id == case_id).order_by(c.c.at, c.c.id)).mappings()]
    return CaseView(case, items, notes, changes)


def list_cases(conn: Connection, *, status: list[str] | None = None, priority: list[str] | None = None,
               assignee: str | None = None, limit: int = 25, offset: int = 0) -> list[Case]:
    """Open work first: by priority, then risk, then most recently changed."""
    c = schema.cases
    query = select(c)
    if status:
        query = query.where(c.c.status.in_(status))
    if priority:
        query = query.where(c.c.priority.in_(priority))
    if assignee:
        query = query.where(c.c.assignee == assignee)
    query = query.order_by((c.c.status == "closed"), c.c.priority, c.c.risk.desc(), c.c.updated_at.desc(), c.c.id).limit(limit).offset(offset)
    return [_case(conn, dict(r)) for r in conn.execute(query).mappings()]


def transition(conn: Connection, case_id: int, to: str, *, actor: str, role: str = "supervisor",
               close_reason: str | None = None) -> Case:
    """Move a case, enforcing the allowed transitions and the actor's role."""
    if to not in CASE_STATUSES:
        raise UsageError(f"unknown state {to!r}", hint=f"use one of: {', '.join(CASE_STATUSES)}")
    row = _row(conn, case_id)
    current = row["status"]
    if to not in TRANSITIONS[current]:
        allowed = ", ".join(TRANSITIONS[current])
        raise ConflictError(f"case {case_id} is {current}: it can move to {allowed}, not {to}")
    if to not in allowed_moves(current, role):
        raise ConflictError(f"a {role} cannot move a case from {current} to {to}", hint="ask a supervisor")
    if to == "closed":
        if close_reason not in CLOSE_REASONS:
            raise UsageError("closing a case needs a reason", hint="actioned or unfounded")
    elif close_reason is not None:
        raise UsageError("only closing takes a reason")
    values: dict[str, Any] = {"status": to, "close_reason": close_reason, "updated_at": now_utc()}
    if current == "closed":
        values["due_at"] = due_for(row["priority"], now_utc())
    conn.execute(update(schema.cases).where(schema.cases.c.id == case_id).values(**values))
    _change(conn, case_id, actor, "transition", {"from": current, "to": to, "close_reason": close_reason},
            before={"status": current}, after={"status": to, "close_reason": close_reason})
    return get(conn, case_id)


def assign(conn: Connection, case_id: int, assignee: str | None, *, actor: str) -> Case:
    row = _row(conn, case_id)
    conn.execute(update(schema.cases).where(schema.cases.c.id == case_id).values(assignee=assignee, updated_at=now_utc()))
    _change(conn, case_id, actor, "assign", {"assignee": assignee}, before={"assignee": row["assignee"]})
    return get(conn, case_id)


def add_note(conn: Connection, case_id: int, text: str, *, actor: str) -> int:
    _row(conn, case_id)
    if not text.strip():
        raise UsageError("a note needs text")
    note_id = conn.execute(
        insert(schema.case_notes).values(case_id=case_id, author=actor, text=text, created_at=now_utc())
    ).inserted_primary_key[0]
    conn.execute(update(schema.cases).where(schema.cases.c.id == case_id).values(updated_at=now_utc()))
    _change(conn, case_id, actor, "note", {"note_id": int(note_id), "chars": len(text)})
    return int(note_id)


def move_items(conn: Connection, item_ids: list[str], to_case: int, *, actor: str) -> Case:
    """Move items from wherever they are into ``to_case``; cases left empty are closed as merged-away."""
    _row(conn, to_case)
    known = set(conn.execute(select(schema.items.c.id).where(schema.items.c.id.in_(item_ids))).scalars())
    if missing := [i for i in item_ids if i not in known]:
        raise NotFoundError(f"no item {missing[0]}")
    sources = _attach(conn, to_case, item_ids, now_utc())
    for source in sources:
        _change(conn, source, actor, "move_out", {"items": sorted(item_ids), "to": to_case})
        _close_if_empty(conn, source, actor, into=to_case)
    refresh(conn, to_case)
    _change(conn, to_case, actor, "move_in", {"items": sorted(item_ids), "from": sources})
    return get(conn, to_case)


def _close_if_empty(conn: Connection, case_id: int, actor: str, *, into: int) -> None:
    ci = schema.case_items
    if conn.execute(select(func.count()).select_from(ci).where(ci.c.case_id == case_id)).scalar_one():
        refresh(conn, case_id)
        return
    conn.execute(update(schema.cases).where(schema.cases.c.id == case_id)
                 .values(status="closed", close_reason="actioned", updated_at=now_utc(), due_at=None))
    _change(conn, case_id, actor, "merged_away", {"into": into})


def merge(conn: Connection, target: int, sources: list[int], *, actor: str) -> Case:
    """Fold other cases into ``target``: their items move, their notes stay on their own timeline."""
    ci = schema.case_items
    for source in sources:
        if source == target:
            raise UsageError("cannot merge a case into itself")
        _row(conn, source)
        item_ids = list(conn.execute(select(ci.c.item_id).where(ci.c.case_id == source)).scalars())
        if item_ids:
            move_items(conn, item_ids, target, actor=actor)
        else:
            _close_if_empty(conn, source, actor, into=target)
    _change(conn, target, actor, "merge", {"sources": sources})
    return get(conn, target)


def split(conn: Connection, case_id: int, item_ids: list[str], *, actor: str, title: str | None = None) -> int:
    """Take some items out of a case into a new one; the rest stay."""
    case = get(conn, case_id)
    if not set(item_ids) <= set(case.item_ids):
        raise UsageError(f"not every item given is in case {case_id}")
    if set(item_ids) == set(case.item_ids):
        raise UsageError("splitting off every item would leave an empty case", hint="move fewer items")
    new_id = create(conn, title=title or f"Split from case {case_id}: {case.title}", item_ids=item_ids, actor=actor,
                    reason=f"split from case {case_id}")
    refresh(conn, case_id)
    _change(conn, case_id, actor, "split", {"items": sorted(item_ids), "to": new_id})
    return new_id
