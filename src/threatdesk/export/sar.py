"""Suspicious-activity export: items mapped to the sixteen ISE-SAR behaviour categories.

The ISE-SAR Functional Standard (v1.5.5) describes suspicious activity by *behaviour*
only, in sixteen categories. Codes here are ``SAR-01`` .. ``SAR-16`` in the order the
standard lists them (Part A, defined criminal activity: 1-7; Part B, activity needing more
information during vetting: 8-16); they are this project's numbering, not a NIEM code
list. The mapping from our labels and signals is a table below, documented in
docs/exports.md: change the two together.

A record carries behaviour, place, time and the handle that wrote it, and nothing about
who anyone is: no field for ethnicity, race, religion, nationality, language, immigration
status or any other trait (a test pins the field list). Non-actionable items (reported
threats, protected speech, benign) and tips whose only basis was someone's identity are
never exported, nor are items of a case closed as unfounded.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from threatdesk import __version__, audit
from threatdesk.errors import UsageError
from threatdesk.export.casedata import iso
from threatdesk.export.redaction import _redact, authorize_unredacted, record_unmask
from threatdesk.export.tables import safe_cell
from threatdesk.labels import Label, is_actionable
from threatdesk.models import Signal, now_utc
from threatdesk.store import Store, as_utc, schema
from threatdesk.store.database import row_to_assessment


@dataclass(slots=True, frozen=True)
class SarCategory:
    number: int
    slug: str
    name: str
    part: str

    @property
    def code(self) -> str:
        return f"SAR-{self.number:02d}"

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "slug": self.slug, "name": self.name, "part": self.part}


SAR_CATEGORIES: tuple[SarCategory, ...] = tuple(SarCategory(n, slug, name, "A" if n <= 7 else "B") for n, (slug, name) in enumerate((
    ("breach_attempted_intrusion", "Breach/Attempted Intrusion"),
    ("misrepresentation", "Misrepresentation"),
    ("theft_loss_diversion", "Theft/Loss/Diversion"),
    ("sabotage_tampering_vandalism", "Sabotage/Tampering/Vandalism"),
    ("cyberattack", "Cyberattack"),
    ("expressed_or_implied_threat", "Expressed or Implied Threat"),
    ("aviation_activity", "Aviation Activity"),
    ("eliciting_information", "Eliciting Information"),
    ("testing_or_probing_of_security", "Testing or Probing of Security"),
    ("recruiting_financing", "Recruiting/Financing"),
    ("photography", "Photography"),
    ("observation_surveillance", "Observation/Surveillance"),
    ("materials_acquisition_storage", "Materials Acquisition/Storage"),
    ("acquisition_of_expertise", "Acquisition of Expertise"),
    ("weapons_collection_discovery", "Weapons Collection/Discovery"),
    ("sector_specific_incident", "Sector-Specific Incident"),
), start=1))
_BY_SLUG = {c.slug: c for c in SAR_CATEGORIES}

#: Primary label -> categories. Paying for violence is recruiting someone to do it.
LABEL_CATEGORIES: dict[Label, tuple[str, ...]] = {
    Label.SOLICIT_KILL: ("expressed_or_implied_threat", "recruiting_financing"),
    Label.SOLICIT_HARM: ("expressed_or_implied_threat", "recruiting_financing"),
    Label.SOLICIT_INTEL: ("eliciting_information",),
    Label.DIRECT_THREAT: ("expressed_or_implied_threat",),
    Label.INCITEMENT: ("expressed_or_implied_threat",),
    Label.DOXXING: ("expressed_or_implied_threat",),
    Label.SURVEILLANCE_REPORT: ("observation_surveillance",),
}

#: solicitation ``act`` -> extra category.
ACT_CATEGORIES: dict[str, str] = {"photos": "photography", "whereabouts": "observation_surveillance"}

#: behaviour signal -> extra category.
BEHAVIOUR_CATEGORIES: dict[str, str] = {"direct_threat": "expressed_or_implied_threat"}

#: Words that name the behaviour itself, for actionable items only.
CUE_CATEGORIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(drones?|dron(?:es)?)\b", re.I), "aviation_activity"),
    (re.compile(r"\b(photos?|pics?|pictures?|fotos?|fotograf\w*)\b", re.I), "photography"),
)

FIELDS = (
    "record_id", "item_id", "case_id", "source", "is_tip", "tip_category", "received_at", "posted_at",
    "place_name", "latitude", "longitude", "label", "priority", "risk", "category_codes", "category_names",
    "summary", "protectee_aliases", "author_handle", "reasons",
)


def categorize(label: Label | str, signals: Sequence[Signal], text: str) -> list[SarCategory]:
    """The categories an item's behaviour falls in (empty for non-actionable items)."""
    if not is_actionable(label):
        return []
    slugs = list(LABEL_CATEGORIES.get(Label(label), ()))
    for s in signals:
        value = s.value if isinstance(s.value, dict) else {}
        if s.kind == "solicitation" and value.get("act") in ACT_CATEGORIES:
            slugs.append(ACT_CATEGORIES[value["act"]])
        if s.kind == "behaviour" and value.get("behaviour") in BEHAVIOUR_CATEGORIES:
            slugs.append(BEHAVIOUR_CATEGORIES[value["behaviour"]])
    for pattern, slug in CUE_CATEGORIES:
        if pattern.search(text):
            slugs.append(slug)
    return sorted({_BY_SLUG[s] for s in slugs}, key=lambda c: c.number)


