from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.helpers import write_jsonl
from threatdesk.cli import cli


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threatdesk", *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=120
    )


def all_command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(all_command_paths(command, (*prefix, name)))
    return paths


@pytest.mark.parametrize("path", [(), *all_command_paths(cli)], ids=lambda p: " ".join(p) or "threatdesk")
def test_every_verb_has_help(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: threatdesk" in result.stdout
    assert len(result.stdout.splitlines()) > 3


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("scan", "nope.jsonl"), "no such file"),
        (("scan", "--bogus", "x.jsonl"), "No such option"),
        (("queue", "--priority", "P9"), "Invalid value"),
        (("queue", "--since", "last tuesday"), "not a date"),
        (("frobnicate",), "No such command"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    result = run(*args, "--db", str(tmp_path / "t.db")) if args[0] == "queue" else run(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and needle in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", ["", "name,body\nx,y\n"])
def test_unusable_file_writes_nothing(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(content)
    result = run("scan", str(bad), "--db", str(tmp_path / "t.db"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_scan_reports_rejections_and_exit_1_then_adds_nothing_twice(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "ICE out of Chicago!"}, "{oops", {"text": "2k for his address"}])
    db = str(tmp_path / "t.db")
    first = run("scan", str(path), "--db", db, "--json")
    assert first.returncode == 1
    assert f"{path}:2: bad JSON" in first.stderr
    summary = json.loads(first.stdout)
    assert (summary["read"], summary["added"], summary["rejected"]) == (2, 2, 1)
    again = json.loads(run("scan", str(path), "--db", db, "--json").stdout)
    assert (again["added"], again["already_known"]) == (0, 2)


def test_scan_out_has_one_assessment_per_item_and_stdin_works(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"id": str(n), "text": t}) for n, t in enumerate(["uno", "dos", "uno"]))
    out = tmp_path / "out.jsonl"
    result = run("scan", "-", "--db", str(tmp_path / "t.db"), "--out", str(out), "--quiet", stdin=lines)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3 and all(r["contract"] == 1 and r["label"] for r in rows)


def test_queue_pages(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": f"message number {n}"} for n in range(7)])
    db = str(tmp_path / "t.db")
    run("scan", str(path), "--db", db, "--quiet")
    page1 = run("queue", "--db", db, "--per-page", "5", "--json").stdout.splitlines()
    page2 = run("queue", "--db", db, "--per-page", "5", "--page", "2", "--json").stdout.splitlines()
    assert (len(page1), len(page2)) == (5, 2)
    assert "more: threatdesk queue --page 2" in run("queue", "--db", db, "--per-page", "5").stdout


def test_explain_json() -> None:
    result = run("explain", "green light on the chief, 50 bands when it's done", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["label"] == "solicit_kill"
    assert any(s["kind"] == "money" and s["value"]["amount"] == 50000 for s in data["signals"])
