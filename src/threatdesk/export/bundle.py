"""Evidence bundles: one case as a zip an analyst can hand on and anyone can check.

Layout (docs/exports.md)::

    manifest.json        format, case id, created at, tool version, audit head, files + SHA-256
    case.json            the case row, its item ids and protectee aliases
    items.json           each item's JSON form, content hash and the SHA-256 of its raw record
    items/<id>.raw       the raw line or row exactly as received (scrubbed when redacted)
    assessments.json     each item's assessment (signal values redacted when redacted)
    notes.json           the case notes
    audit.json           the audit events of the case and its items, with their chain hashes

The manifest's own SHA-256 goes into the ``export.bundle`` audit event written in the same
transaction, so the trail names exactly which bundle left the desk, and the bundle names
the head of the trail it was cut from: each anchors the other.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from threatdesk import __version__, audit
from threatdesk.errors import InputFormatError, UsageError
from threatdesk.export.casedata import CaseView, iso, load_case
from threatdesk.export.redaction import authorize_unredacted, record_unmask
from threatdesk.models import content_hash, now_utc
from threatdesk.store import Store

FORMAT = "threatdesk-evidence-bundle/1"
MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


@dataclass(slots=True, frozen=True)
class BundleResult:
    path: Path
    manifest_sha256: str
    files: int
    redacted: bool


def _contents(view: CaseView) -> dict[str, bytes]:
    data = view.data
    files: dict[str, bytes] = {}
    items = []
    for item in data.items:
        raw_name = None
        if item.raw is not None:
            raw_name = f"items/{item.id}.raw"
            files[raw_name] = (view.free(item.raw) or "").encode()
        shown = view.item_json(item)
        items.append({
            "item": shown,
            "text_redacted": shown["text"] != item.text,
            "content_sha256": item.content_sha256,
            "raw_file": raw_name,
            "raw_sha256": sha256(item.raw.encode()) if item.raw is not None else None,
            "raw_redacted": view.redacted and raw_name is not None and files[raw_name] != item.raw.encode(),  # type: ignore[union-attr]
            "protectees": data.protectees.get(item.id, []),
        })
    case = {**data.case, "title": view.free(data.case["title"]), "item_ids": [i.id for i in data.items],
            "protectees": data.aliases()}
    files["case.json"] = _json(case)
    files["items.json"] = _json(items)
    files["assessments.json"] = _json([view.assessment_json(data.assessments[i.id]) for i in data.items
                                       if i.id in data.assessments])
    files["notes.json"] = _json([{**n, "text": view.free(n["text"])} for n in data.notes])
    files["audit.json"] = _json([e.to_json() for e in data.events])
    return files


def write_bundle(store: Store, case_id: int, path: str | Path, *, actor: str, redacted: bool = True) -> BundleResult:
    """Write the bundle to ``path`` (whole or not at all) and audit the export."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: folder {target.parent} does not exist")
    if not redacted:
        authorize_unredacted(store, actor=actor, what="bundle", object_type="case", object_id=case_id)
    with store.engine.connect() as conn:
        data = load_case(conn, case_id)
    view = CaseView(data, redacted=redacted)
    files = _contents(view)
    created = now_utc()
    manifest = {
        "format": FORMAT,
        "case_id": data.id,
        "created_at": iso(created),
        "tool_version": __version__,
        "exported_by": actor,
        "redacted": redacted,
        "audit_head": {"seq": data.head.seq, "hash": data.head.hash, "count": data.head.count} if data.head else None,
        "files": [{"path": name, "sha256": sha256(body), "size": len(body)} for name, body in sorted(files.items())],
    }
    manifest_bytes = _json(manifest)
    digest = sha256(manifest_bytes)
    fd, tmp = tempfile.mkstemp(prefix=".bundle-", suffix=".zip", dir=target.parent)
    try:
        stamp = created.timetuple()[:6]
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, body in [(MANIFEST, manifest_bytes), *sorted(files.items())]:
                zf.writestr(zipfile.ZipInfo(name, date_time=stamp), body, compress_type=zipfile.ZIP_DEFLATED)
        # A short write transaction: the event and the file land together, without
        # holding the database's write lock while the zip is built.
        with store.transaction() as conn:
            if not redacted:
                record_unmask(conn, actor=actor, what="bundle", object_type="case", object_id=case_id)
            audit.record(conn, actor=actor, action="export.bundle", object_type="case", object_id=case_id,
                         after={"manifest_sha256": digest, "file": target.name, "items": len(data.items),
                                "redacted": redacted})
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return BundleResult(target, digest, len(files), redacted)


