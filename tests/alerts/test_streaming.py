"""Streaming intake: a watched folder and JSON Lines on standard input, stored as they arrive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.alerts.servers import BENIGN, URGENT, Receiver, receiver
from tests.helpers import write_jsonl
from threatdesk.alerts.outbox import Alerter
from threatdesk.alerts.settings import AlertSettings
from threatdesk.cli.watch import Watcher
from threatdesk.scan.engines import LocalEngine
from threatdesk.store import Store, schema


def wait_for(predicate, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll until true; a deadline only so a broken build fails instead of hanging."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_watch_imports_complete_files_and_sorts_them_into_done_and_failed(sqlite_url: str) -> None:
    folder = Path(sqlite_url).parent / "inbox"
    folder.mkdir()
    store = Store.open(sqlite_url)
    watcher = Watcher(folder, store, LocalEngine())

    write_jsonl(folder / "tips.jsonl", [{"id": "t1", "text": URGENT[0]}, {"id": "t2", "text": URGENT[1]}])
    (folder / "feed.csv").write_text(f'id,text\nc1,"{BENIGN}"\nc2,"sin cierre\n', encoding="utf-8")
    (folder / "half.jsonl.part").write_text(json.dumps({"text": "still being written"}) + "\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")

    assert watcher.poll() == []  # first sight: not yet known to be complete
    with (folder / "tips.jsonl").open("a", encoding="utf-8") as fh:  # still growing: wait another round
        fh.write(json.dumps({"id": "t3", "text": f"{BENIGN} again"}) + "\n")
    moved = {target.name: line for target, line in watcher.poll()}
    assert set(moved) == {"feed.csv"}
    moved = {target.name: line for target, line in watcher.poll()}
    assert set(moved) == {"tips.jsonl"} and "3 items (3 new), 0 rejected" in moved["tips.jsonl"]

    assert (folder / "done" / "tips.jsonl").exists()
    assert (folder / "failed" / "feed.csv").exists()
    errors = (folder / "failed" / "feed.csv.errors.txt").read_text(encoding="utf-8")
    assert errors.startswith("feed.csv:3:") and "1 other records were stored" in errors
    assert (folder / "half.jsonl.part").exists() and (folder / "notes.txt").exists()
    assert store.count(schema.items) == 4

    (folder / "half.jsonl.part").rename(folder / "half.jsonl")  # renamed into place: whole when seen
    watcher.poll()
    assert [t.name for t, _ in watcher.poll()] == ["half.jsonl"]
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    watcher.poll()
    assert [t.parent.name for t, _ in watcher.poll()] == ["failed"]
    assert "is empty" in (folder / "failed" / "empty.jsonl.errors.txt").read_text(encoding="utf-8")
    write_jsonl(folder / "tips.jsonl", [{"id": "t1", "text": URGENT[0]}])  # the same name again
    watcher.poll()
    (target, line), = watcher.poll()
    assert target.parent.name == "done" and target.name != "tips.jsonl" and "(0 new)" in line
    store.close()


def test_watch_alerts_on_urgent_items(sqlite_url: str) -> None:
    folder = Path(sqlite_url).parent / "inbox"
    folder.mkdir()
    store = Store.open(sqlite_url)
    with receiver() as rx:
        settings = AlertSettings(webhook_urls=(rx.url,), webhook_secret="s3cret-example", timeout=2.0)
        watcher = Watcher(folder, store, LocalEngine(), Alerter(store, settings))
        write_jsonl(folder / "tips.jsonl", [{"text": URGENT[1]}, {"text": BENIGN}])
        watcher.poll()
        watcher.poll()
        from threatdesk.alerts.worker import DeliveryWorker

        DeliveryWorker(store, settings).deliver_once()
    assert [json.loads(r["body"])["item"]["text"] for r in rx.received] == [URGENT[1]]
    store.close()


@pytest.mark.slow
def test_watch_command_once(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [{"text": BENIGN}])
    db = tmp_path / "w.db"
    done = subprocess.run([sys.executable, "-m", "threatdesk", "watch", str(folder), "--once", "--interval", "0.1", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done/a.jsonl: 1 items (1 new), 0 rejected"
    missing = subprocess.run([sys.executable, "-m", "threatdesk", "watch", str(tmp_path / "nope"), "--once", "--db", str(db)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and missing.stderr.startswith("error: ") and "is not a folder" in missing.stderr


@pytest.mark.slow
def test_scan_stdin_stores_and_alerts_each_line_before_the_stream_ends(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store.open(str(db)).close()
    with receiver() as rx:
        env = dict(os.environ, THREATDESK_WEBHOOK_URLS=rx.url, THREATDESK_WEBHOOK_SECRET="s3cret-example")
        proc = subprocess.Popen([sys.executable, "-m", "threatdesk", "scan", "-", "--db", str(db), "--quiet"], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _feed_slowly(proc, db, rx)
    assert sorted(json.loads(r["body"])["item"]["external_id"] for r in rx.received) == ["s1", "s2"]


def _feed_slowly(proc: subprocess.Popen[str], db: Path, rx: Receiver) -> None:
    store = Store.open(str(db))
    try:
        assert proc.stdin is not None
        for n, text in enumerate([URGENT[0], URGENT[1], BENIGN], start=1):
            proc.stdin.write(json.dumps({"id": f"s{n}", "text": text}) + "\n")
            proc.stdin.flush()
            assert wait_for(lambda n=n: store.count(schema.assessments) == n), f"line {n} was not assessed while the stream was open"
            if text in URGENT:
                assert wait_for(lambda n=n: len(rx.received) == n), f"line {n} was not alerted while the stream was open"
            assert proc.poll() is None
        _, err = proc.communicate("{broken\n", timeout=60)
        assert proc.returncode == 1 and "rejected -:4: bad JSON" in err
        assert store.count(schema.items) == 3
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        store.close()
