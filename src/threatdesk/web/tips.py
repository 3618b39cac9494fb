"""Public tips: from the form to an Item in the same pipeline and store as every other item.

A tip is anonymous unless the tipster adds contact details. It becomes an ``Item`` with
source ``tipline`` whose text is what the tipster wrote (what, where, when), assessed by
the same ``Pipeline`` and stored by the same ``Store.write_batch``, so it shows in the
queue like anything else. Contact details stay out of the text (they are kept in the raw
record for the analyst who follows up). The tipster gets a receipt code; only its SHA-256
is stored, and it is the only way to add to the tip later.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import insert, select

from threatdesk import audit, cases
from threatdesk.errors import UsageError
from threatdesk.models import Assessment, Item, Place, Reason, now_utc
from threatdesk.pipeline import Pipeline
from threatdesk.store import Store, schema
from threatdesk.web.tipcheck import CATEGORY_VALUES, identity_only

LIMITS = {"what": 2000, "where": 200, "when": 120, "contact": 200, "more": 2000}
_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
IDENTITY_REASON = ("identity_only", "tip rests only on a person's identity or lawful protest: recorded, not escalated")


@dataclass(slots=True, frozen=True)
class TipForm:
    category: str
    what: str
    where: str = ""
    when: str = ""
    contact: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True, frozen=True)
class TipResult:
    receipt: str
    item_id: str
    flagged_identity_only: bool


def new_receipt() -> str:
    """16 characters from a 30-letter alphabet (78 bits): unguessable, easy to read aloud."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def receipt_hash(receipt: str) -> str:
    canonical = "".join(c for c in receipt.upper() if c.isalnum())
    return hashlib.sha256(canonical.encode()).hexdigest()


def validate(form: TipForm) -> list[str]:
    problems = []
    if form.category not in CATEGORY_VALUES:
        problems.append("choose what kind of behaviour you saw")
    if len(form.what.strip()) < 10:
        problems.append("describe what happened (at least a sentence)")
    for name in ("what", "where", "when", "contact"):
        if len(getattr(form, name)) > LIMITS[name]:
            problems.append(f"'{name}' is too long (at most {LIMITS[name]} characters)")
    if (form.lat is None) != (form.lon is None):
        problems.append("give both latitude and longitude, or neither")
    if form.lat is not None and form.lon is not None and not (-90 <= form.lat <= 90 and -180 <= form.lon <= 180):
        problems.append("the coordinates are out of range")
    return problems


def tip_text(form: TipForm) -> str:
    parts = [form.what.strip()]
    if form.where.strip():
        parts.append(f"Where: {form.where.strip()}")
    if form.when.strip():
        parts.append(f"When: {form.when.strip()}")
    return "\n".join(parts)


def cap_identity_only(assessment: Assessment) -> Assessment:
    """P4, and a risk below P3's floor, with a reason line that says why (the breakdown still sums)."""
    from threatdesk.risk import PRIORITY_THRESHOLDS

    ceiling = min(floor for _, floor in PRIORITY_THRESHOLDS) - 1
    capped = min(assessment.risk, ceiling)
    reason = Reason(IDENTITY_REASON[0], IDENTITY_REASON[1], capped - assessment.risk)
    return dataclasses.replace(assessment, risk=capped, priority="P4", reasons=(*assessment.reasons, reason))


def submit(store: Store, pipeline: Pipeline, form: TipForm) -> TipResult:
    problems = validate(form)
    if problems:
        raise UsageError("; ".join(problems))
    receipt = new_receipt()
    digest = receipt_hash(receipt)
    place = None
    if form.where.strip() or form.lat is not None:
        place = Place(name=form.where.strip()[:256] or None, lat=form.lat, lon=form.lon)
    now = now_utc()
    raw = json.dumps({"category": form.category, "what": form.what, "where": form.where, "when": form.when,
                      "contact": form.contact or None, "lat": form.lat, "lon": form.lon}, ensure_ascii=False)
    item = Item.from_text(tip_text(form), source="tipline", external_id=f"tip-{digest[:16]}", posted_at=now,
                          place=place)
    item = dataclasses.replace(item, received_at=now, raw=raw)
    flagged = identity_only(form.what, form.where)
    assessment = pipeline.assess(item)
    if flagged:
        assessment = cap_identity_only(assessment)
    store.write_batch([item], [assessment])
    with store.transaction() as conn:
        conn.execute(insert(schema.tips).values(receipt_hash=digest, item_id=item.id, category=form.category,
                                                flagged_identity_only=flagged, created_at=now))
        audit.record(conn, actor="public", action="tip.create", object_type="item", object_id=item.id,
                     after={"category": form.category, "flagged_identity_only": flagged, "priority": assessment.priority})
    return TipResult(receipt, item.id, flagged)


def follow_up(store: Store, pipeline: Pipeline, receipt: str, more: str) -> str:
    """Add to an earlier tip: a new tipline item, put into the first tip's case when it has one."""
    more = more.strip()
    if len(more) < 5 or len(more) > LIMITS["more"]:
        raise UsageError(f"write between 5 and {LIMITS['more']} characters")
    digest = receipt_hash(receipt)
    t = schema.tips
    with store.engine.connect() as conn:
        row = conn.execute(select(t.c.item_id, t.c.category, t.c.flagged_identity_only)
                           .where(t.c.receipt_hash == digest)).first()
    if row is None:
        raise UsageError("that receipt code is not known", hint="check it and try again")
    first_item, category, flagged = row
    now = now_utc()
    item = Item.from_text(more, source="tipline", external_id=f"tip-{digest[:16]}-{secrets.token_hex(4)}", posted_at=now)
    item = dataclasses.replace(item, received_at=now,
                               raw=json.dumps({"follow_up_to": first_item, "category": category, "more": more},
                                              ensure_ascii=False))
    assessment = pipeline.assess(item)
    if flagged or identity_only(more):
        assessment = cap_identity_only(assessment)
    store.write_batch([item], [assessment])
    with store.transaction() as conn:
        audit.record(conn, actor="public", action="tip.follow_up", object_type="item", object_id=item.id,
                     after={"follow_up_to": first_item})
        ci = schema.case_items
        case_id = conn.execute(select(ci.c.case_id).where(ci.c.item_id == first_item)).scalar()
        if case_id is not None:
            cases.move_items(conn, [item.id], int(case_id), actor="tipline")
    return item.id