@dataclass(slots=True)
class BundleReport:
    """What ``verify_bundle`` found; ``ok`` when ``problems`` is empty."""

    manifest_sha256: str
    case_id: Any
    audit_head: str | None
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bundle(path: str | Path, *, store: Store | None = None) -> BundleReport:
    """Recompute every hash of the bundle; with ``store``, also find its custody event."""
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputFormatError(f"{path} is not a zip file ({exc})", hint="pass the .zip that 'threatdesk export case' wrote") from None
    with zf:
        names = zf.namelist()
        if MANIFEST not in names:
            raise InputFormatError(f"{path} has no {MANIFEST}: not a threatdesk evidence bundle")
        try:
            manifest_bytes = zf.read(MANIFEST)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
            return BundleReport("", None, None, problems=[f"{MANIFEST}: cannot be read from the zip ({exc})"])
        try:
            manifest = json.loads(manifest_bytes)
            listed = {f["path"]: f for f in manifest["files"]}
        except (ValueError, KeyError, TypeError):
            return BundleReport(sha256(manifest_bytes), None, None, problems=[f"{MANIFEST}: not a bundle manifest (damaged?)"])
        head = (manifest.get("audit_head") or {}).get("hash")
        report = BundleReport(sha256(manifest_bytes), manifest.get("case_id"), head)
        if manifest.get("format") != FORMAT:
            report.problems.append(f"{MANIFEST}: unknown format {manifest.get('format')!r}")
        if len(names) != len(set(names)):
            report.problems.append("the zip holds two files with the same name")
        bodies: dict[str, bytes] = {}
        for name, entry in sorted(listed.items()):
            if name not in names:
                report.problems.append(f"{name}: listed in the manifest but missing")
                continue
            try:
                body = zf.read(name)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
                report.problems.append(f"{name}: cannot be read from the zip ({exc})")
                continue
            bodies[name] = body
            report.files_checked += 1
            if sha256(body) != entry.get("sha256") or len(body) != entry.get("size"):
                report.problems.append(f"{name}: SHA-256 mismatch (manifest {str(entry.get('sha256'))[:12]}…, file {sha256(body)[:12]}…)")
        for name in sorted(set(names) - set(listed) - {MANIFEST}):
            report.problems.append(f"{name}: in the zip but not in the manifest")
    if "items.json" in bodies and not report.problems:
        _check_items(json.loads(bodies["items.json"]), bodies, report)
    if store is not None:
        _check_custody(store, report)
    return report


def _check_items(items: list[dict[str, Any]], bodies: dict[str, bytes], report: BundleReport) -> None:
    """Raw records and item forms must agree with the hashes the desk computed on intake."""
    for entry in items:
        item = entry["item"]
        raw_file = entry.get("raw_file")
        if raw_file and not entry.get("raw_redacted") and sha256(bodies.get(raw_file, b"")) != entry.get("raw_sha256"):
            report.problems.append(f"{raw_file}: does not match the raw SHA-256 recorded for item {item['id']}")
        if entry.get("text_redacted"):
            continue
        recomputed = content_hash(text=item["text"], source=item["source"], external_id=item["external_id"],
                                  author=item["author"], posted_at=item["posted_at"], lang=item["lang"],
                                  place=item["place"])
        if recomputed != entry.get("content_sha256"):
            report.problems.append(f"items.json: item {item['id']} does not match its content hash")


def _check_custody(store: Store, report: BundleReport) -> None:
    with store.engine.connect() as conn:
        custody = [e for e in audit.events(conn, objects=[("case", str(report.case_id))], action="export.bundle")
                   if isinstance(e.after, dict) and e.after.get("manifest_sha256") == report.manifest_sha256]
        if not custody:
            report.problems.append("no export.bundle audit event names this manifest: this database did not export it")
        broken = audit.verify(conn, expect_head=report.audit_head) if report.audit_head else audit.verify(conn)
        if broken:
            report.problems.append(f"the audit trail does not verify: {broken}")
