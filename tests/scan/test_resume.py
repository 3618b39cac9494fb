"""An interrupted scan, started again, ends exactly like one that ran through."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import write_jsonl
from tests.scan.dated import dated_records
from threatdesk.scan import LocalEngine, scan
from threatdesk.store import Store, as_utc, schema

BATCH = 50


class Interrupted(Exception):
    pass


def _stop_after(batches: int):
    seen = [0]

    def on_batch(n: int) -> None:
        seen[0] += 1
        if seen[0] == batches:
            raise Interrupted

    return on_batch


def _contents(store: Store) -> tuple[list, list]:
    """Store rows minus the clock: the same items and assessments, in id order."""
    i, a = schema.items, schema.assessments
    with store.engine.connect() as conn:
        items = conn.execute(select(*(c for c in i.columns if c.name != "received_at")).order_by(i.c.id)).all()
        assessed = conn.execute(select(*(c for c in a.columns if c.name != "assessed_at")).order_by(a.c.item_id)).all()
    return [_utc(r) for r in items], [_utc(r) for r in assessed]


def _utc(row: Any) -> tuple:
    """SQLite hands back naive UTC datetimes, PostgreSQL aware ones: compare them as UTC."""
    return tuple(as_utc(v) if isinstance(v, datetime) else v for v in row)


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """More than 64 KiB, so appending keeps the head (and so the resume key) unchanged."""
    return write_jsonl(tmp_path / "in.jsonl", dated_records(700))


def _full_run(path: Path, tmp_path: Path) -> tuple[bytes, tuple[list, list]]:
    with Store.open(str(tmp_path / "full.db")) as store:
        scan([str(path)], store, batch_size=BATCH, out=str(tmp_path / "full.jsonl"))
        return (tmp_path / "full.jsonl").read_bytes(), _contents(store)


def test_interrupted_scan_resumes_where_it_stopped(db_url: str, big_file: Path, tmp_path: Path) -> None:
    expected_out, expected_rows = _full_run(big_file, tmp_path)
    out = tmp_path / "out.jsonl"
    store = Store.open(db_url)
    with pytest.raises(Interrupted):
        scan([str(big_file)], store, batch_size=BATCH, out=str(out), on_batch=_stop_after(4))
    assert store.count(schema.items) == 4 * BATCH
    summary = scan([str(big_file)], store, batch_size=BATCH, out=str(out))
    assert (summary.resumed, summary.read, summary.added) == (4 * BATCH, 700, 700 - 4 * BATCH)
    assert out.read_bytes() == expected_out
    assert _contents(store) == expected_rows
    again = scan([str(big_file)], store, batch_size=BATCH, out=str(out))
    assert (again.resumed, again.added, again.already_known) == (700, 0, 700)
    assert out.read_bytes() == expected_out
    store.close()


def test_out_lines_of_a_batch_that_never_committed_are_dropped(big_file: Path, tmp_path: Path) -> None:
    expected_out, _ = _full_run(big_file, tmp_path)
    out = tmp_path / "out.jsonl"
    with Store.open(str(tmp_path / "t.db")) as store:
        with pytest.raises(Interrupted):
            scan([str(big_file)], store, batch_size=BATCH, out=str(out), on_batch=_stop_after(2))
        with out.open("a", encoding="utf-8") as fh:
            fh.write('{"half a line written when the power went')
        scan([str(big_file)], store, batch_size=BATCH, out=str(out))
    assert out.read_bytes() == expected_out


def test_grown_file_continues_from_the_offset(big_file: Path, tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "t.db")) as store:
        scan([str(big_file)], store, batch_size=BATCH)
        write_jsonl(tmp_path / "more.jsonl", dated_records(30, start=700))
        with big_file.open("ab") as fh:
            fh.write((tmp_path / "more.jsonl").read_bytes())
        summary = scan([str(big_file)], store, batch_size=BATCH)
        assert (summary.resumed, summary.added, summary.read) == (700, 30, 730)


@pytest.mark.parametrize("change", ["edit_before_offset", "truncate", "other_out"])
def test_a_changed_file_or_another_out_file_is_read_from_the_start(big_file: Path, tmp_path: Path, change: str) -> None:
    with Store.open(str(tmp_path / "t.db")) as store:
        with pytest.raises(Interrupted):
            scan([str(big_file)], store, batch_size=BATCH, out=str(tmp_path / "a.jsonl"), on_batch=_stop_after(6))
        out = tmp_path / "a.jsonl"
        lines = big_file.read_text(encoding="utf-8").splitlines(keepends=True)
        if change == "edit_before_offset":
            lines[6 * BATCH - 3] = json.dumps({"text": "una línea cambiada", "id": "changed"}) + "\n"
            big_file.write_text("".join(lines), encoding="utf-8")
        elif change == "truncate":
            big_file.write_text("".join(lines[: 6 * BATCH - 10]), encoding="utf-8")
        else:
            out = tmp_path / "b.jsonl"
        summary = scan([str(big_file)], store, batch_size=BATCH, out=str(out))
        assert summary.resumed == 0
        assert len(out.read_text(encoding="utf-8").splitlines()) == summary.read


def test_rejections_after_resume_name_their_real_line(tmp_path: Path) -> None:
    records: list = dated_records(600)
    records[450] = "{not json"
    path = write_jsonl(tmp_path / "in.jsonl", records)
    rejected: list[str] = []
    with Store.open(str(tmp_path / "t.db")) as store:
        with pytest.raises(Interrupted):
            scan([str(path)], store, batch_size=BATCH, on_batch=_stop_after(3))
        summary = scan([str(path)], store, batch_size=BATCH, on_reject=lambda r: rejected.append(str(r)))
    assert rejected == [f"{path}:451: bad JSON: Expecting property name enclosed in double quotes at column 2"]
    assert (summary.resumed, summary.rejected, summary.read) == (3 * BATCH, 1, 599)


def test_stdin_and_csv_are_read_whole_every_time(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,text\n" + "".join(f"{n},mensaje número {n}\n" for n in range(120)), encoding="utf-8")
    with Store.open(str(tmp_path / "t.db")) as store:
        scan([str(path)], store, batch_size=BATCH, engine=LocalEngine())
        again = scan([str(path)], store, batch_size=BATCH)
    assert (again.resumed, again.read, again.already_known) == (0, 120, 120)


N_KILL = 1500


@pytest.mark.slow
def test_sigkill_with_workers_then_restart_equals_an_uninterrupted_run(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", dated_records(N_KILL))

    def cmd(db: str, out: Path) -> list[str]:
        return [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", db, "--out", str(out),
                "--workers", "2", "--batch-size", "100", "--json", "--quiet"]

    full_db = str(tmp_path / "full.db")
    with Store.open(full_db) as full:
        scan([str(path)], full, batch_size=100, out=str(tmp_path / "full.jsonl"))

    out = tmp_path / "out.jsonl"
    store = Store.open(db_url)
    proc = subprocess.Popen(cmd(db_url, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while store.count(schema.items) < 300:
            assert proc.poll() is None, "scan ended before it could be killed"
            assert time.monotonic() < deadline, "scan made no progress"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    killed_at = store.count(schema.items)
    assert 0 < killed_at < N_KILL and killed_at % 100 == 0

    done = subprocess.run(cmd(db_url, out), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["resumed"] >= killed_at and summary["read"] == N_KILL
    assert out.read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    fresh = tmp_path / "fresh.jsonl"
    scan([str(path)], store, out=str(fresh))
    assert fresh.read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    with Store.open(full_db) as full:
        assert _contents(store) == _contents(full)
    store.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_do_not_outlive_a_killed_scan(tmp_path: Path) -> None:
    """--workers 3 is the main process and two helpers (plus multiprocessing's resource tracker)."""
    path = write_jsonl(tmp_path / "big.jsonl", dated_records(N_KILL))
    proc = subprocess.Popen(
        [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", str(tmp_path / "t.db"), "--workers", "3",
         "--batch-size", "20", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    try:
        children: list[int] = []
        while len(children) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "workers never started"
            time.sleep(0.05)
            children = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in children):
            assert time.monotonic() < deadline, "a worker outlived its killed scan"
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
