from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from threatdesk.cli.demo import demo_corpus
from threatdesk.labels import LABEL_ORDER


def test_demo_corpus_covers_every_label_in_both_languages() -> None:
    rows = [json.loads(line) for line in demo_corpus().read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == {str(label) for label in LABEL_ORDER}
    assert sum(r["lang"] in ("es", "mixed") for r in rows) / len(rows) > 0.3


def test_demo_scans_into_sqlite_and_prints_the_queue(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = subprocess.run(
        [sys.executable, "-m", "threatdesk", "demo", "--db", str(db)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "demo corpus:" in result.stdout and "P1" in result.stdout
    assert db.exists()
