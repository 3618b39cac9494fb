"""Ingest benchmark: `threatdesk scan` into SQLite against a bare sqlite3 executemany.

Prints items/s for both on the same generated file in the same run, and the ratio; then
the peak resident memory of `threatdesk scan` on two sizes of input, and their ratio
(streaming means the ratio stays near 1).

    .venv/bin/python bench/ingest.py                    # 100,000 lines; memory 100k vs 1M
    .venv/bin/python bench/ingest.py --memory-lines 100000,300000
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def scan_cmd(path: Path, db: Path) -> list[str]:
    """Ingest alone: correlation into cases is a separate step with its own benchmark (bench/correlate.py)."""
    return [sys.executable, "-m", "threatdesk", "scan", str(path), "--db", str(db), "--quiet", "--json", "--no-correlate"]


def time_scan(path: Path, db: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run(scan_cmd(path, db), capture_output=True, text=True, check=True)
    return time.perf_counter() - started, json.loads(done.stdout)


def time_baseline(path: Path, db: Path) -> float:
    """The floor: parse each JSON line and insert it with one executemany, no analysis."""
    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE items (id TEXT PRIMARY KEY, source TEXT, author TEXT, posted_at INTEGER, text TEXT)")
    with path.open(encoding="utf-8") as fh:
        rows = ((r["id"], r["source"], r["author"], r["posted_at"], r["text"]) for r in map(json.loads, fh))
        conn.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def peak_rss_mib(path: Path, db: Path) -> float:
    out = subprocess.run([sys.executable, "-c", MEASURE, *scan_cmd(path, db)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"scan of {path} failed:\n{out.stderr[-2000:]}")
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--memory-lines", default="100000,1000000", help="two sizes, comma-separated")
    args = parser.parse_args()
    small, large = (int(x) for x in args.memory_lines.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = generate(work / "corpus.jsonl", args.lines)
        scan_s, summary = time_scan(corpus, work / "scan.db")
        base_s = time_baseline(corpus, work / "base.db")
        print(f"lines                         {args.lines:,}")
        print(f"threatdesk scan               {args.lines / scan_s:,.0f} items/s ({scan_s:.1f}s, labels {summary['per_label']})")
        print(f"sqlite3 executemany baseline  {args.lines / base_s:,.0f} items/s ({base_s:.1f}s)")
        print(f"ratio scan / baseline         {base_s / scan_s:.3f}")
        mem = {}
        for n in (small, large):
            path = corpus if n == args.lines else generate(work / f"corpus-{n}.jsonl", n)
            mem[n] = peak_rss_mib(path, work / f"mem-{n}.db")
            print(f"peak RSS, {n:>9,} lines      {mem[n]:,.1f} MiB")
        print(f"memory ratio {large:,} / {small:,}   {mem[large] / mem[small]:.3f}")


if __name__ == "__main__":
    main()
