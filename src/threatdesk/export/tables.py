"""The queue or the case list as CSV, with the same filters as the screens.

Text is redacted by default. Every free-text cell is made safe for spreadsheets: a value
that starts with ``= + - @`` or a control character gets a leading apostrophe, so opening
the file cannot run a formula an author planted in a message.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from threatdesk import audit
from threatdesk.errors import UsageError
from threatdesk.export.casedata import CaseView, iso, load_case
from threatdesk.export.redaction import _redact, authorize_unredacted, record_unmask
from threatdesk.models import Signal
from threatdesk.store import QueueFilter, Store, as_utc, schema

QUEUE_FIELDS = ("item_id", "priority", "risk", "label", "status", "case_id", "posted_at", "source", "author", "place", "text")
CASE_FIELDS = ("case_id", "title", "status", "close_reason", "priority", "risk", "assignee", "items",
               "created_at", "updated_at", "due_at")
_PAGE = 1000


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value and (value[0] in "=+-@" or value[0] in "\t\r"):
        return "'" + value
    return value


def _check_target(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise UsageError(f"{target.name}: these exports are CSV, name the file .csv")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {target.parent} does not exist")
    return target


def _write(store: Store, target: Path, fields: Sequence[str], rows: list[dict[str, Any]], *, actor: str,
           action: str, after: dict[str, Any], redacted: bool) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(fields))
            writer.writeheader()
            writer.writerows({k: safe_cell(r[k]) for k in fields} for r in rows)
        with store.transaction() as conn:
            if not redacted:
                record_unmask(conn, actor=actor, what=action.removeprefix("export."), object_type="export", object_id=None)
            audit.record(conn, actor=actor, action=action, object_type="export", object_id=None,
                         after={"file": target.name, "rows": len(rows), "redacted": redacted, **after})
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _filters_json(flt: QueueFilter) -> dict[str, Any]:
    return {"label": list(flt.label), "priority": list(flt.priority), "status": list(flt.status),
            "protectee": flt.protectee, "place": flt.place, "since": iso(flt.since), "until": iso(flt.until)}


def write_queue_csv(store: Store, path: str | Path, flt: QueueFilter | None = None, *, actor: str,
                    redacted: bool = True) -> int:
    """Every queue row that matches ``flt``, in queue order; returns the row count."""
    target = _check_target(path)
    flt = flt or QueueFilter()
    if not redacted:
        authorize_unredacted(store, actor=actor, what="queue", object_type="export", object_id=None)
    rows = []
    offset = 0
    while True:
        page = store.queue(flt, limit=_PAGE, offset=offset)
        rows.extend(page)
        if len(page) < _PAGE:
            break
        offset += _PAGE
    signals: dict[str, list[Signal]] = {}
    if redacted and rows:
        a = schema.assessments
        ids = [r.item_id for r in rows]
        with store.engine.connect() as conn:
            for start in range(0, len(ids), _PAGE):
                for item_id, sigs in conn.execute(select(a.c.item_id, a.c.signals).where(a.c.item_id.in_(ids[start:start + _PAGE]))):
                    signals[item_id] = [Signal.from_json(s) for s in sigs]
    out = [{
        "item_id": r.item_id, "priority": r.priority, "risk": r.risk, "label": r.label, "status": r.status,
        "case_id": r.case_id, "posted_at": iso(r.posted_at), "source": r.source, "author": r.author, "place": r.place,
        "text": _redact(r.text, signals.get(r.item_id, ())) if redacted else r.text,
    } for r in rows]
    _write(store, target, QUEUE_FIELDS, out, actor=actor, action="export.queue",
           after={"filters": _filters_json(flt)}, redacted=redacted)
    return len(out)


def write_cases_csv(store: Store, path: str | Path, *, actor: str, status: Sequence[str] = (),
                    priority: Sequence[str] = (), assignee: str | None = None, redacted: bool = True) -> int:
    """The case list (most urgent first) with the given filters; returns the row count.

    Case titles are written by analysts and may quote a message, so when redacting they
    are scrubbed of the personal data the case's items' signals found.
    """
    target = _check_target(path)
    if not redacted:
        authorize_unredacted(store, actor=actor, what="cases", object_type="export", object_id=None)
    c, ci = schema.cases, schema.case_items
    count = select(func.count()).where(ci.c.case_id == c.c.id).scalar_subquery()
    query = select(c, count.label("items")).order_by(c.c.priority, c.c.risk.desc(), c.c.id)
    if status:
        query = query.where(c.c.status.in_(list(status)))
    if priority:
        query = query.where(c.c.priority.in_(list(priority)))
    if assignee:
        query = query.where(c.c.assignee == assignee)
    out = []
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings().all():
            title = row["title"]
            if redacted:
                title = CaseView(load_case(conn, row["id"]), redacted=True).free(title)
            out.append({
                "case_id": row["id"], "title": title, "status": row["status"], "close_reason": row["close_reason"],
                "priority": row["priority"], "risk": row["risk"], "assignee": row["assignee"], "items": row["items"],
                "created_at": iso(as_utc(row["created_at"])), "updated_at": iso(as_utc(row["updated_at"])),
                "due_at": iso(as_utc(row["due_at"])),
            })
    _write(store, target, CASE_FIELDS, out, actor=actor, action="export.cases",
           after={"filters": {"status": list(status), "priority": list(priority), "assignee": assignee}},
           redacted=redacted)
    return len(out)
