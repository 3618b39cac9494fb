"""``threatdesk protectees`` as a user runs it: a real process, a real SQLite file, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.protectees.conftest import DEMO_CSV, write_csv


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threatdesk", "protectees", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **env},
    )


@pytest.mark.slow
def test_import_list_remove_rotate(tmp_path: Path) -> None:
    env = {"THREATDESK_DB": str(tmp_path / "t.db"), "THREATDESK_KEY_FILE": str(tmp_path / "k" / "p.key")}
    bad = write_csv(tmp_path / "bad.csv", [
        "PROTECTEE-0901,detective,PD,Odalys Ferran,,,,,",
        "PROTECTEE-0902,detective,PD,Ann Example,,123-456-7890,,,",
    ])
    done = run("import", str(bad), env=env)
    assert done.returncode == 1
    assert f"rejected {bad}:3: PROTECTEE-0902: phones: value 1 is not a valid US or Mexican phone number" in done.stderr
    assert "created a new key" in done.stderr and "enrolled 1, updated 0, rejected 1" in done.stdout

    done = run("import", str(DEMO_CSV), env=env)
    assert done.returncode == 0 and "enrolled 7" in done.stdout
    listed = run("list", env=env)
    assert listed.returncode == 0 and listed.stdout.count("PROTECTEE-") == 8 and "key matches" in listed.stderr
    assert "Delacroix" not in listed.stdout

    assert run("remove", "PROTECTEE-0901", env=env).returncode == 0
    missing = run("remove", "PROTECTEE-0901", env=env)
    assert missing.returncode == 2 and missing.stderr.startswith("error: no protectee")

    rotated = run("rotate-key", str(DEMO_CSV), "--yes", env=env)
    assert rotated.returncode == 0 and "enrolled 7" in rotated.stdout


@pytest.mark.slow
def test_missing_key_is_one_clear_line(tmp_path: Path) -> None:
    env = {"THREATDESK_DB": str(tmp_path / "t.db"), "THREATDESK_KEY_FILE": str(tmp_path / "p.key")}
    assert run("import", str(DEMO_CSV), env=env).returncode == 0
    (tmp_path / "p.key").unlink()
    done = run("import", str(DEMO_CSV), env=env)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "is missing, but the registry holds fingerprints" in done.stderr
    assert not (tmp_path / "p.key").exists()
