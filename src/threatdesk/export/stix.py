"""A case as a STIX 2.1 bundle, built and checked with the ``stix2`` library.

Objects (docs/exports.md has the full mapping):

- ``report``: the case, referring to every other object;
- ``identity`` (individual): one per protectee *alias*, never a name;
- ``threat-actor``: one per author handle of an actionable item (a news outlet reporting a
  threat is not an actor), described as a handle, never resolved to a person;
- ``location``: places the items name (place signals) or the source attached, referenced
  by the note on that item. Deliberately never related to a threat-actor or identity with
  ``located-at``: the desk does not locate people;
- ``note``: one per item (redacted text, label, risk and reasons) and one per case note;
- ``relationship``: threat-actor ``targets`` identity, for each item that names a protectee.

Every object carries the chosen TLP marking (TLP:AMBER unless told otherwise) and is
created by a ``threatdesk`` system identity. Ids are UUIDv5 of the case and object, so
exporting a case twice names its objects alike.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

import stix2
from stix2 import v21

from threatdesk import audit
from threatdesk.errors import UsageError
from threatdesk.export.casedata import CaseData, CaseView, load_case
from threatdesk.export.redaction import authorize_unredacted, record_unmask
from threatdesk.labels import is_actionable
from threatdesk.models import now_utc
from threatdesk.store import Store

#: TLP 1.0 markings as the stix2 library defines them; "clear" is TLP 2.0's name for white.
TLP_CHOICES: dict[str, Any] = {
    "clear": v21.TLP_WHITE, "white": v21.TLP_WHITE, "green": v21.TLP_GREEN,
    "amber": v21.TLP_AMBER, "red": v21.TLP_RED,
}
DEFAULT_TLP = "amber"
_NAMESPACE = uuid.UUID("5f3c1a4e-7d1b-4b8e-9a63-2f1de0c0a7b1")


def _id(kind: str, *parts: object) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, '/'.join(str(p) for p in parts))}"


def _locations(view: CaseView, item_id: str) -> list[dict[str, Any]]:
    """Places with coordinates: the item's named places first, then where the source put it."""
    data = view.data
    found: list[dict[str, Any]] = []
    assessment = data.assessments.get(item_id)
    for s in assessment.signals if assessment else ():
        v = s.value if isinstance(s.value, dict) else {}
        if s.kind == "place" and v.get("lat") is not None and v.get("lon") is not None:
            found.append({"name": v.get("name"), "lat": v["lat"], "lon": v["lon"], "why": f"named in the item ({v.get('kind')})"})
    item = next(i for i in data.items if i.id == item_id)
    if item.place and item.place.lat is not None and item.place.lon is not None:
        found.append({"name": item.place.name, "lat": item.place.lat, "lon": item.place.lon, "why": "as the source gave it"})
    return found


def case_to_stix(data: CaseData, *, redacted: bool = True, tlp: str = DEFAULT_TLP) -> v21.Bundle:
    """Build the bundle; raises UsageError for an unknown TLP level."""
    if tlp not in TLP_CHOICES:
        raise UsageError(f"unknown TLP level {tlp!r}: choose one of {', '.join(TLP_CHOICES)}")
    marking = TLP_CHOICES[tlp]
    view = CaseView(data, redacted=redacted)
    cid = data.id
    common = {"object_marking_refs": [marking.id]}
    tool = v21.Identity(id=_id("identity", "threatdesk"), name="threatdesk", identity_class="system",
                        description="protective-intelligence desk that produced this report", **common)
    mine = {"created_by_ref": tool.id, **common}
    objects: dict[str, Any] = {}

    def add(obj: Any) -> Any:
        objects.setdefault(obj.id, obj)
        return obj

    identities = {alias: add(v21.Identity(
        id=_id("identity", "protectee", alias), name=alias, identity_class="individual",
        description="protectee alias from the registry; the registry holds keyed fingerprints, never the name",
        **mine)) for alias in data.aliases()}
    for item in data.items:
        assessment = data.assessments.get(item.id)
        label = str(assessment.label) if assessment else "unassessed"
        refs: list[str] = []
        actor = None
        if item.author and assessment and is_actionable(label):
            actor = add(v21.ThreatActor(
                id=_id("threat-actor", cid, item.author), name=item.author, threat_actor_types=["unknown"],
                description="author handle as the source gave it; not resolved to a person", **mine))
            refs.append(actor.id)
        for alias in data.protectees.get(item.id, []):
            refs.append(identities[alias].id)
            if actor is not None:
                add(v21.Relationship(id=_id("relationship", cid, actor.id, alias), relationship_type="targets",
                                     source_ref=actor.id, target_ref=identities[alias].id,
                                     description=f"{label} in item {item.id}", **mine))
        for n, place in enumerate(_locations(view, item.id)):
            loc = add(v21.Location(id=_id("location", cid, item.id, n), name=place["name"] or "unnamed place",
                                   latitude=place["lat"], longitude=place["lon"], description=place["why"], **mine))
            refs.append(loc.id)
        reasons = "\n".join(f"- {r}" for r in assessment.reasons) if assessment else ""
        risk = f"risk {assessment.risk} {assessment.priority}" if assessment else "not assessed"
        add(v21.Note(
            id=_id("note", cid, item.id), abstract=f"{item.id}: {label}, {risk}",
            content=f"{view.text(item)}\n\nlabel: {label}\n{reasons}".rstrip(),
            authors=[item.source or "unknown source"], object_refs=[_id("report", cid), *refs], **mine))
    for note in data.notes:
        add(v21.Note(id=_id("note", cid, "case-note", note["id"]), content=view.free(note["text"]) or "",
                     authors=[note["author"]], object_refs=[_id("report", cid)], **mine))
    case = data.case
    report = v21.Report(
        id=_id("report", cid), name=f"threatdesk case {cid}: {view.free(case['title'])}",
        description=(f"status {case['status']}" + (f" ({case['close_reason']})" if case.get("close_reason") else "")
                     + f", priority {case['priority']}, risk {case['risk']}. Indicators for human review, not a legal finding."),
        published=now_utc(), report_types=["threat-report"],
        object_refs=[tool.id, *objects], **mine)
    return v21.Bundle(objects=[marking, tool, report, *objects.values()])


def write_stix(store: Store, case_id: int, path: str | Path, *, actor: str, redacted: bool = True,
               tlp: str = DEFAULT_TLP) -> int:
    """Write the case's STIX bundle to ``path`` (whole or not at all); returns the object count."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {target.parent} does not exist")
    if tlp not in TLP_CHOICES:
        raise UsageError(f"unknown TLP level {tlp!r}: choose one of {', '.join(TLP_CHOICES)}")
    if not redacted:
        authorize_unredacted(store, actor=actor, what="stix", object_type="case", object_id=case_id)
    with store.engine.connect() as conn:
        data = load_case(conn, case_id)
    bundle = case_to_stix(data, redacted=redacted, tlp=tlp)
    body = bundle.serialize(pretty=True, sort_keys=True)
    stix2.parse(body, allow_custom=False)
    fd, tmp = tempfile.mkstemp(prefix=".stix-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body + "\n")
        with store.transaction() as conn:
            if not redacted:
                record_unmask(conn, actor=actor, what="stix", object_type="case", object_id=case_id)
            audit.record(conn, actor=actor, action="export.stix", object_type="case", object_id=case_id,
                         after={"file": target.name, "objects": len(bundle.objects), "tlp": tlp, "redacted": redacted})
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(bundle.objects)
