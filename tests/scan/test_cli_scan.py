"""`threatdesk scan` engine and resume options, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import generated_records, write_jsonl


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatdesk", "scan", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--address", "127.0.0.1:6379"), "--address is for the ray engine"),
        (("--engine", "spark"), "Invalid value for '--engine'"),
        (("--workers", "0"), "Invalid value for '--workers'"),
    ],
)
def test_bad_engine_options_are_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", generated_records(3))
    result = run(str(path), "--db", str(tmp_path / "t.db"), *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and needle in result.stderr


def test_workers_scan_then_rerun_skips_what_is_done(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", generated_records(120))
    db, out = str(tmp_path / "t.db"), tmp_path / "out.jsonl"
    first = run(str(path), "--db", db, "--workers", "2", "--batch-size", "25", "--out", str(out), "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["read"], summary["added"], summary["resumed"]) == (120, 120, 0)
    assert sum(summary["per_label"].values()) == sum(summary["per_priority"].values()) == 120
    written = out.read_bytes()
    again = json.loads(run(str(path), "--db", db, "--engine", "local", "--out", str(out), "--json").stdout)
    assert (again["read"], again["added"], again["already_known"], again["resumed"]) == (120, 0, 120, 120)
    assert out.read_bytes() == written
    full = json.loads(run(str(path), "--db", db, "--no-resume", "--engine", "local", "--out", str(out), "--json").stdout)
    assert (full["resumed"], full["already_known"]) == (0, 120)
    assert out.read_bytes() == written


def test_an_empty_jsonl_file_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = run(str(empty), "--db", str(tmp_path / "t.db"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {empty} is empty (nothing to import)"]
