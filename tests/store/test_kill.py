"""A scan killed with SIGKILL leaves only whole batches; running it again completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import generated_records, write_jsonl
from threatdesk.store import Store, schema

N = 6_000
BATCH = 100


@pytest.mark.slow
def test_sigkill_mid_import_then_rerun(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", generated_records(N))
    cmd = [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", db_url, "--quiet", "--batch-size", str(BATCH)]
    store = Store.open(db_url)
    log = (tmp_path / "scan.log").open("wb")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 120
    try:
        while store.count(schema.items) < 5 * BATCH:
            assert proc.poll() is None, f"scan ended before it could be killed: {(tmp_path / 'scan.log').read_text()}"
            assert time.monotonic() < deadline, "scan made no progress"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    items, assessed = store.count(schema.items), store.count(schema.assessments)
    assert 0 < items < N, "the kill should land mid-import"
    assert items == assessed, "an item was committed without its assessment"
    assert items % BATCH == 0, f"{items} is not a whole number of batches"

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert store.count(schema.items) == store.count(schema.assessments) == N
    store.close()
