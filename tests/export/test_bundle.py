"""Evidence bundles round-trip through verify; any changed byte is caught."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.export.helpers import (
    EMAIL,
    PHONE,
    SQLITE_ONLY,
    STREET,
    add_personal_data,
    add_user,
    make_case,
    scan_records,
)
from threatdesk import audit
from threatdesk.errors import InputFormatError, NotFoundError, UsageError
from threatdesk.export import verify_bundle, write_bundle
from threatdesk.store import Store, schema


@pytest.fixture
def case_id(store: Store, tmp_path: Path) -> int:
    ids = scan_records(store, tmp_path)
    add_personal_data(store, ids)
    with store.transaction() as conn:
        audit.record(conn, actor="analyst1", action="case.view", object_type="case", object_id=1)
        audit.record(conn, actor="analyst1", action="item.view", object_type="item", object_id=ids["kill-en"])
    return make_case(store, [ids["kill-en"], ids["intel-es"], ids["news-en"]], title=f"Chief, {STREET}",
                     notes=[("analyst1", f"called {PHONE}, no answer"), ("analyst2", "Llamé al número, nadie contestó")])


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    change(files)
    with zipfile.ZipFile(path, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)


def flip(name: str, at: int = 5) -> Callable[[dict[str, bytes]], None]:
    def change(files: dict[str, bytes]) -> None:
        body = bytearray(files[name])
        body[at] ^= 0x01
        files[name] = bytes(body)
    return change


def test_bundle_round_trips_and_is_recorded_in_the_trail(store: Store, case_id: int, tmp_path: Path) -> None:
    with store.engine.connect() as conn:
        head_before = audit.head(conn)
    result = write_bundle(store, case_id, tmp_path / "case.zip", actor="analyst1")
    report = verify_bundle(result.path, store=store)
    assert report.ok, report.problems
    assert report.files_checked == 8 and report.case_id == case_id
    with zipfile.ZipFile(result.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        events = json.loads(zf.read("audit.json"))
        notes = json.loads(zf.read("notes.json"))
    assert manifest["audit_head"]["hash"] == head_before.hash
    assert {f["path"] for f in manifest["files"]} >= {"case.json", "items.json", "assessments.json", "notes.json", "audit.json"}
    assert [e["action"] for e in events] == ["case.view", "item.view"]
    assert notes[1]["text"] == "Llamé al número, nadie contestó"
    with store.engine.connect() as conn:
        (custody,) = audit.events(conn, action="export.bundle")
        assert audit.verify(conn) is None
    assert custody.after["manifest_sha256"] == result.manifest_sha256 and custody.object_id == str(case_id)


def test_a_redacted_bundle_holds_no_personal_data(store: Store, case_id: int, tmp_path: Path) -> None:
    result = write_bundle(store, case_id, tmp_path / "case.zip", actor="analyst1")
    with zipfile.ZipFile(result.path) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    for secret in (PHONE, EMAIL, STREET, "the chief"):
        assert secret.encode() not in everything, secret
    for tag in (b"[PHONE]", b"[EMAIL]", b"[ADDRESS]", b"[PROTECTEE-0042]"):
        assert tag in everything


def test_an_unredacted_bundle_holds_the_raw_items_exactly_as_received(store: Store, case_id: int, tmp_path: Path) -> None:
    add_user(store, "boss", "admin")
    result = write_bundle(store, case_id, tmp_path / "case.zip", actor="boss", redacted=False)
    assert verify_bundle(result.path, store=store).ok
    with store.engine.connect() as conn:
        raw = dict(conn.execute(sa.select(schema.items.c.id, schema.items.c.raw)).all())
        actions = [e.action for e in audit.events(conn, actor="boss")]
    with zipfile.ZipFile(result.path) as zf:
        for entry in json.loads(zf.read("items.json")):
            assert zf.read(entry["raw_file"]) == raw[entry["item"]["id"]].encode()
            assert not entry["raw_redacted"] and not entry["text_redacted"]
    assert actions == ["pii.unmask", "export.bundle"]


def test_only_an_admin_may_unredact_and_a_refusal_is_audited(store: Store, case_id: int, tmp_path: Path) -> None:
    add_user(store, "analyst1", "analyst")
    for actor in ("analyst1", "nobody"):
        with pytest.raises(UsageError, match="not an admin"):
            write_bundle(store, case_id, tmp_path / "case.zip", actor=actor, redacted=False)
    assert not (tmp_path / "case.zip").exists()
    with store.engine.connect() as conn:
        assert [e.action for e in audit.events(conn, action="pii.")] == ["pii.unmask_denied"] * 2
        assert not list(audit.events(conn, action="export."))


TAMPERINGS = [
    ("flip a byte of a raw item", lambda names: flip(next(n for n in names if n.endswith(".raw")))),
    ("flip a byte of the assessments", lambda names: flip("assessments.json", 40)),
    ("flip a byte of the notes", lambda names: flip("notes.json", 30)),
    ("flip a byte of the audit events", lambda names: flip("audit.json", 30)),
    ("remove a file", lambda names: lambda files: files.pop("notes.json")),
    ("add a file", lambda names: lambda files: files.update({"items/extra.raw": b"{}"})),
]


@SQLITE_ONLY
@pytest.mark.parametrize("make_change", [t[1] for t in TAMPERINGS], ids=[t[0] for t in TAMPERINGS])
def test_a_changed_bundle_fails_verify(store: Store, case_id: int, tmp_path: Path,
                                       make_change: Callable[[list[str]], Callable[[dict[str, bytes]], None]]) -> None:
    path = write_bundle(store, case_id, tmp_path / "case.zip", actor="analyst1").path
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    rewrite(path, make_change(names))
    report = verify_bundle(path)
    assert not report.ok
    assert len(report.problems) == 1, report.problems


def test_a_manifest_rewritten_to_match_is_caught_by_the_trail(store: Store, case_id: int, tmp_path: Path) -> None:
    """Whoever edits a file and its manifest entry makes a bundle this desk never exported."""
    import hashlib

    path = write_bundle(store, case_id, tmp_path / "case.zip", actor="analyst1").path

    def forge(files: dict[str, bytes]) -> None:
        files["notes.json"] = files["notes.json"].replace(b"no answer", b"he confessed")
        manifest = json.loads(files["manifest.json"])
        for entry in manifest["files"]:
            if entry["path"] == "notes.json":
                entry["sha256"] = hashlib.sha256(files["notes.json"]).hexdigest()
                entry["size"] = len(files["notes.json"])
        files["manifest.json"] = json.dumps(manifest).encode()

    rewrite(path, forge)
    assert verify_bundle(path).ok
    report = verify_bundle(path, store=store)
    assert [p for p in report.problems if "no export.bundle audit event" in p]


@SQLITE_ONLY
def test_a_byte_flipped_on_disk_is_reported_not_raised(store: Store, case_id: int, tmp_path: Path) -> None:
    path = write_bundle(store, case_id, tmp_path / "case.zip", actor="analyst1").path
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("items.json")
    data[info.header_offset + 30 + len(info.filename) + 10] ^= 0xFF
    path.write_bytes(bytes(data))
    assert not verify_bundle(path).ok


def test_bad_input_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no case 99"):
        write_bundle(store, 99, tmp_path / "x.zip", actor="a")
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".bundle-*")) == []
    (tmp_path / "not.zip").write_text("hello")
    with pytest.raises(InputFormatError, match="not a zip"):
        verify_bundle(tmp_path / "not.zip")
    with pytest.raises(UsageError, match="does not exist"):
        write_bundle(store, 1, tmp_path / "nope" / "x.zip", actor="a")