def sar_records(store: Store, *, since: datetime | None = None, until: datetime | None = None,
                labels: Sequence[str] = (), redacted: bool = True) -> Iterator[dict[str, Any]]:
    """One record per actionable item in the window (by posted time, else received time)."""
    i, a, ci, t, ip = schema.items, schema.assessments, schema.case_items, schema.tips, schema.item_protectees
    c = schema.cases
    when = func.coalesce(i.c.posted_at, i.c.received_at)
    query = (select(i, a, ci.c.case_id, c.c.close_reason, t.c.category.label("tip_category"), t.c.flagged_identity_only)
             .select_from(i.join(a, a.c.item_id == i.c.id).outerjoin(ci, ci.c.item_id == i.c.id)
                          .outerjoin(c, c.c.id == ci.c.case_id).outerjoin(t, t.c.item_id == i.c.id))
             .order_by(when, i.c.id))
    if since:
        query = query.where(when >= since)
    if until:
        query = query.where(when < until)
    if labels:
        query = query.where(a.c.label.in_(list(labels)))
    with store.engine.connect() as conn:
        aliases: dict[str, list[str]] = {}
        for item_id, alias in conn.execute(select(ip.c.item_id, ip.c.alias).order_by(ip.c.alias)):
            aliases.setdefault(item_id, []).append(alias)
        for row in conn.execute(query).mappings():
            if row["flagged_identity_only"] or row["close_reason"] == "unfounded":
                continue
            assessment = row_to_assessment(row)
            categories = categorize(assessment.label, assessment.signals, row["text"])
            if not categories:
                continue
            names = set(aliases.get(row["id"], ()))
            names |= {s.value["alias"] for s in assessment.signals
                      if s.kind == "protectee" and isinstance(s.value, dict) and s.value.get("alias")}
            yield {
                "record_id": f"threatdesk:{row['id']}",
                "item_id": row["id"],
                "case_id": row["case_id"],
                "source": row["source"],
                "is_tip": row["tip_category"] is not None,
                "tip_category": row["tip_category"],
                "received_at": iso(as_utc(row["received_at"])),
                "posted_at": iso(as_utc(row["posted_at"])),
                "place_name": row["place_name"],
                "latitude": row["lat"],
                "longitude": row["lon"],
                "label": str(assessment.label),
                "priority": assessment.priority,
                "risk": assessment.risk,
                "categories": [c.to_json() for c in categories],
                "summary": _redact(row["text"], assessment.signals) if redacted else row["text"],
                "protectee_aliases": sorted(names),
                "author_handle": row["author"],
                "reasons": [r.text for r in assessment.reasons],
            }


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in record.items() if k != "categories"}
    flat["category_codes"] = ";".join(c["code"] for c in record["categories"])
    flat["category_names"] = ";".join(c["name"] for c in record["categories"])
    flat["protectee_aliases"] = ";".join(record["protectee_aliases"])
    flat["reasons"] = "; ".join(record["reasons"])
    return {k: safe_cell(flat[k]) for k in FIELDS}


def write_sar(store: Store, path: str | Path, *, actor: str, since: datetime | None = None,
              until: datetime | None = None, labels: Sequence[str] = (), redacted: bool = True) -> int:
    """Write JSON or CSV by the file's extension (whole or not at all); returns the record count."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("json", "csv"):
        raise UsageError(f"cannot tell the format of {target.name}: name it .json or .csv")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {target.parent} does not exist")
    if not redacted:
        authorize_unredacted(store, actor=actor, what="sar", object_type="export", object_id=None)
    records = list(sar_records(store, since=since, until=until, labels=labels, redacted=redacted))
    fd, tmp = tempfile.mkstemp(prefix=".sar-", suffix=f".{fmt}", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if fmt == "json":
                json.dump({
                    "format": "threatdesk-sar/1", "generated_at": iso(now_utc()), "tool_version": __version__,
                    "standard": "ISE-SAR Functional Standard v1.5.5 behaviour categories (codes are threatdesk's numbering)",
                    "filters": {"since": iso(since), "until": iso(until), "labels": list(labels)},
                    "redacted": redacted, "categories": [c.to_json() for c in SAR_CATEGORIES], "records": records,
                }, fh, ensure_ascii=False, indent=2)
                fh.write("\n")
            else:
                writer = csv.DictWriter(fh, fieldnames=FIELDS)
                writer.writeheader()
                writer.writerows(_csv_row(r) for r in records)
        with store.transaction() as conn:
            if not redacted:
                record_unmask(conn, actor=actor, what="sar", object_type="export", object_id=None)
            audit.record(conn, actor=actor, action="export.sar", object_type="export", object_id=None,
                         after={"file": target.name, "records": len(records), "since": iso(since), "until": iso(until),
                                "labels": list(labels), "redacted": redacted})
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(records)
