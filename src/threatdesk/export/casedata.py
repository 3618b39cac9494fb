"""What a case export reads: the case, its items and assessments, notes and audit events.

Read in one connection so the bundle, the STIX file and the manifest's audit head all
describe the same moment. ``CaseView`` applies redaction once, so every export format
masks the same strings the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from threatdesk import audit
from threatdesk.errors import NotFoundError
from threatdesk.export.redaction import _redact, redact_signal, scrub, sensitive_strings
from threatdesk.models import Assessment, Item
from threatdesk.store import as_utc, schema
from threatdesk.store.database import row_to_assessment, row_to_item


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


@dataclass(slots=True)
class CaseData:
    case: dict[str, Any]
    items: list[Item]
    assessments: dict[str, Assessment]
    notes: list[dict[str, Any]]
    events: list[audit.Event]
    protectees: dict[str, list[str]] = field(default_factory=dict)  # item id -> aliases
    head: audit.Head | None = None

    @property
    def id(self) -> int:
        return int(self.case["id"])

    def aliases(self) -> list[str]:
        return sorted({a for names in self.protectees.values() for a in names})


def load_case(conn: Connection, case_id: int) -> CaseData:
    c, ci, i, a, n, ip = (schema.cases, schema.case_items, schema.items, schema.assessments,
                          schema.case_notes, schema.item_protectees)
    row = conn.execute(select(c).where(c.c.id == case_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"no case {case_id}", hint="see the case ids with 'threatdesk export cases' or the web app")
    case = {k: (iso(as_utc(v)) if isinstance(v, datetime) else v) for k, v in row.items()}
    ids = list(conn.execute(select(ci.c.item_id).where(ci.c.case_id == case_id).order_by(ci.c.added_at, ci.c.item_id)).scalars())
    items = [row_to_item(r) for r in conn.execute(select(i).where(i.c.id.in_(ids))).mappings()]
    items.sort(key=lambda it: ids.index(it.id))
    assessments = {r["item_id"]: row_to_assessment(r) for r in conn.execute(select(a).where(a.c.item_id.in_(ids))).mappings()}
    protectees: dict[str, list[str]] = {}
    for item_id, alias in conn.execute(select(ip.c.item_id, ip.c.alias).where(ip.c.item_id.in_(ids))):
        protectees.setdefault(item_id, []).append(alias)
    for item_id, assessment in assessments.items():
        for s in assessment.signals:
            if s.kind == "protectee" and isinstance(s.value, dict) and s.value.get("alias"):
                protectees.setdefault(item_id, []).append(s.value["alias"])
    protectees = {k: sorted(set(v)) for k, v in protectees.items()}
    notes = [
        {"id": r["id"], "author": r["author"], "created_at": iso(as_utc(r["created_at"])), "text": r["text"]}
        for r in conn.execute(select(n).where(n.c.case_id == case_id).order_by(n.c.created_at, n.c.id)).mappings()
    ]
    objects = [("case", str(case_id))] + [("item", item_id) for item_id in ids]
    return CaseData(case=case, items=items, assessments=assessments, notes=notes,
                    events=list(audit.events(conn, objects=objects)), protectees=protectees, head=audit.head(conn))


class CaseView:
    """The case as an export shows it: redacted unless ``redacted`` is False."""

    def __init__(self, data: CaseData, *, redacted: bool = True) -> None:
        self.data = data
        self.redacted = redacted
        self._strings: dict[str, str] = {}
        for item in data.items:
            assessment = data.assessments.get(item.id)
            if assessment:
                self._strings.update(sensitive_strings(item.text, assessment.signals))

    def text(self, item: Item) -> str:
        if not self.redacted:
            return item.text
        assessment = self.data.assessments.get(item.id)
        return scrub(_redact(item.text, assessment.signals if assessment else ()), self._strings)

    def free(self, value: str | None) -> str | None:
        """Text with no signals of its own (title, note, raw record), scrubbed of the case's personal data."""
        if value is None or not self.redacted:
            return value
        return scrub(value, self._strings)

    def item_json(self, item: Item) -> dict[str, Any]:
        return {**item.to_json(), "text": self.text(item)}

    def assessment_json(self, assessment: Assessment) -> dict[str, Any]:
        data = assessment.to_json()
        if self.redacted:
            data["signals"] = [redact_signal(s) for s in data["signals"]]
        return data
