"""The export, verify-bundle, audit and retention verbs end to end, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.export.helpers import (
    PHONE,
    add_personal_data,
    add_user,
    age_items,
    make_case,
    scan_records,
)
from threatdesk.cli import main
from threatdesk.store import Store, schema


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatdesk", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "THREATDESK_ACTOR": "analyst1"})


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, dict[str, str], int]:
    path = str(tmp_path / "t.db")
    with Store.open(path) as store:
        ids = scan_records(store, tmp_path)
        add_personal_data(store, ids)
        add_user(store, "boss", "admin")
        case_id = make_case(store, [ids["kill-en"], ids["intel-es"]], notes=[("analyst1", "first look")])
    return path, ids, case_id


@pytest.mark.slow
def test_bundle_export_verify_and_the_trail(db: tuple[str, dict[str, str], int], tmp_path: Path) -> None:
    path, _, case_id = db
    out = run("export", "case", str(case_id), "--bundle", str(tmp_path / "c.zip"), "--stix", str(tmp_path / "c.json"),
              "--db", path)
    assert out.returncode == 0, out.stderr
    assert "manifest SHA-256" in out.stdout and "TLP:AMBER" in out.stdout
    ok = run("verify-bundle", str(tmp_path / "c.zip"), "--db", path)
    assert ok.returncode == 0, ok.stderr
    assert "export event is in the audit trail" in ok.stdout

    with zipfile.ZipFile(tmp_path / "c.zip") as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["notes.json"] = files["notes.json"].replace(b"first look", b"first lock")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    bad = run("verify-bundle", str(tmp_path / "c.zip"))
    assert bad.returncode == 1
    assert "MISMATCH: notes.json: SHA-256 mismatch" in bad.stderr

    verify = run("audit", "verify", "--db", path)
    assert verify.returncode == 0 and "2 events, head" in verify.stdout
    head = verify.stdout.split("head ")[1].split()[0]
    assert run("audit", "verify", "--expect-head", head, "--db", path).returncode == 0
    missing = run("audit", "verify", "--expect-head", "a" * 64, "--db", path)
    assert missing.returncode == 1 and "expected head" in missing.stderr
    log = json.loads(run("audit", "log", "--object", f"case:{case_id}", "--json", "--db", path).stdout.splitlines()[0])
    assert (log["actor"], log["action"]) == ("analyst1", "export.stix")

    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(schema.audit_events.update().where(schema.audit_events.c.seq == 1).values(actor="mallory"))
    engine.dispose()
    broken = run("audit", "verify", "--db", path)
    assert broken.returncode == 1
    assert broken.stderr.strip() == "BROKEN: audit event 1: its contents do not match its hash (the row was edited)"


@pytest.mark.slow
def test_unredacted_needs_an_admin(db: tuple[str, dict[str, str], int], tmp_path: Path) -> None:
    path, _, case_id = db
    refused = run("export", "case", str(case_id), "--stix", str(tmp_path / "c.json"), "--unredacted", "--db", path)
    assert refused.returncode == 2 and "not an admin" in refused.stderr and not (tmp_path / "c.json").exists()
    allowed = run("export", "case", str(case_id), "--stix", str(tmp_path / "c.json"), "--unredacted", "--actor", "boss",
                  "--db", path)
    assert allowed.returncode == 0, allowed.stderr
    assert PHONE in (tmp_path / "c.json").read_text()


@pytest.mark.slow
def test_sar_queue_cases_and_retention(db: tuple[str, dict[str, str], int], tmp_path: Path) -> None:
    path, ids, _ = db
    assert "2 suspicious-activity records" in run("export", "sar", "--out", str(tmp_path / "s.csv"), "--db", path).stdout
    assert "1 rows" in run("export", "queue", "--out", str(tmp_path / "q.csv"), "--label", "solicit_kill", "--db", path).stdout
    assert "1 cases" in run("export", "cases", "--out", str(tmp_path / "c.csv"), "--status", "new", "--db", path).stdout
    with Store.open(path) as store:
        age_items(store, list(ids.values()), days=400)
    dry = run("retention", "apply", "--dry-run", "--days", "30", "--db", path)
    assert dry.returncode == 0 and "would purge 3 items" in dry.stdout and "non_actionable  3" in dry.stdout
    done = json.loads(run("retention", "apply", "--json", "--days", "30", "--db", path).stdout)
    assert done["purged"] == {"unfounded": 0, "non_actionable": 3}
    assert run("audit", "verify", "--db", path).returncode == 0


@pytest.mark.parametrize(("args", "needle"), [
    (("export", "case", "99", "--bundle", "x.zip"), "no case 99"),
    (("export", "case", "1"), "--bundle FILE.zip and/or --stix"),
    (("export", "sar", "--out", "x.txt"), ".json or .csv"),
    (("export", "case", "1", "--stix", "x.json", "--tlp", "purple"), "Invalid value"),
    (("audit", "log", "--object", "case12"), "TYPE:ID"),
    (("audit", "verify", "--expect-head", "abc"), "not a SHA-256"),
    (("verify-bundle", "missing.zip"), "no such file"),
    (("retention", "apply", "--days", "0"), "Invalid value"),
])
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str) -> None:
    """In-process through the same CLI edge as the subprocess runs above (it is the slow part of a run)."""
    monkeypatch.chdir(tmp_path)
    extra = () if args[0] == "verify-bundle" else ("--db", str(tmp_path / "t.db"))
    with pytest.raises(SystemExit) as exit_:
        main([*args, *extra])
    assert exit_.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], lines
    assert not list(tmp_path.glob("x.*"))


def test_the_tlp_choices_are_the_stix_modules() -> None:
    from threatdesk.cli.export import TLP_LEVELS
    from threatdesk.export.stix import TLP_CHOICES

    assert set(TLP_LEVELS) == set(TLP_CHOICES)
